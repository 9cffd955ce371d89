/**
 * How Zoom signs what it sends, written from Zoom's "Using webhooks" documentation and kept
 * independent of the product's verifier (src/zoom/webhook-signature.ts): if the two were one
 * function, a bug in it would pass every end-to-end test.
 *
 * - Every notification carries `x-zm-request-timestamp` (seconds) and
 *   `x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:<timestamp>:<raw body>")>`.
 * - `endpoint.url_validation` is answered with `{ plainToken, encryptedToken }`, where
 *   `encryptedToken` is the hex HMAC-SHA256 of `plainToken` keyed by the secret token.
 */
import { createHmac } from 'node:crypto';

export function zoomSignatureHeader(secretToken: string, timestamp: string, rawBody: string): string {
  const message = `v0:${timestamp}:${rawBody}`;
  return `v0=${createHmac('sha256', secretToken).update(message, 'utf8').digest('hex')}`;
}

export function zoomEncryptedToken(secretToken: string, plainToken: string): string {
  return createHmac('sha256', secretToken).update(plainToken, 'utf8').digest('hex');
}

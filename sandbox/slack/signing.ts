/**
 * How Slack signs what it sends to an app, written from Slack's "Verifying requests from Slack"
 * documentation and kept independent of Bolt's verifier (the one the product runs): if the two were
 * one function, a bug in it would pass every end-to-end test.
 *
 * - `X-Slack-Request-Timestamp`: the send time in whole seconds since the epoch.
 * - `X-Slack-Signature`: `v0=` + hex HMAC-SHA256 keyed by the app's signing secret over the base
 *   string `v0:{timestamp}:{raw request body}` (the body exactly as sent, never re-serialised).
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_VERSION = 'v0';

export function signatureBaseString(timestampSec: number | string, rawBody: string): string {
  return `${SIGNATURE_VERSION}:${timestampSec}:${rawBody}`;
}

export function signRequest(secret: string, timestampSec: number | string, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(signatureBaseString(timestampSec, rawBody), 'utf8');
  return `${SIGNATURE_VERSION}=${digest.digest('hex')}`;
}

/** The two headers Slack adds to every request it sends. */
export function signatureHeaders(
  secret: string,
  timestampSec: number,
  rawBody: string,
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  return {
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': signRequest(secret, timestampSec, rawBody),
  };
}

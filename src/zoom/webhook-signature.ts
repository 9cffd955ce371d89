/** Zoom webhook signing (DESIGN §2.4), shared by the receiver and the sandbox's sender. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `v0=` + hex(HMAC_SHA256(secret, `v0:${timestamp}:${rawBody}`)). */
export function signZoomWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/** The `encryptedToken` of an `endpoint.url_validation` answer. */
export function urlValidationToken(secret: string, plainToken: string): string {
  return createHmac('sha256', secret).update(plainToken).digest('hex');
}

/** Constant-time comparison of two signature strings (different lengths are simply unequal). */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  if (a.length !== b.length) {
    // Still spend the comparison so the timing does not reveal the length check.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Zoom sends the timestamp in seconds; accept milliseconds too, defensively. Null when unreadable. */
export function timestampMs(header: string): number | null {
  if (!/^\d{1,16}$/.test(header)) return null;
  const value = Number(header);
  return value > 1e12 ? value : value * 1000;
}

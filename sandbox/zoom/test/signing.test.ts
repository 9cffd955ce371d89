/**
 * signing.ts against vectors it did not compute itself (issue 15, item 2).
 *
 * Zoom publishes the algorithm ("Using webhooks" → verify webhook events / validate your webhook
 * endpoint, and zoom/webhook-sample's index.js), not a vector with its secret: no Zoom document,
 * Zoom sample or Zoom SDK (zoom/webhook-sample, zoom/rivet-javascript) found in the stored
 * corpora carries an input/secret/expected triple. So:
 * - the webhook signature and the URL-validation answer are checked against values computed with
 *   two independent tools, OpenSSL 3.0 and Python 3's hmac module (both gave the same hex):
 *     printf '%s' "v0:1719835200:<BODY>" | openssl dgst -sha256 -hmac 'Y3Nf0yKVTvC2A9bQk1hXfw' -hex
 *     printf '%s' 'qgg8vlvZRS6UYooatFL8Aw' | openssl dgst -sha256 -hmac 'Y3Nf0yKVTvC2A9bQk1hXfw' -hex
 * - `encryptedToken` is a bare HMAC-SHA256 in hex, so it is also checked against a published
 *   vector: RFC 4231, test case 2.
 */
import { describe, expect, it } from 'vitest';
import { zoomEncryptedToken, zoomSignatureHeader } from '../signing.js';

const SECRET = 'Y3Nf0yKVTvC2A9bQk1hXfw';
const TIMESTAMP = '1719835200';
// Non-ASCII on purpose: the raw body is signed as UTF-8 bytes.
const BODY =
  '{"event":"meeting.started","payload":{"account_id":"EabCDEFghiLHMA","object":{"id":"1234567890","topic":"Café ☕"}},"event_ts":1719835200123}';

describe('signing.ts', () => {
  it('x-zm-signature: v0= + hex HMAC-SHA256(secret, "v0:{timestamp}:{raw body}") as OpenSSL computes it', () => {
    expect(zoomSignatureHeader(SECRET, TIMESTAMP, BODY)).toBe(
      'v0=d60df2ad6d60144ab57a161e59562bfe56582d565587f204996d879513a7a023',
    );
  });

  it('changes with any byte of the timestamp, the body or the secret', () => {
    const reference = zoomSignatureHeader(SECRET, TIMESTAMP, BODY);
    expect(zoomSignatureHeader(SECRET, '1719835201', BODY)).not.toBe(reference);
    expect(zoomSignatureHeader(SECRET, TIMESTAMP, BODY.replace('☕', '🍵'))).not.toBe(reference);
    expect(zoomSignatureHeader(`${SECRET}x`, TIMESTAMP, BODY)).not.toBe(reference);
  });

  it('endpoint.url_validation: encryptedToken = hex HMAC-SHA256(secret, plainToken) as OpenSSL computes it', () => {
    expect(zoomEncryptedToken(SECRET, 'qgg8vlvZRS6UYooatFL8Aw')).toBe(
      '836ab1b1105bbe066212bd0e516797f10186556b39f89d1dcab395bc7b9abd94',
    );
  });

  it('is HMAC-SHA256 exactly: RFC 4231 test case 2 (key "Jefe")', () => {
    expect(zoomEncryptedToken('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signaturesEqual,
  signZoomWebhook,
  timestampMs,
  urlValidationToken,
} from '../../../src/zoom/webhook-signature.js';

describe('Zoom webhook signing', () => {
  it('is v0= + hex HMAC-SHA256 of v0:{timestamp}:{body}', () => {
    const body = '{"event":"user.updated","event_ts":1,"payload":{}}';
    const expected = `v0=${createHmac('sha256', 'secret').update(`v0:1700000000:${body}`).digest('hex')}`;
    expect(signZoomWebhook('secret', '1700000000', body)).toBe(expected);
    expect(signZoomWebhook('secret', '1700000000', Buffer.from(body))).toBe(expected);
    expect(signZoomWebhook('other', '1700000000', body)).not.toBe(expected);
  });

  it('answers url_validation with hex HMAC of the plain token', () => {
    expect(urlValidationToken('secret', 'abc')).toBe(
      createHmac('sha256', 'secret').update('abc').digest('hex'),
    );
  });

  it('compares in constant time and tolerates different lengths', () => {
    expect(signaturesEqual('v0=abc', 'v0=abc')).toBe(true);
    expect(signaturesEqual('v0=abc', 'v0=abd')).toBe(false);
    expect(signaturesEqual('v0=abc', 'v0=abcd')).toBe(false);
  });

  it('reads seconds or milliseconds, rejects garbage', () => {
    expect(timestampMs('1700000000')).toBe(1_700_000_000_000);
    expect(timestampMs('1700000000123')).toBe(1_700_000_000_123);
    expect(timestampMs('12abc')).toBeNull();
    expect(timestampMs('')).toBeNull();
  });
});

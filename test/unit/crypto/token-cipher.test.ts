import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CipherError,
  createTokenCipher,
  generateEncryptionKey,
  legacySealV1,
  parseEncryptionKeys,
  type SealContext,
} from '../../../src/crypto/token-cipher.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

const here: SealContext = {
  collection: 'zoom_grants',
  workspace: '*',
  subject: 'org:z1',
  field: 'credential.accessToken',
};

describe('createTokenCipher', () => {
  it('round-trips and never repeats a ciphertext (random IV)', () => {
    const cipher = createTokenCipher([k1]);
    const a = cipher.seal('zat_secret-token', here);
    const b = cipher.seal('zat_secret-token', here);
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
    expect(cipher.open(a, here)).toBe('zat_secret-token');
    expect(cipher.open(b, here)).toBe('zat_secret-token');
  });

  it('carries the version and key id: v2.<keyId>.<iv>.<tag>.<ciphertext>', () => {
    const cipher = createTokenCipher([k1]);
    const sealed = cipher.seal('x', here);
    const parts = sealed.split('.');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('v2');
    expect(cipher.keyIdOf(sealed)).toBe('k1');
    expect(cipher.versionOf(sealed)).toBe('v2');
    expect(cipher.currentKeyId).toBe('k1');
    expect(Buffer.from(parts[2] ?? '', 'base64url')).toHaveLength(12);
  });

  it('rotates: the first key encrypts, every key decrypts', () => {
    const old = createTokenCipher([k1]);
    const sealedWithOld = old.seal('old token', here);
    const rotated = createTokenCipher([k2, k1]);
    expect(rotated.open(sealedWithOld, here)).toBe('old token');
    const sealedWithNew = rotated.seal('new token', here);
    expect(rotated.keyIdOf(sealedWithNew)).toBe('k2');
    expect(() => old.open(sealedWithNew, here)).toThrowError(/not in the key ring/);
  });

  it('binds a value to its record: moved to another collection, workspace, subject or field, it does not open', () => {
    const cipher = createTokenCipher([k1]);
    const sealed = cipher.seal('zat_live', here);
    const elsewhere: SealContext[] = [
      { ...here, collection: 'approval_requests' },
      { ...here, workspace: 'T_OTHER' },
      { ...here, subject: 'org:z2' },
      { ...here, field: 'credential.refreshToken' },
    ];
    for (const context of elsewhere) {
      expect(() => cipher.open(sealed, context), JSON.stringify(context)).toThrowError(
        /not written for this record/,
      );
    }
    expect(cipher.open(sealed, here)).toBe('zat_live');
  });

  it('opens what round 1 wrote (v1, bound to its key id only), for any record', () => {
    const cipher = createTokenCipher([k2, k1]);
    const legacy = legacySealV1(k1, 'old-refresh-token');
    expect(cipher.versionOf(legacy)).toBe('v1');
    expect(cipher.open(legacy, here)).toBe('old-refresh-token');
    expect(cipher.open(legacy, { ...here, subject: 'org:z9' })).toBe('old-refresh-token');
    // A v1 relabelled with another key id still fails: its key id was bound.
    const relabelled = legacy.replace('.k1.', '.k2.');
    expect(() => cipher.open(relabelled, here)).toThrowError(CipherError);
  });

  it('refuses a context part that could alias another one', () => {
    const cipher = createTokenCipher([k1]);
    expect(() => cipher.seal('x', { ...here, subject: 'a|b' })).toThrowError(/Seal context subject/);
  });

  it('detects tampering with any byte of iv, tag or ciphertext', () => {
    const cipher = createTokenCipher([k1]);
    const sealed = cipher.seal('a fairly long access token value to tamper with', here);
    const [version, keyId, iv, tag, body] = sealed.split('.') as [string, string, string, string, string];
    const parts = { iv, tag, body };
    for (const name of ['iv', 'tag', 'body'] as const) {
      const bytes = Buffer.from(parts[name], 'base64url');
      for (let index = 0; index < bytes.length; index += 1) {
        const copy = Buffer.from(bytes);
        copy[index] = (copy[index] ?? 0) ^ 0x01;
        const edited = { ...parts, [name]: copy.toString('base64url') };
        const forged = [version, keyId, edited.iv, edited.tag, edited.body].join('.');
        expect(() => cipher.open(forged, here), `${name}[${index}]`).toThrowError(CipherError);
      }
    }
  });

  it('detects a relabelled key id and malformed strings, without echoing plaintext or key', () => {
    const ring = createTokenCipher([k1, { id: 'k3', key: k1.key }]);
    const sealed = ring.seal('plain-secret', here);
    const relabelled = sealed.replace('.k1.', '.k3.');
    let message = '';
    try {
      ring.open(relabelled, here);
    } catch (error) {
      expect(error).toBeInstanceOf(CipherError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/failed authentication/);
    expect(message).not.toContain('plain-secret');
    expect(message).not.toContain(k1.key.toString('base64'));
    for (const bad of ['', 'v1', 'v3.k1.a.b.c', 'v1.k1.!!.b.c', `${sealed}.extra`]) {
      expect(() => ring.open(bad, here)).toThrowError(CipherError);
    }
  });

  it('rejects a bad ring', () => {
    expect(() => createTokenCipher([])).toThrowError(/At least one/);
    expect(() => createTokenCipher([{ id: 'a', key: randomBytes(16) }])).toThrowError(/32 bytes/);
    expect(() => createTokenCipher([k1, { id: 'k1', key: randomBytes(32) }])).toThrowError(/Duplicate/);
    expect(() => createTokenCipher([{ id: 'a.b', key: randomBytes(32) }])).toThrowError(/invalid id/);
  });
});

describe('parseEncryptionKeys', () => {
  it('parses id:base64 pairs in order', () => {
    const a = generateEncryptionKey('a');
    const b = generateEncryptionKey('b');
    const keys = parseEncryptionKeys(`${a.encoded}, ${b.encoded}`);
    expect(keys.map((key) => key.id)).toEqual(['a', 'b']);
    expect(keys[0]?.key.equals(a.key)).toBe(true);
    expect(createTokenCipher(keys).currentKeyId).toBe('a');
  });

  it('names the problem without echoing key material', () => {
    const short = randomBytes(16).toString('base64');
    const attempts: Array<[string, RegExp]> = [
      ['', /no key given/],
      ['nokey', /not of the form/],
      [`a:${short}`, /32 bytes/],
      [`a:${randomBytes(32).toString('base64')},a:${randomBytes(32).toString('base64')}`, /appears twice/],
      ['a:not*base64', /not valid base64/],
    ];
    for (const [value, expected] of attempts) {
      let message = '';
      try {
        parseEncryptionKeys(value);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(expected);
      if (value.includes(':')) expect(message).not.toContain(value.split(':')[1]?.split(',')[0] ?? '#');
    }
  });
});

/**
 * Token encryption at rest (DESIGN §3.5): AES-256-GCM with a key ring. The first key encrypts,
 * every key decrypts, so keys can be rotated by prepending a new one. The sealed string carries
 * the key id: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The version and key id are
 * authenticated as associated data, so relabelling a ciphertext with another key id is detected.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

export type CipherErrorCode = 'bad_key_config' | 'bad_ciphertext' | 'unknown_key';

/** Errors never carry plaintext or key material: only what is wrong. */
export class CipherError extends AppError<CipherErrorCode> {}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface TokenCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  keyIdOf(sealed: string): string;
  readonly currentKeyId: string;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function validateRing(keys: ReadonlyArray<EncryptionKey>): void {
  if (keys.length === 0) throw new CipherError('bad_key_config', 'At least one encryption key is required');
  const seen = new Set<string>();
  keys.forEach((entry, index) => {
    if (!KEY_ID.test(entry.id)) {
      throw new CipherError(
        'bad_key_config',
        `Encryption key #${index + 1} has an invalid id (use 1-64 of A-Z a-z 0-9 _ -)`,
      );
    }
    if (seen.has(entry.id))
      throw new CipherError('bad_key_config', `Duplicate encryption key id "${entry.id}"`);
    seen.add(entry.id);
    if (entry.key.length !== KEY_BYTES) {
      throw new CipherError(
        'bad_key_config',
        `Encryption key "${entry.id}" must be ${KEY_BYTES} bytes, got ${entry.key.length}`,
      );
    }
  });
}

interface SealedParts {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function splitSealed(sealed: string): SealedParts {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new CipherError('bad_ciphertext', 'Sealed token has an unknown format');
  }
  const [, keyId = '', iv = '', tag = '', ciphertext = ''] = parts;
  if (!KEY_ID.test(keyId) || ![iv, tag, ciphertext].every((part) => BASE64URL.test(part))) {
    throw new CipherError('bad_ciphertext', 'Sealed token has an unknown format');
  }
  const parsed = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  // Re-encoding must give the same text: catches non-canonical (edited) base64url characters.
  if (
    parsed.iv.length !== IV_BYTES ||
    parsed.tag.length !== TAG_BYTES ||
    parsed.iv.toString('base64url') !== iv ||
    parsed.tag.toString('base64url') !== tag ||
    parsed.ciphertext.toString('base64url') !== ciphertext
  ) {
    throw new CipherError('bad_ciphertext', 'Sealed token is malformed');
  }
  return parsed;
}

function associatedData(keyId: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}`, 'utf8');
}

export function createTokenCipher(keys: ReadonlyArray<EncryptionKey>): TokenCipher {
  validateRing(keys);
  const ring = new Map(keys.map((entry) => [entry.id, Buffer.from(entry.key)] as const));
  const [current] = keys;
  if (current === undefined)
    throw new CipherError('bad_key_config', 'At least one encryption key is required');
  const currentKeyId = current.id;
  const currentKey = Buffer.from(current.key);

  return {
    currentKeyId,
    encrypt(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(currentKeyId));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        currentKeyId,
        iv.toString('base64url'),
        tag.toString('base64url'),
        ciphertext.toString('base64url'),
      ].join('.');
    },
    decrypt(sealed: string): string {
      const parts = splitSealed(sealed);
      const key = ring.get(parts.keyId);
      if (key === undefined) {
        throw new CipherError(
          'unknown_key',
          `Sealed token uses key "${parts.keyId}", which is not in the key ring`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(associatedData(parts.keyId));
        decipher.setAuthTag(parts.tag);
        return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // The underlying error says nothing useful and must not be echoed; the cause is tampering or a wrong key.
        throw new CipherError('bad_ciphertext', 'Sealed token failed authentication (tampered or wrong key)');
      }
    },
    keyIdOf(sealed: string): string {
      return splitSealed(sealed).keyId;
    },
  };
}

/**
 * Parses `TOKEN_ENCRYPTION_KEYS` (the one parser: configuration, key rotation and tests use it):
 * `id:base64key,id2:base64key` with 32-byte keys and unique ids, the first one encrypting.
 * Messages name the entry by position and id only, never the key text.
 */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    throw new CipherError('bad_key_config', 'no key given: expected id:base64key[,id:base64key]');
  }
  const seen = new Set<string>();
  return entries.map((entry, index): EncryptionKey => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    if (!KEY_ID.test(id)) {
      throw new CipherError(
        'bad_key_config',
        `entry #${index + 1} is not of the form id:base64key (an id of letters, digits, - or _)`,
      );
    }
    if (seen.has(id)) throw new CipherError('bad_key_config', `key id "${id}" appears twice`);
    seen.add(id);
    const encoded = entry.slice(separator + 1);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) {
      throw new CipherError('bad_key_config', `key "${id}" is not valid base64`);
    }
    const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
    if (key.length !== KEY_BYTES) {
      throw new CipherError(
        'bad_key_config',
        `key "${id}" must be ${KEY_BYTES} bytes encoded in base64 (got ${key.length} bytes)`,
      );
    }
    return { id, key };
  });
}

/** A fresh random key, e.g. for the sandbox: `{ id, key }` plus the `id:base64` form for the env. */
export function generateEncryptionKey(
  id = `k${Date.now().toString(36)}`,
): EncryptionKey & { encoded: string } {
  const key = randomBytes(KEY_BYTES);
  return { id, key, encoded: `${id}:${key.toString('base64')}` };
}

/**
 * Token encryption at rest (DESIGN §3.5): AES-256-GCM with a key ring. The first key encrypts,
 * every key decrypts, so keys can be rotated by prepending a new one. The sealed string carries
 * the key id: `v2.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 *
 * Why a seal context (issue 13): the associated data binds each ciphertext to the record and the
 * field it was written for (collection, workspace, subject, field) as well as to its version and
 * key id. A sealed token copied into another record — another workspace's connection, another
 * request — no longer opens, so write access to the database alone cannot move a secret to where
 * it would be used for someone else. `v1` envelopes (round 1: only the key id was bound) still
 * open, for any context; the key-rotation command rewrites them as `v2`.
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

/** Where a sealed value lives: what its associated data binds it to. */
export interface SealContext {
  collection: string;
  /** The workspace key of the record, or `*` for records shared by workspaces (Zoom grants). */
  workspace: string;
  /** The record within the collection (a request id, `org:<zoom user id>`, …). */
  subject: string;
  field: string;
}

export interface TokenCipher {
  seal(plain: string, context: SealContext): string;
  /** Opens a v2 envelope written for exactly this context, or a legacy v1 envelope. */
  open(sealed: string, context: SealContext): string;
  keyIdOf(sealed: string): string;
  /** `v1` (round 1, not bound to its record) or `v2`. */
  versionOf(sealed: string): 'v1' | 'v2';
  readonly currentKeyId: string;
}

const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
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
  version: 'v1' | 'v2';
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function splitSealed(sealed: string): SealedParts {
  const parts = typeof sealed === 'string' ? sealed.split('.') : [];
  const [version = '', keyId = '', iv = '', tag = '', ciphertext = ''] = parts;
  if (parts.length !== 5 || (version !== VERSION && version !== LEGACY_VERSION)) {
    throw new CipherError('bad_ciphertext', 'Sealed token has an unknown format');
  }
  if (!KEY_ID.test(keyId) || ![iv, tag, ciphertext].every((part) => BASE64URL.test(part))) {
    throw new CipherError('bad_ciphertext', 'Sealed token has an unknown format');
  }
  const parsed = {
    version: version as 'v1' | 'v2',
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

const CONTEXT_PART = /^[A-Za-z0-9_.:*@+-]{1,200}$/;

function checkContext(context: SealContext): void {
  for (const [name, value] of Object.entries(context)) {
    // The parts are joined with '|': a part holding it (or anything unexpected) could alias another context.
    if (typeof value !== 'string' || !CONTEXT_PART.test(value)) {
      throw new CipherError('bad_key_config', `Seal context ${name} is not valid`);
    }
  }
}

function associatedData(version: 'v1' | 'v2', keyId: string, context: SealContext): Buffer {
  if (version === LEGACY_VERSION) return Buffer.from(`${LEGACY_VERSION}.${keyId}`, 'utf8');
  checkContext(context);
  const { collection, workspace, subject, field } = context;
  return Buffer.from(`${VERSION}.${keyId}|${collection}|${workspace}|${subject}|${field}`, 'utf8');
}

function sealWith(version: 'v1' | 'v2', keyId: string, key: Buffer, plain: string, aad: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    version,
    keyId,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

/**
 * What round 1 wrote (`v1`, bound to its key id only). Kept so the migration and rotation tests can
 * write a database as the previous version did; the app itself never writes v1.
 */
export function legacySealV1(key: EncryptionKey, plain: string): string {
  return sealWith(LEGACY_VERSION, key.id, key.key, plain, associatedData(LEGACY_VERSION, key.id, NO_CONTEXT));
}

const NO_CONTEXT: SealContext = { collection: '-', workspace: '-', subject: '-', field: '-' };

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
    seal(plain, context) {
      return sealWith(
        VERSION,
        currentKeyId,
        currentKey,
        plain,
        associatedData(VERSION, currentKeyId, context),
      );
    },
    open(sealed, context) {
      const parts = splitSealed(sealed);
      const key = ring.get(parts.keyId);
      if (key === undefined) {
        throw new CipherError(
          'unknown_key',
          `Sealed token uses key "${parts.keyId}", which is not in the key ring`,
        );
      }
      const aad = associatedData(parts.version, parts.keyId, context);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad);
        decipher.setAuthTag(parts.tag);
        return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // The underlying error says nothing useful and must not be echoed: tampering, a wrong key, or
        // a value moved from another record.
        throw new CipherError(
          'bad_ciphertext',
          'Sealed token failed authentication (tampered, wrong key, or not written for this record)',
        );
      }
    },
    keyIdOf(sealed) {
      return splitSealed(sealed).keyId;
    },
    versionOf(sealed) {
      return splitSealed(sealed).version;
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

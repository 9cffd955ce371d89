/**
 * Re-seals every stored secret with the newest key of the ring and bound to its record (v2
 * envelopes, issue 13; v1 ones are rewritten too), safe
 * while instances serve: documents are visited in small batches by `_id`, and each is written with
 * ONE conditional update whose filter repeats the ciphertexts that were read (compare-and-set). If
 * anything changed in between (a token refresh, a new attempt on a request), the update matches
 * nothing, the document is read again and the rotation retried on the fresh values, so a
 * concurrent write is never overwritten by a re-encrypted older secret.
 */
import type { Collection, Document, ObjectId } from 'mongodb';
import pino from 'pino';
import type { SealContext, TokenCipher } from '../crypto/token-cipher.js';
import type { Models } from '../db/models/index.js';
import { grantSeal, installationSeal, requestTokenSeal, requestVerifierSeal } from '../db/sealed-fields.js';

export interface RotationCounts {
  collection: string;
  /** Documents visited. */
  scanned: number;
  /** Documents rewritten with the newest key. */
  rotated: number;
  /** Documents whose secrets all carried the newest key already. */
  current: number;
  /** Compare-and-set misses (a concurrent write), each followed by a re-read. */
  conflicts: number;
  /** Documents left as they were: a secret that no key of the ring decrypts, or too many conflicts. */
  failed: number;
}

export interface KeyRotationDeps {
  models: Models;
  cipher: TokenCipher;
  logger?: pino.Logger;
  batchSize?: number;
  /** Called after a document is read and before it is written (progress; tests use it to race a write). */
  onRead?: (collection: string, id: ObjectId) => Promise<void> | void;
}

/** Where the sealed strings live in each collection's documents (dotted paths; `*` = every array item). */
const SECRET_PATHS: Record<string, string[]> = {
  zoom_grants: ['credential.accessToken', 'credential.refreshToken'],
  approval_requests: ['tokenSealed', 'attempts.*.codeVerifier'],
  slack_installations: [
    'installation.bot.token',
    'installation.bot.refreshToken',
    'installation.user.token',
    'installation.user.refreshToken',
  ],
};

const text = (value: unknown) => (typeof value === 'string' ? value : String(value ?? ''));

/** The seal context of the secret at `path` of `doc` (src/db/sealed-fields.ts says which). */
export function contextOf(collection: string, doc: Document, path: string): SealContext {
  switch (collection) {
    case 'zoom_grants':
      return grantSeal(
        doc.app === 'org' ? 'org' : 'user',
        text(doc.zoomUserId),
        path.endsWith('accessToken') ? 'accessToken' : 'refreshToken',
      );
    case 'approval_requests': {
      const workspaceId = text(doc.workspaceId);
      const requestId = text(doc._id);
      if (path === 'tokenSealed') return requestTokenSeal(workspaceId, requestId);
      const index = Number(path.split('.')[1]);
      const stateHash = text(
        (doc.attempts as Array<{ stateHash?: unknown }> | undefined)?.[index]?.stateHash,
      );
      return requestVerifierSeal(workspaceId, requestId, stateHash);
    }
    default:
      return installationSeal(
        {
          workspaceId: text(doc.workspaceId),
          enterpriseId: typeof doc.enterpriseId === 'string' ? doc.enterpriseId : null,
        },
        path,
      );
  }
}

const MAX_CONFLICTS_PER_DOCUMENT = 5;

function valueAt(doc: unknown, path: string[]): unknown {
  let node = doc;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Concrete dotted paths holding a string, expanding `*` over arrays. */
function concretePaths(doc: unknown, pattern: string): string[] {
  const star = pattern.indexOf('.*.');
  if (star === -1) return typeof valueAt(doc, pattern.split('.')) === 'string' ? [pattern] : [];
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 3);
  const list = valueAt(doc, head.split('.'));
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, index) => concretePaths(doc, `${head}.${index}.${tail}`));
}

type Outcome = 'rotated' | 'current' | 'conflict' | 'failed';

function rotateOne(
  collection: string,
  doc: Document,
  patterns: string[],
  cipher: TokenCipher,
): { filter: Document; set: Document } | 'current' | 'failed' {
  const filter: Document = { _id: doc._id };
  const set: Document = {};
  for (const path of patterns.flatMap((pattern) => concretePaths(doc, pattern))) {
    const sealed = valueAt(doc, path.split('.')) as string;
    if (sealed === '') continue;
    try {
      if (cipher.keyIdOf(sealed) === cipher.currentKeyId && cipher.versionOf(sealed) === 'v2') continue;
      const context = contextOf(collection, doc, path);
      set[path] = cipher.seal(cipher.open(sealed, context), context);
    } catch {
      return 'failed';
    }
    filter[path] = sealed;
  }
  return Object.keys(set).length === 0 ? 'current' : { filter, set };
}

async function rotateDocument(
  collection: Collection,
  id: ObjectId,
  patterns: string[],
  deps: KeyRotationDeps,
): Promise<{ outcome: Exclude<Outcome, 'conflict'>; conflicts: number }> {
  let conflicts = 0;
  for (;;) {
    const doc = await collection.findOne({ _id: id });
    if (!doc) return { outcome: 'current', conflicts }; // deleted meanwhile: nothing left to protect
    await deps.onRead?.(collection.collectionName, id);
    const plan = rotateOne(collection.collectionName, doc, patterns, deps.cipher);
    if (plan === 'current' || plan === 'failed') return { outcome: plan, conflicts };
    const result = await collection.updateOne(plan.filter, { $set: plan.set });
    if (result.matchedCount === 1) return { outcome: 'rotated', conflicts };
    conflicts += 1;
    if (conflicts >= MAX_CONFLICTS_PER_DOCUMENT) return { outcome: 'failed', conflicts };
  }
}

export async function rotateKeys(deps: KeyRotationDeps): Promise<RotationCounts[]> {
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'rotate-keys' });
  const batchSize = Math.max(1, Math.min(deps.batchSize ?? 100, 1_000));
  const collections: Record<string, Collection> = {
    zoom_grants: deps.models.zoomGrants.collection as unknown as Collection,
    approval_requests: deps.models.approvalRequests.collection as unknown as Collection,
    slack_installations: deps.models.slackInstallations.collection as unknown as Collection,
  };
  const report: RotationCounts[] = [];
  for (const [name, collection] of Object.entries(collections)) {
    const patterns = SECRET_PATHS[name] ?? [];
    const counts: RotationCounts = {
      collection: name,
      scanned: 0,
      rotated: 0,
      current: 0,
      conflicts: 0,
      failed: 0,
    };
    let after: ObjectId | undefined;
    for (;;) {
      const ids = await collection
        .find(after ? { _id: { $gt: after } } : {}, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .limit(batchSize)
        .toArray();
      for (const { _id } of ids) {
        const id = _id as ObjectId;
        const { outcome, conflicts } = await rotateDocument(collection, id, patterns, deps);
        counts.scanned += 1;
        counts[outcome] += 1;
        counts.conflicts += conflicts;
        // Ids only: never a secret, never a ciphertext.
        if (outcome === 'failed') logger.error({ collection: name, id: String(id) }, 'secret not rotated');
      }
      if (ids.length < batchSize) break;
      after = ids[ids.length - 1]?._id as ObjectId;
    }
    logger.info(counts, 'key rotation done for collection');
    report.push(counts);
  }
  return report;
}

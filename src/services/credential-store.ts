/**
 * A `CredentialStore` (the Zoom layer's contract, src/zoom/contracts.ts) over one field of one
 * MongoDB document (the `credential` sub-document of src/db/models/credential.ts). Every write is
 * a single atomic update on that document, so the lease works across processes and instances
 * without transactions (DESIGN §3.5, §4.1).
 */
import type { Model } from 'mongoose';
import { z } from 'zod';
import type { CredentialStore, StoredCredential } from '../zoom/contracts.js';

const storedShape = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresAt: z.coerce.date(),
  scope: z.string().default(''),
  apiUrl: z.string().nullish(),
});

export interface MongoCredentialStoreOptions {
  /** Any mongoose model: only its collection is used (plain atomic updates, no document casting). */
  model: Pick<Model<unknown>, 'collection'>;
  /** Selects exactly one document; must carry the workspace key (DESIGN §4.1). */
  filter: Record<string, unknown>;
  /** Field holding the credential; default `credential`. */
  path?: string;
  clock?: () => Date;
}

function pick(doc: unknown, path: string): StoredCredential | null {
  let value: unknown = doc;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[segment];
  }
  const parsed = storedShape.safeParse(value);
  if (!parsed.success) return null;
  const { apiUrl, ...rest } = parsed.data;
  return apiUrl ? { ...rest, apiUrl } : rest;
}

export function createMongoCredentialStore(options: MongoCredentialStoreOptions): CredentialStore {
  const path = options.path ?? 'credential';
  const clock = options.clock ?? (() => new Date());
  // The raw driver collection: the updates below are plain MongoDB, no document casting needed,
  // and the core's model keeps whatever schema it wants around the credential.
  const collection = () => options.model.collection;
  const lease = `${path}.refreshLease`;
  const filter = (): Record<string, unknown> => ({ ...options.filter });

  return {
    async read() {
      const doc = await collection().findOne(filter(), { projection: { [path]: 1 } });
      return pick(doc, path);
    },
    async claimRefreshLease(holder, until) {
      const now = clock();
      const doc = await collection().findOneAndUpdate(
        {
          // $and keeps the caller's filter intact even when it has its own $or.
          $and: [
            filter(),
            { [`${path}.refreshToken`]: { $type: 'string' } },
            {
              $or: [
                { [lease]: null },
                { [`${lease}.until`]: { $lte: now } },
                { [`${lease}.holder`]: holder },
              ],
            },
          ],
        },
        { $set: { [lease]: { holder, until } } },
        { returnDocument: 'after', projection: { [path]: 1 } },
      );
      return pick(doc, path);
    },
    async saveRefreshed(holder, next) {
      const result = await collection().updateOne(
        { ...filter(), [`${lease}.holder`]: holder },
        {
          $set: {
            [`${path}.accessToken`]: next.accessToken,
            [`${path}.refreshToken`]: next.refreshToken,
            [`${path}.expiresAt`]: next.expiresAt,
            [`${path}.scope`]: next.scope,
            [`${path}.apiUrl`]: next.apiUrl ?? null,
            [lease]: null,
          },
        },
      );
      return result.modifiedCount === 1 || result.matchedCount === 1;
    },
    async releaseRefreshLease(holder) {
      await collection().updateOne({ ...filter(), [`${lease}.holder`]: holder }, { $set: { [lease]: null } });
    },
  };
}

/** A stored credential document as the Zoom layer's `StoredCredential` (no `null` api_url). */
export function toStoredCredential(credential: {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
  apiUrl?: string | null | undefined;
}): StoredCredential {
  const { accessToken, refreshToken, expiresAt, scope, apiUrl } = credential;
  return apiUrl
    ? { accessToken, refreshToken, expiresAt, scope, apiUrl }
    : { accessToken, refreshToken, expiresAt, scope };
}

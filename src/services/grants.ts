/**
 * Zoom grants, one per (app, Zoom user), shared by the connections that use them (see
 * src/db/models/zoom-grant.ts for why). Attaching stores the tokens of a new authorization (Zoom
 * has just invalidated the previous ones, so every holder moves to the new tokens at once) and
 * records the holder; detaching removes a holder and revokes the grant at Zoom only when it was
 * the last. A holder reads tokens only while active, through a store scoped to it, so a stale
 * generation or a suspended connection never gets a token.
 */

import type { Types } from 'mongoose';
import pino from 'pino';
import type { GrantHolder, Models, ZoomGrantDoc } from '../db/models/index.js';
import { grantSealSubject } from '../db/sealed-fields.js';
import type {
  CredentialRef,
  CredentialStore,
  ZoomAppKind,
  ZoomTokenSet,
  ZoomUser,
} from '../zoom/contracts.js';
import { createMongoCredentialStore, toStoredCredential } from './credential-store.js';
import type { CommonDeps, ZoomGateway } from './ports.js';

/** Which holder: its workspace and kind, plus the member, generation or request that names it. */
export type HolderIdentity =
  | { workspaceId: string; kind: 'org'; generation: number }
  | { workspaceId: string; kind: 'personal'; slackUserId: string }
  | { workspaceId: string; kind: 'parked'; requestId: string };

/** The grant a connection points at: enough to build its credential reference without a read. */
export interface GrantPointer {
  grantId: Types.ObjectId | string;
  app: ZoomAppKind;
  zoomUserId: string;
}

export interface GrantsService {
  /** Stores a new authorization's tokens on the (app, user) grant and makes `holder` one of its holders. */
  attach(
    app: ZoomAppKind,
    authorization: { tokens: ZoomTokenSet; user: ZoomUser },
    holder: HolderIdentity & { active: boolean },
  ): Promise<GrantPointer>;
  /** Removes a holder; the last one out revokes the grant at Zoom (unless Zoom already ended it). */
  detach(
    pointer: GrantPointer,
    holder: HolderIdentity,
    options?: { revoke?: boolean },
  ): Promise<{ lastHolder: boolean; revoked: boolean | null }>;
  /** Suspends or resumes a holder (a connection that needs reconnecting reads no token). */
  setActive(pointer: GrantPointer, holder: HolderIdentity, active: boolean): Promise<void>;
  /** After a handover within one grant: drops the workspace's org holders of other generations. */
  pruneOrg(pointer: GrantPointer, workspaceId: string, keepGeneration: number): Promise<void>;
  /** Moves a holder to another identity (a parked approval confirmed becomes the connection). */
  rename(
    pointer: GrantPointer,
    from: HolderIdentity,
    to: HolderIdentity & { active: boolean },
  ): Promise<boolean>;
  /** The credential reference the Zoom gateway uses for this holder. */
  ref(pointer: GrantPointer, holder: HolderIdentity): CredentialRef;
  /** Every holder of every grant of `app` in a Zoom account (app removed there, by whichever admin). */
  holdersInAccount(
    app: ZoomAppKind,
    zoomAccountId: string,
  ): Promise<Array<{ pointer: GrantPointer; holders: GrantHolder[] }>>;
  /** Every grant a workspace holds (uninstall). */
  heldBy(workspaceId: string): Promise<Array<{ pointer: GrantPointer; holders: GrantHolder[] }>>;
}

/** The holder as a query on the `holders` array (its identity fields, nothing else). */
function identityFilter(holder: HolderIdentity): Record<string, unknown> {
  switch (holder.kind) {
    case 'org':
      return { workspaceId: holder.workspaceId, kind: 'org', generation: holder.generation };
    case 'personal':
      return { workspaceId: holder.workspaceId, kind: 'personal', slackUserId: holder.slackUserId };
    case 'parked':
      return { workspaceId: holder.workspaceId, kind: 'parked', requestId: holder.requestId };
  }
}

/** Org holders of a workspace are one slot whatever their generation (a handover replaces it). */
function slotFilter(holder: HolderIdentity): Record<string, unknown> {
  return holder.kind === 'org' ? { workspaceId: holder.workspaceId, kind: 'org' } : identityFilter(holder);
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

const pointerOf = (doc: Pick<ZoomGrantDoc, '_id' | 'app' | 'zoomUserId'>): GrantPointer => ({
  grantId: doc._id,
  app: doc.app,
  zoomUserId: doc.zoomUserId,
});

export function createGrantsService(deps: CommonDeps & { models: Models; zoom: ZoomGateway }): GrantsService {
  const { models, zoom } = deps;
  const grants = models.zoomGrants;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'grants' });

  function store(pointer: GrantPointer, holder: HolderIdentity): CredentialStore {
    return createMongoCredentialStore({
      model: grants,
      filter: {
        _id: pointer.grantId,
        app: pointer.app,
        holders: { $elemMatch: { ...identityFilter(holder), active: true } },
      },
      clock,
    });
  }

  async function revokeLast(doc: ZoomGrantDoc): Promise<boolean | null> {
    if (!doc.credential) return null;
    try {
      await zoom.revoke(
        doc.app,
        toStoredCredential(doc.credential),
        grantSealSubject(doc.app, doc.zoomUserId),
      );
      return true;
    } catch (error) {
      logger.warn({ app: doc.app, err: error }, 'revoking a Zoom grant failed');
      return false;
    }
  }

  return {
    async attach(app, { tokens, user }, holder) {
      const now = clock();
      const upsert = () =>
        grants
          .findOneAndUpdate(
            { app, zoomUserId: user.id },
            {
              $set: {
                zoomAccountId: user.accountId,
                zoomEmail: user.email.toLowerCase(),
                credential: zoom.seal(tokens, grantSealSubject(app, user.id)),
                updatedAt: now,
              },
              $setOnInsert: { app, zoomUserId: user.id, holders: [], createdAt: now },
            },
            { upsert: true, returnDocument: 'after', projection: { _id: 1, app: 1, zoomUserId: 1 } },
          )
          .lean<ZoomGrantDoc>();
      // Two first authorizations of the same Zoom user racing on the upsert: the loser retries as an update.
      const doc = await upsert().catch((error: unknown) =>
        isDuplicateKey(error) ? upsert() : Promise.reject(error),
      );
      if (!doc) throw new Error('grant upsert returned nothing');
      // Added if absent, then set active as asked: the holder is never missing in between, so a
      // connection reconnecting to the same Zoom user keeps reading tokens throughout.
      const identity = identityFilter(holder);
      await grants.updateOne(
        { _id: doc._id, holders: { $not: { $elemMatch: identity } } },
        { $push: { holders: holder } },
      );
      await grants.updateOne(
        { _id: doc._id, holders: { $elemMatch: identity } },
        { $set: { 'holders.$.active': holder.active } },
      );
      return pointerOf(doc);
    },

    async detach(pointer, holder, options = {}) {
      const after = await grants
        .findOneAndUpdate(
          { _id: pointer.grantId, app: pointer.app },
          { $pull: { holders: identityFilter(holder) } },
          { returnDocument: 'after' },
        )
        .lean<ZoomGrantDoc>();
      if (!after || after.holders.length > 0) return { lastHolder: false, revoked: null };
      // Only if nobody attached in between: the condition on an empty holder list decides.
      const removed = await grants
        .findOneAndDelete({ _id: after._id, holders: { $size: 0 } })
        .lean<ZoomGrantDoc>();
      if (!removed) return { lastHolder: false, revoked: null };
      return { lastHolder: true, revoked: (options.revoke ?? true) ? await revokeLast(removed) : null };
    },

    async setActive(pointer, holder, active) {
      await grants.updateOne(
        { _id: pointer.grantId, app: pointer.app, holders: { $elemMatch: identityFilter(holder) } },
        { $set: { 'holders.$.active': active } },
      );
    },

    async pruneOrg(pointer, workspaceId, keepGeneration) {
      await grants.updateOne(
        { _id: pointer.grantId, app: pointer.app },
        { $pull: { holders: { workspaceId, kind: 'org', generation: { $ne: keepGeneration } } } },
      );
    },

    async rename(pointer, from, to) {
      // Conditioned on `from` still holding it: a parked holder already removed (cancelled,
      // expired) cannot be confirmed into a connection.
      const result = await grants.updateOne(
        { _id: pointer.grantId, app: pointer.app, holders: { $elemMatch: identityFilter(from) } },
        { $pull: { holders: identityFilter(from) } },
      );
      if (result.modifiedCount === 0) return false;
      await grants.updateOne({ _id: pointer.grantId }, { $pull: { holders: slotFilter(to) } });
      await grants.updateOne({ _id: pointer.grantId }, { $push: { holders: to } });
      return true;
    },

    ref(pointer, holder) {
      return {
        app: pointer.app,
        store: store(pointer, holder),
        seal: grantSealSubject(pointer.app, pointer.zoomUserId),
      };
    },

    async holdersInAccount(app, zoomAccountId) {
      const docs = await grants
        .find({ app, zoomAccountId }, { _id: 1, app: 1, zoomUserId: 1, holders: 1 })
        .limit(5000)
        .lean<ZoomGrantDoc[]>();
      return docs.map((doc) => ({ pointer: pointerOf(doc), holders: doc.holders }));
    },

    async heldBy(workspaceId) {
      const docs = await grants
        .find({ 'holders.workspaceId': workspaceId }, { _id: 1, app: 1, zoomUserId: 1, holders: 1 })
        .limit(100_000)
        .lean<ZoomGrantDoc[]>();
      return docs.map((doc) => ({
        pointer: pointerOf(doc),
        holders: doc.holders.filter((h) => h.workspaceId === workspaceId),
      }));
    },
  };
}

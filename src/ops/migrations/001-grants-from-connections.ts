/**
 * Round 1 stored Zoom tokens inside each connection (`credential`, sealed v1). Now they live once
 * per (app, Zoom user) in zoom_grants, held by every connection that uses them (issue 13 §5). For
 * each connection still carrying `credential`: open it, reseal it bound to its grant (v2), put it
 * on the grant, add the connection as a holder (active when the connection is), point the
 * connection at the grant and drop the embedded copy — each connection in one compare-and-set,
 * so a rerun skips what is done. When two connections carry tokens of one Zoom user and app, Zoom
 * had already invalidated all but the newest authorization: the freshest tokens win.
 */
import type { Collection, Document } from 'mongodb';
import type { Types } from 'mongoose';
import type { GrantHolder } from '../../db/models/index.js';
import { grantSeal } from '../../db/sealed-fields.js';
import type { MigrationContext } from './model.js';
import type { Migration } from './runner.js';

interface LegacyCredential {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope?: string;
  apiUrl?: string | null;
}

type Kind =
  | { app: 'org'; collection: 'org_connections' }
  | { app: 'user'; collection: 'personal_connections' };

function holderOf(kind: Kind, doc: Document): GrantHolder {
  const active = doc.status === 'active';
  const workspaceId = String(doc.workspaceId);
  return kind.app === 'org'
    ? { workspaceId, kind: 'org', generation: Number(doc.generation ?? 0), active }
    : { workspaceId, kind: 'personal', slackUserId: String(doc.slackUserId), active };
}

async function moveOne(ctx: MigrationContext, kind: Kind, doc: Document): Promise<'moved' | 'skipped'> {
  const legacy = doc.credential as LegacyCredential;
  const grants = ctx.models.zoomGrants.collection as unknown as Collection;
  const connections = (kind.app === 'org' ? ctx.models.orgConnections : ctx.models.personalConnections)
    .collection as unknown as Collection;
  const zoomUserId = String(doc.zoomUserId);
  const seal = (field: 'accessToken' | 'refreshToken') =>
    ctx.cipher.seal(
      ctx.cipher.open(legacy[field], grantSeal(kind.app, zoomUserId, field)),
      grantSeal(kind.app, zoomUserId, field),
    );
  const credential = {
    accessToken: seal('accessToken'),
    refreshToken: seal('refreshToken'),
    expiresAt: legacy.expiresAt,
    scope: legacy.scope ?? '',
    ...(legacy.apiUrl ? { apiUrl: legacy.apiUrl } : {}),
    refreshLease: null,
  };
  const now = ctx.clock();
  const existing = await grants.findOne({ app: kind.app, zoomUserId });
  const fresher =
    !existing?.credential || new Date(existing.credential.expiresAt) < new Date(legacy.expiresAt);
  const grant = await grants.findOneAndUpdate(
    { app: kind.app, zoomUserId },
    {
      $set: {
        zoomAccountId: doc.zoomAccountId ?? '',
        zoomEmail: String(doc.zoomEmail ?? '').toLowerCase(),
        updatedAt: now,
        ...(fresher ? { credential } : {}),
      },
      $setOnInsert: { app: kind.app, zoomUserId, holders: [], createdAt: now },
    },
    { upsert: true, returnDocument: 'after' },
  );
  if (!grant) throw new Error('grant upsert returned nothing');
  const holder = holderOf(kind, doc);
  const { active: _active, ...identity } = holder;
  await ctx.models.zoomGrants.updateOne(
    { _id: grant._id as Types.ObjectId, holders: { $not: { $elemMatch: identity } } },
    { $push: { holders: holder } },
  );
  const moved = await connections.updateOne(
    { _id: doc._id, credential: { $exists: true }, 'credential.refreshToken': legacy.refreshToken },
    { $set: { grantId: grant._id }, $unset: { credential: '' } },
  );
  return moved.modifiedCount === 1 ? 'moved' : 'skipped';
}

export const grantsFromConnections: Migration = {
  id: '001-grants-from-connections',
  async up(ctx) {
    const counts = { org: 0, personal: 0, skipped: 0 };
    for (const kind of [
      { app: 'org', collection: 'org_connections' },
      { app: 'user', collection: 'personal_connections' },
    ] as const satisfies readonly Kind[]) {
      const connections = (kind.app === 'org' ? ctx.models.orgConnections : ctx.models.personalConnections)
        .collection as unknown as Collection;
      const legacy = await connections.find({ credential: { $exists: true } }).toArray();
      // Oldest tokens first, so the freshest authorization of a shared Zoom user ends on the grant.
      legacy.sort(
        (a, b) => new Date(a.credential.expiresAt).getTime() - new Date(b.credential.expiresAt).getTime(),
      );
      for (const doc of legacy) {
        const outcome = await moveOne(ctx, kind, doc);
        if (outcome === 'skipped') counts.skipped += 1;
        else counts[kind.app === 'org' ? 'org' : 'personal'] += 1;
      }
    }
    return counts;
  },
};

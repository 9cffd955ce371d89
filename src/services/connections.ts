import pino from 'pino';
import type { CredentialDoc } from '../db/models/credential.js';
import type { Models } from '../db/models/index.js';
import { type Precedence, resolvePrecedence } from '../domain/precedence.js';
import type {
  CredentialRef,
  CredentialStore,
  StoredCredential,
  ZoomAppKind,
  ZoomGateway,
  ZoomTokenSet,
  ZoomUser,
} from '../zoom/contracts.js';
import type { AuditService } from './audit.js';
import { createMongoCredentialStore } from './credential-store.js';
import { ServiceError } from './errors.js';
import { type AdminCheck, checkUserId, checkWorkspaceId, requireAdmin, requirePermission } from './guard.js';
import type { CommonDeps } from './ports.js';
import type { SettingsService } from './settings.js';

export type ConnectionTarget =
  | {
      kind: 'org' /** Only touch this generation (a failure of an older credential must not mark a newer one). */;
      generation?: number | undefined;
    }
  | { kind: 'personal'; slackUserId: string };

export interface OrgConnectionView {
  status: 'active' | 'needs_reconnect' | 'disconnected';
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string;
  zoomRole: string;
  connectedBy: string;
  approvedVia: string | null;
  connectedAt: Date;
  statusReason: string | null;
  statusChangedAt: Date;
  generation: number;
}

export interface PersonalConnectionView {
  status: 'active' | 'needs_reconnect';
  zoomUserId: string;
  zoomEmail: string;
  connectedAt: Date;
  statusReason: string | null;
}

export interface OrgDisconnectPreview {
  connection: OrgConnectionView | null;
  /** Members the organization connection serves right now (no working personal one, not opted out). */
  membersRelying: number;
  /** Meetings created through this connection that have not started yet. */
  upcomingMeetings: number;
}

export interface ConnectionsService {
  /** Stores an approved org connection; replaces an active one atomically (handover), then revokes the old grant. */
  completeOrg(
    workspaceId: string,
    input: { tokens: ZoomTokenSet; user: ZoomUser; connectedBy: string; approvedVia?: string | undefined },
  ): Promise<{ generation: number; handedOverFrom: { zoomUserId: string; zoomEmail: string } | null }>;
  completePersonal(
    workspaceId: string,
    slackUserId: string,
    input: { tokens: ZoomTokenSet; user: ZoomUser },
  ): Promise<{ replaced: boolean }>;
  /** The member's own action (or `actor` = `zoom` when the app was removed in Zoom); org takes over. */
  disconnectPersonal(
    workspaceId: string,
    slackUserId: string,
    actor?: string,
  ): Promise<{ after: Precedence }>;
  optOut(workspaceId: string, slackUserId: string): Promise<void>;
  optIn(workspaceId: string, slackUserId: string): Promise<void>;
  previewOrgDisconnect(workspaceId: string, actorId: string): Promise<OrgDisconnectPreview>;
  /** Admin action: one update of the org connection document; members are not written. */
  disconnectOrg(workspaceId: string, actorId: string): Promise<{ previous: OrgConnectionView }>;
  /** Zoom said the grant is gone (app removed, user deleted): same effect as disconnect, actor `zoom`. */
  markOrgDisconnected(workspaceId: string, reason: string, generation?: number): Promise<boolean>;
  markNeedsReconnect(workspaceId: string, target: ConnectionTarget, reason: string): Promise<boolean>;
  getOrg(workspaceId: string): Promise<OrgConnectionView | null>;
  getPersonal(workspaceId: string, slackUserId: string): Promise<PersonalConnectionView | null>;
  /** A CredentialStore for the gateway's single-flight refresh, pinned to one connection document. */
  credentialStore(
    workspaceId: string,
    target: { kind: 'org'; generation: number } | { kind: 'personal'; slackUserId: string },
  ): CredentialStore;
  credentialRef(
    workspaceId: string,
    target: { kind: 'org'; generation: number } | { kind: 'personal'; slackUserId: string },
  ): CredentialRef;
  /**
   * Webhooks name only Zoom ids: the one lookup across workspaces (indexed on zoomUserId). The
   * caller then acts per workspace with the methods above.
   */
  findByZoomUser(
    app: ZoomAppKind,
    zoomUserId: string,
  ): Promise<
    Array<{ workspaceId: string; slackUserId?: string | undefined; generation?: number | undefined }>
  >;
}

function orgView(doc: {
  status: OrgConnectionView['status'];
  zoomUserId: string;
  zoomEmail: string;
  zoomAccountId: string;
  zoomRole?: string;
  connectedBy: string;
  approvedVia?: string | undefined;
  connectedAt: Date;
  statusReason?: string | undefined | null;
  statusChangedAt: Date;
  generation?: number;
}): OrgConnectionView {
  return {
    status: doc.status,
    zoomUserId: doc.zoomUserId,
    zoomEmail: doc.zoomEmail,
    zoomAccountId: doc.zoomAccountId,
    zoomRole: doc.zoomRole ?? '',
    connectedBy: doc.connectedBy,
    approvedVia: doc.approvedVia ?? null,
    connectedAt: doc.connectedAt,
    statusReason: doc.statusReason ?? null,
    statusChangedAt: doc.statusChangedAt,
    generation: doc.generation ?? 0,
  };
}

function toStored(credential: CredentialDoc): StoredCredential {
  const { accessToken, refreshToken, expiresAt, scope, apiUrl } = credential;
  return apiUrl
    ? { accessToken, refreshToken, expiresAt, scope, apiUrl }
    : { accessToken, refreshToken, expiresAt, scope };
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

export function createConnectionsService(
  deps: CommonDeps & {
    models: Models;
    zoom: ZoomGateway;
    admin: AdminCheck;
    audit: AuditService;
    settings: SettingsService;
  },
): ConnectionsService {
  const { models, zoom, admin, audit, settings } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'connections' });

  /** Revoking an old grant is best effort: the change already happened; say so in the audit details. */
  async function revokeQuietly(
    app: ZoomAppKind,
    credential: CredentialDoc | undefined | null,
    workspaceId: string,
  ) {
    if (!credential) return false;
    try {
      await zoom.revoke(app, toStored(credential));
      return true;
    } catch (error) {
      logger.warn({ workspaceId, app, err: error }, 'revoking the previous Zoom grant failed');
      return false;
    }
  }

  async function swapOrg(workspaceId: string, set: Record<string, unknown>) {
    const op = () =>
      models.orgConnections
        .findOneAndUpdate(
          { workspaceId },
          { $set: set, $inc: { generation: 1 }, $setOnInsert: { workspaceId } },
          { upsert: true, returnDocument: 'before' },
        )
        .lean();
    try {
      return await op();
    } catch (error) {
      // Two first-ever completions racing on the upsert: the loser retries as a plain update.
      if (isDuplicateKey(error)) return await op();
      throw error;
    }
  }

  async function setMemberPersonal(workspaceId: string, slackUserId: string, personalStatus: string) {
    const now = clock();
    await models.members.updateOne(
      { workspaceId, slackUserId },
      {
        $set: { personalStatus, updatedAt: now },
        $setOnInsert: {
          workspaceId,
          slackUserId,
          sortName: slackUserId.toLowerCase(),
          optedOut: false,
          zoomMatch: 'unknown',
        },
      },
      { upsert: true },
    );
  }

  async function precedenceFor(workspaceId: string, slackUserId: string): Promise<Precedence> {
    const [personal, org, member, ws] = await Promise.all([
      models.personalConnections.findOne({ workspaceId, slackUserId }, { status: 1 }).lean(),
      models.orgConnections.findOne({ workspaceId }, { status: 1 }).lean(),
      models.members.findOne({ workspaceId, slackUserId }, { optedOut: 1 }).lean(),
      settings.get(workspaceId),
    ]);
    return resolvePrecedence({
      personal,
      org,
      optedOut: member?.optedOut ?? false,
      allowUserOptOut: ws.allowUserOptOut,
    });
  }

  function storeFor(
    workspaceId: string,
    target: { kind: 'org'; generation: number } | { kind: 'personal'; slackUserId: string },
  ): CredentialStore {
    checkWorkspaceId(workspaceId);
    if (target.kind === 'org') {
      return createMongoCredentialStore({
        model: models.orgConnections,
        filter: { workspaceId, generation: target.generation, status: 'active' },
        clock,
      });
    }
    checkUserId(target.slackUserId, 'slackUserId');
    return createMongoCredentialStore({
      model: models.personalConnections,
      filter: { workspaceId, slackUserId: target.slackUserId, status: 'active' },
      clock,
    });
  }

  async function setOrgState(
    workspaceId: string,
    from: string[],
    to: 'needs_reconnect' | 'disconnected',
    reason: string,
    generation: number | undefined,
    extra: Record<string, unknown> = {},
  ) {
    const filter: Record<string, unknown> = { workspaceId, status: { $in: from } };
    if (generation !== undefined) filter.generation = generation;
    const update: Record<string, unknown> = {
      $set: { status: to, statusReason: reason, statusChangedAt: clock(), ...extra },
    };
    // A disconnected connection keeps no tokens.
    if (to === 'disconnected') update.$unset = { credential: 1 };
    return models.orgConnections.findOneAndUpdate(filter, update, { returnDocument: 'before' }).lean();
  }

  return {
    async completeOrg(workspaceId, input) {
      checkWorkspaceId(workspaceId);
      checkUserId(input.connectedBy, 'connectedBy');
      const now = clock();
      const { user } = input;
      const before = await swapOrg(workspaceId, {
        status: 'active',
        zoomUserId: user.id,
        zoomEmail: user.email.toLowerCase(),
        zoomAccountId: user.accountId,
        zoomRole: user.roleName,
        connectedBy: input.connectedBy,
        approvedVia: input.approvedVia,
        connectedAt: now,
        statusReason: null,
        statusChangedAt: now,
        credential: zoom.seal(input.tokens),
      });
      const generation = (before?.generation ?? 0) + 1;
      const live = before && before.status !== 'disconnected' ? before : null;
      let previousRevoked: boolean | null = null;
      // Same Zoom user: Zoom already invalidated the old grant, and revoking could kill the new one.
      if (before?.credential && before.zoomUserId !== user.id) {
        previousRevoked = await revokeQuietly('org', before.credential, workspaceId);
      }
      if (before && before.zoomAccountId !== user.accountId) {
        // Email matches were against another Zoom account: they must be found again.
        await models.members.updateMany(
          { workspaceId, zoomMatch: { $ne: 'unknown' } },
          { $set: { zoomMatch: 'unknown' } },
        );
      }
      await audit.record(workspaceId, live ? 'org_handed_over' : 'org_connected', input.connectedBy, {
        zoomEmail: user.email,
        zoomUserId: user.id,
        generation,
        approvedVia: input.approvedVia ?? null,
        ...(live ? { previousZoomEmail: live.zoomEmail, previousStatus: live.status, previousRevoked } : {}),
      });
      return {
        generation,
        handedOverFrom: live ? { zoomUserId: live.zoomUserId, zoomEmail: live.zoomEmail } : null,
      };
    },

    async completePersonal(workspaceId, slackUserId, input) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const now = clock();
      const before = await models.personalConnections
        .findOneAndUpdate(
          { workspaceId, slackUserId },
          {
            $set: {
              status: 'active',
              zoomUserId: input.user.id,
              zoomEmail: input.user.email.toLowerCase(),
              zoomAccountId: input.user.accountId,
              connectedAt: now,
              statusReason: null,
              statusChangedAt: now,
              credential: zoom.seal(input.tokens),
            },
            $setOnInsert: { workspaceId, slackUserId },
          },
          { upsert: true, returnDocument: 'before' },
        )
        .lean();
      await setMemberPersonal(workspaceId, slackUserId, 'active');
      if (before?.credential && before.zoomUserId !== input.user.id) {
        await revokeQuietly('user', before.credential, workspaceId);
      }
      await audit.record(workspaceId, 'personal_connected', slackUserId, {
        zoomEmail: input.user.email,
        replaced: before !== null,
      });
      return { replaced: before !== null };
    },

    async disconnectPersonal(workspaceId, slackUserId, actor = slackUserId) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const removed = await models.personalConnections.findOneAndDelete({ workspaceId, slackUserId }).lean();
      if (!removed)
        throw new ServiceError('not_connected', 'There is no personal Zoom connection to disconnect.');
      await setMemberPersonal(workspaceId, slackUserId, 'none');
      const revoked = actor === 'zoom' ? null : await revokeQuietly('user', removed.credential, workspaceId);
      await audit.record(workspaceId, 'personal_disconnected', actor, {
        slackUserId,
        zoomEmail: removed.zoomEmail,
        revoked,
      });
      return { after: await precedenceFor(workspaceId, slackUserId) };
    },

    async optOut(workspaceId, slackUserId) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const ws = await settings.get(workspaceId);
      await requirePermission(admin, workspaceId, slackUserId, 'opt_out', ws);
      await models.members.updateOne(
        { workspaceId, slackUserId },
        {
          $set: { optedOut: true, updatedAt: clock() },
          $setOnInsert: {
            workspaceId,
            slackUserId,
            sortName: slackUserId.toLowerCase(),
            personalStatus: 'none',
            zoomMatch: 'unknown',
          },
        },
        { upsert: true },
      );
      await audit.record(workspaceId, 'opted_out', slackUserId);
    },

    async optIn(workspaceId, slackUserId) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const result = await models.members.updateOne(
        { workspaceId, slackUserId, optedOut: true },
        { $set: { optedOut: false, updatedAt: clock() } },
      );
      if (result.modifiedCount > 0) await audit.record(workspaceId, 'opted_in', slackUserId);
    },

    async previewOrgDisconnect(workspaceId, actorId) {
      checkWorkspaceId(workspaceId);
      await requireAdmin(admin, workspaceId, actorId);
      const [org, ws] = await Promise.all([
        models.orgConnections.findOne({ workspaceId }).lean(),
        settings.get(workspaceId),
      ]);
      if (!org || org.status === 'disconnected')
        return { connection: org ? orgView(org) : null, membersRelying: 0, upcomingMeetings: 0 };
      const relyingFilter: Record<string, unknown> = {
        workspaceId,
        deleted: false,
        personalStatus: { $in: ['none', 'needs_reconnect'] },
      };
      if (ws.allowUserOptOut) relyingFilter.optedOut = false;
      const [membersRelying, upcomingMeetings] = await Promise.all([
        org.status === 'active' ? models.members.countDocuments(relyingFilter) : Promise.resolve(0),
        models.meetings.countDocuments({
          workspaceId,
          source: 'org',
          orgGeneration: org.generation,
          startTime: { $gt: clock() },
        }),
      ]);
      return { connection: orgView(org), membersRelying, upcomingMeetings };
    },

    async disconnectOrg(workspaceId, actorId) {
      checkWorkspaceId(workspaceId);
      await requireAdmin(admin, workspaceId, actorId);
      const before = await setOrgState(
        workspaceId,
        ['active', 'needs_reconnect'],
        'disconnected',
        'admin_disconnected',
        undefined,
        {
          disconnectedBy: actorId,
        },
      );
      if (!before)
        throw new ServiceError('not_connected', 'There is no organization Zoom connection to disconnect.');
      const revoked = await revokeQuietly('org', before.credential, workspaceId);
      await audit.record(workspaceId, 'org_disconnected', actorId, {
        zoomEmail: before.zoomEmail,
        generation: before.generation,
        revoked,
      });
      return { previous: orgView(before) };
    },

    async markOrgDisconnected(workspaceId, reason, generation) {
      checkWorkspaceId(workspaceId);
      const before = await setOrgState(
        workspaceId,
        ['active', 'needs_reconnect'],
        'disconnected',
        reason,
        generation,
      );
      if (!before) return false;
      await audit.record(workspaceId, 'org_disconnected', 'zoom', {
        zoomEmail: before.zoomEmail,
        generation: before.generation,
        reason,
      });
      return true;
    },

    async markNeedsReconnect(workspaceId, target, reason) {
      checkWorkspaceId(workspaceId);
      if (target.kind === 'org') {
        const before = await setOrgState(
          workspaceId,
          ['active'],
          'needs_reconnect',
          reason,
          target.generation,
        );
        if (!before) return false;
        await audit.record(workspaceId, 'org_needs_reconnect', 'system', {
          zoomEmail: before.zoomEmail,
          generation: before.generation,
          reason,
        });
        return true;
      }
      checkUserId(target.slackUserId, 'slackUserId');
      const result = await models.personalConnections.updateOne(
        { workspaceId, slackUserId: target.slackUserId, status: 'active' },
        { $set: { status: 'needs_reconnect', statusReason: reason, statusChangedAt: clock() } },
      );
      if (result.modifiedCount === 0) return false;
      await setMemberPersonal(workspaceId, target.slackUserId, 'needs_reconnect');
      await audit.record(workspaceId, 'personal_needs_reconnect', 'system', {
        slackUserId: target.slackUserId,
        reason,
      });
      return true;
    },

    async getOrg(workspaceId) {
      checkWorkspaceId(workspaceId);
      const doc = await models.orgConnections.findOne({ workspaceId }, { credential: 0 }).lean();
      return doc ? orgView(doc) : null;
    },

    async getPersonal(workspaceId, slackUserId) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const doc = await models.personalConnections
        .findOne({ workspaceId, slackUserId }, { credential: 0 })
        .lean();
      if (!doc) return null;
      return {
        status: doc.status,
        zoomUserId: doc.zoomUserId,
        zoomEmail: doc.zoomEmail,
        connectedAt: doc.connectedAt,
        statusReason: doc.statusReason ?? null,
      };
    },

    credentialStore: storeFor,

    credentialRef(workspaceId, target) {
      return { app: target.kind === 'org' ? 'org' : 'user', store: storeFor(workspaceId, target) };
    },

    async findByZoomUser(app, zoomUserId) {
      if (typeof zoomUserId !== 'string' || zoomUserId.length === 0 || zoomUserId.length > 128) return [];
      if (app === 'org') {
        const docs = await models.orgConnections
          .find({ zoomUserId, status: { $ne: 'disconnected' } }, { workspaceId: 1, generation: 1 })
          .limit(1000)
          .lean();
        return docs.map((d) => ({ workspaceId: d.workspaceId, generation: d.generation }));
      }
      const docs = await models.personalConnections
        .find({ zoomUserId }, { workspaceId: 1, slackUserId: 1 })
        .limit(1000)
        .lean();
      return docs.map((d) => ({ workspaceId: d.workspaceId, slackUserId: d.slackUserId }));
    },
  };
}

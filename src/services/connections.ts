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
import { type AdminCheck, checkUserId, checkWorkspaceId, requirePermission } from './guard.js';
import type { CommonDeps } from './ports.js';
import type { SettingsService } from './settings.js';

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
  disconnectedBy: string | null;
  lastCheckedAt: Date | null;
}

export interface PersonalConnectionView {
  status: 'active' | 'needs_reconnect';
  zoomUserId: string;
  zoomEmail: string;
  connectedAt: Date;
  statusReason: string | null;
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
  /** The member's personal connection stopped working (its tokens, or its Zoom user); the org one serves meanwhile. */
  markPersonalNeedsReconnect(workspaceId: string, slackUserId: string, reason: string): Promise<boolean>;
  /** Revokes a grant at Zoom; best effort (the change it follows already happened): false when Zoom could not be told. */
  revokeGrant(
    workspaceId: string,
    app: ZoomAppKind,
    credential: CredentialDoc | undefined | null,
  ): Promise<boolean | null>;
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

export function orgView(doc: {
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
  disconnectedBy?: string | null | undefined;
  lastCheckedAt?: Date | undefined;
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
    disconnectedBy: doc.disconnectedBy ?? null,
    lastCheckedAt: doc.lastCheckedAt ?? null,
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

    async markPersonalNeedsReconnect(workspaceId, slackUserId, reason) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const result = await models.personalConnections.updateOne(
        { workspaceId, slackUserId, status: 'active' },
        { $set: { status: 'needs_reconnect', statusReason: reason, statusChangedAt: clock() } },
      );
      if (result.modifiedCount === 0) return false;
      await setMemberPersonal(workspaceId, slackUserId, 'needs_reconnect');
      await audit.record(workspaceId, 'personal_needs_reconnect', 'system', { slackUserId, reason });
      return true;
    },

    async revokeGrant(workspaceId, app, credential) {
      if (!credential) return null;
      return revokeQuietly(app, credential, workspaceId);
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

/**
 * The connections service: the organization connection (org-connection.ts), members' personal
 * connections (personal-connection.ts), opting out, the credential references the Zoom gateway
 * uses, and the one cross-workspace lookup webhooks need.
 */
import pino from 'pino';
import type { Models } from '../db/models/index.js';
import { type Precedence, resolvePrecedence } from '../domain/precedence.js';
import type { CredentialRef, ZoomAppKind } from '../zoom/contracts.js';
import type { AuditService } from './audit.js';
import { ServiceError } from './errors.js';
import type { GrantsService } from './grants.js';
import { type AdminCheck, checkUserId, checkWorkspaceId, requirePermission } from './guard.js';
import {
  createOrgConnections,
  type OrgCompletion,
  type OrgCompletionResult,
  type OrgConnectionView,
  type ParkedOrgAdoption,
} from './org-connection.js';
import {
  createPersonalConnections,
  type PersonalConnections,
  type PersonalConnectionView,
} from './personal-connection.js';
import type { CommonDeps } from './ports.js';
import type { SettingsService } from './settings.js';

export type { OrgConnectionView } from './org-connection.js';
export { orgView } from './org-connection.js';
export type { PersonalConnectionView } from './personal-connection.js';

export interface ConnectionsService {
  /** Stores an approved org connection; replaces the current one atomically (handover), then drops the old grant holder. */
  completeOrg(workspaceId: string, input: OrgCompletion): Promise<OrgCompletionResult>;
  completePersonal(
    workspaceId: string,
    slackUserId: string,
    authorization: OrgCompletion['authorization'],
  ): Promise<{ replaced: boolean }>;
  /** A parked org approval confirmed by a Slack admin; null when the parked grant is gone. */
  adoptParkedOrg(workspaceId: string, input: ParkedOrgAdoption): Promise<OrgCompletionResult | null>;
  /** A parked personal approval confirmed by the member; null when the parked grant is gone. */
  adoptParkedPersonal: PersonalConnections['adoptParkedPersonal'];
  /** The member's own action (or `actor` = `zoom` when the app was removed in Zoom); org takes over. */
  disconnectPersonal(
    workspaceId: string,
    slackUserId: string,
    actor?: string,
  ): Promise<{ after: Precedence; removed: PersonalConnectionView }>;
  optOut(workspaceId: string, slackUserId: string): Promise<void>;
  optIn(workspaceId: string, slackUserId: string): Promise<void>;
  /** The member's personal connection stopped working (its tokens, or its Zoom user); the org one serves meanwhile. */
  markPersonalNeedsReconnect(workspaceId: string, slackUserId: string, reason: string): Promise<boolean>;
  getOrg(workspaceId: string): Promise<OrgConnectionView | null>;
  getPersonal(workspaceId: string, slackUserId: string): Promise<PersonalConnectionView | null>;
  /** The gateway's credential for the org connection as read (its grant, this generation only). */
  orgRef(workspaceId: string, org: Pick<OrgConnectionView, 'grant' | 'generation'>): CredentialRef;
  /** The gateway's credential for a member's personal connection as read. */
  personalRef(
    workspaceId: string,
    slackUserId: string,
    personal: Pick<PersonalConnectionView, 'grant'>,
  ): CredentialRef;
  /**
   * Webhooks name only Zoom ids: the one lookup across workspaces (indexed on zoomUserId), kept to
   * the Zoom account the event names. The caller then acts per workspace.
   */
  findByZoomUser(
    app: ZoomAppKind,
    zoomUserId: string,
    zoomAccountId: string,
  ): Promise<
    Array<{ workspaceId: string; slackUserId?: string | undefined; generation?: number | undefined }>
  >;
  /** Connections naming this Zoom user but another account than the event's (ignored, logged). */
  countOtherAccounts(app: ZoomAppKind, zoomUserId: string, zoomAccountId: string): Promise<number>;
  /** The workspaces whose organization connection is on this Zoom account (the org app removed there). */
  findOrgByAccount(zoomAccountId: string): Promise<Array<{ workspaceId: string; generation: number }>>;
}

/** A connection read without a grant (disconnected, or a document the migration has not reached). */
function noGrant(): never {
  throw new ServiceError(
    'needs_reconnect',
    'This Zoom connection holds no grant: it must be approved again.',
  );
}

export function createConnectionsService(
  deps: CommonDeps & {
    models: Models;
    grants: GrantsService;
    admin: AdminCheck;
    audit: AuditService;
    settings: SettingsService;
  },
): ConnectionsService {
  const { models, grants, admin, audit, settings } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'connections' });
  const org = createOrgConnections({ models, grants, audit, clock });
  const personal = createPersonalConnections({ models, grants, audit, clock });

  async function precedenceFor(workspaceId: string, slackUserId: string): Promise<Precedence> {
    const [mine, orgDoc, member, ws] = await Promise.all([
      models.personalConnections.findOne({ workspaceId, slackUserId }, { status: 1 }).lean(),
      models.orgConnections.findOne({ workspaceId }, { status: 1 }).lean(),
      models.members.findOne({ workspaceId, slackUserId }, { optedOut: 1 }).lean(),
      settings.get(workspaceId),
    ]);
    return resolvePrecedence({
      personal: mine,
      org: orgDoc,
      optedOut: member?.optedOut ?? false,
      allowUserOptOut: ws.allowUserOptOut,
    });
  }

  return {
    completeOrg: (workspaceId, input) => org.completeOrg(workspaceId, input),
    completePersonal: (workspaceId, slackUserId, authorization) =>
      personal.completePersonal(workspaceId, slackUserId, authorization),
    adoptParkedOrg: (workspaceId, input) => org.adoptParkedOrg(workspaceId, input),
    adoptParkedPersonal: (workspaceId, slackUserId, parked) =>
      personal.adoptParkedPersonal(workspaceId, slackUserId, parked),
    markPersonalNeedsReconnect: (workspaceId, slackUserId, reason) =>
      personal.markPersonalNeedsReconnect(workspaceId, slackUserId, reason),
    getOrg: (workspaceId) => org.getOrg(workspaceId),
    getPersonal: (workspaceId, slackUserId) => personal.getPersonal(workspaceId, slackUserId),

    async disconnectPersonal(workspaceId, slackUserId, actor = slackUserId) {
      const removed = await personal.removePersonal(workspaceId, slackUserId, actor);
      logger.info(
        { workspaceId, actor: actor === 'zoom' ? 'zoom' : 'member' },
        'personal connection removed',
      );
      return { after: await precedenceFor(workspaceId, slackUserId), removed };
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

    orgRef(workspaceId, view) {
      checkWorkspaceId(workspaceId);
      if (!view.grant) return noGrant();
      return grants.ref(view.grant, { workspaceId, kind: 'org', generation: view.generation });
    },

    personalRef(workspaceId, slackUserId, view) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      if (!view.grant) return noGrant();
      return grants.ref(view.grant, { workspaceId, kind: 'personal', slackUserId });
    },

    async findByZoomUser(app, zoomUserId, zoomAccountId) {
      if (typeof zoomUserId !== 'string' || zoomUserId.length === 0 || zoomUserId.length > 128) return [];
      if (app === 'org') {
        const docs = await models.orgConnections
          .find(
            { zoomUserId, zoomAccountId, status: { $ne: 'disconnected' } },
            { workspaceId: 1, generation: 1 },
          )
          .limit(1000)
          .lean();
        return docs.map((d) => ({ workspaceId: d.workspaceId, generation: d.generation }));
      }
      const docs = await models.personalConnections
        .find({ zoomUserId, zoomAccountId }, { workspaceId: 1, slackUserId: 1 })
        .limit(1000)
        .lean();
      return docs.map((d) => ({ workspaceId: d.workspaceId, slackUserId: d.slackUserId }));
    },

    async countOtherAccounts(app, zoomUserId, zoomAccountId) {
      const filter = { zoomUserId, zoomAccountId: { $ne: zoomAccountId } };
      return app === 'org'
        ? models.orgConnections.countDocuments({ ...filter, status: { $ne: 'disconnected' } })
        : models.personalConnections.countDocuments(filter);
    },

    async findOrgByAccount(zoomAccountId) {
      if (typeof zoomAccountId !== 'string' || zoomAccountId.length === 0) return [];
      const docs = await models.orgConnections
        .find({ zoomAccountId, status: { $ne: 'disconnected' } }, { workspaceId: 1, generation: 1 })
        .limit(5000)
        .lean();
      return docs.map((d) => ({ workspaceId: d.workspaceId, generation: d.generation ?? 0 }));
    },
  };
}

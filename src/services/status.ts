import type { Models, OrgConnectionDoc, PersonalConnectionDoc } from '../db/models/index.js';
import type { ZoomMatch } from '../db/models/member.js';
import {
  type ActiveSource,
  hintFor,
  type Precedence,
  type PrecedenceReason,
  resolvePrecedence,
  type StatusHint,
} from '../domain/precedence.js';
import type { MemberView } from './directory.js';
import { type AdminCheck, checkUserId, checkWorkspaceId, requireAdmin } from './guard.js';
import { type OrgConnectionView, orgView } from './org-connection.js';
import { type PersonalConnectionView, personalView } from './personal-connection.js';
import type { CommonDeps } from './ports.js';
import type { SettingsService } from './settings.js';

export interface MemberStatus {
  slackUserId: string;
  active: ActiveSource;
  reason: PrecedenceReason;
  backup: 'org' | null;
  /** What to do when nothing (or a broken personal connection) needs fixing; null when all is well. */
  hint: StatusHint;
  /** The account meetings are created with. For org: the member's own Zoom user (matched by email). */
  account: {
    source: 'personal' | 'org';
    zoomEmail: string | null;
    since: Date;
    connectedVia?: string | undefined;
  } | null;
  /** With a working personal connection: the organization connection that would take over. */
  backupAccount: { zoomEmail: string | null; connectedVia: string; since: Date } | null;
  personal: {
    status: 'active' | 'needs_reconnect';
    zoomEmail: string;
    since: Date;
    statusReason: string | null;
  } | null;
  org: {
    status: 'active' | 'needs_reconnect' | 'disconnected';
    zoomEmail: string;
    since: Date;
    statusReason: string | null;
  } | null;
  optedOut: boolean;
  allowUserOptOut: boolean;
  zoomMatch: ZoomMatch;
}

export interface StatusService {
  /**
   * The caller's own status: four point reads, independent of workspace size; three when the
   * caller already holds the member's directory fields (read moments ago in the same request).
   */
  getStatus(
    workspaceId: string,
    slackUserId: string,
    knownMember?: KnownMember | null,
  ): Promise<MemberStatus>;
  /** Another member's status: admins only. */
  getStatusFor(workspaceId: string, actorId: string, targetUserId: string): Promise<MemberStatus>;
  /** The precedence with the connections it was decided on (meetings use them, no second read). */
  precedence(
    workspaceId: string,
    slackUserId: string,
  ): Promise<{
    precedence: Precedence;
    status: MemberStatus;
    connections: { personal: PersonalConnectionView | null; org: OrgConnectionView | null };
  }>;
}

/** The member fields status needs; `null` means "known to have no directory entry". */
export type KnownMember = Pick<MemberView, 'optedOut' | 'email' | 'zoomMatch'>;

export function createStatusService(
  deps: CommonDeps & { models: Models; admin: AdminCheck; settings: SettingsService },
): StatusService {
  const { models, admin, settings } = deps;

  async function compute(workspaceId: string, slackUserId: string, knownMember?: KnownMember | null) {
    checkWorkspaceId(workspaceId);
    checkUserId(slackUserId, 'slackUserId');
    const [personal, org, member, ws] = await Promise.all([
      models.personalConnections.findOne({ workspaceId, slackUserId }).lean<PersonalConnectionDoc>(),
      models.orgConnections.findOne({ workspaceId }).lean<OrgConnectionDoc>(),
      knownMember !== undefined
        ? knownMember
        : models.members
            .findOne({ workspaceId, slackUserId }, { optedOut: 1, email: 1, zoomMatch: 1 })
            .lean(),
      settings.get(workspaceId),
    ]);
    const precedence = resolvePrecedence({
      personal,
      org,
      optedOut: member?.optedOut ?? false,
      allowUserOptOut: ws.allowUserOptOut,
    });
    const memberEmail = member?.email ?? null;
    let account: MemberStatus['account'] = null;
    if (precedence.active === 'personal' && personal) {
      account = { source: 'personal', zoomEmail: personal.zoomEmail, since: personal.connectedAt };
    } else if (precedence.active === 'org' && org) {
      account = {
        source: 'org',
        zoomEmail: memberEmail,
        since: org.connectedAt,
        connectedVia: org.zoomEmail,
      };
    }
    const status: MemberStatus = {
      slackUserId,
      active: precedence.active,
      reason: precedence.reason,
      backup: precedence.backup,
      hint: hintFor(precedence),
      account,
      backupAccount:
        precedence.backup === 'org' && org
          ? { zoomEmail: memberEmail, connectedVia: org.zoomEmail, since: org.connectedAt }
          : null,
      personal: personal
        ? {
            status: personal.status,
            zoomEmail: personal.zoomEmail,
            since: personal.connectedAt,
            statusReason: personal.statusReason ?? null,
          }
        : null,
      org: org
        ? {
            status: org.status,
            zoomEmail: org.zoomEmail,
            since: org.statusChangedAt,
            statusReason: org.statusReason ?? null,
          }
        : null,
      optedOut: member?.optedOut ?? false,
      allowUserOptOut: ws.allowUserOptOut,
      zoomMatch: member?.zoomMatch ?? 'unknown',
    };
    return {
      precedence,
      status,
      connections: { personal: personal ? personalView(personal) : null, org: org ? orgView(org) : null },
    };
  }

  return {
    async getStatus(workspaceId, slackUserId, knownMember) {
      return (await compute(workspaceId, slackUserId, knownMember)).status;
    },
    async getStatusFor(workspaceId, actorId, targetUserId) {
      checkWorkspaceId(workspaceId);
      if (actorId !== targetUserId) await requireAdmin(admin, workspaceId, actorId);
      return (await compute(workspaceId, targetUserId)).status;
    },
    precedence: compute,
  };
}

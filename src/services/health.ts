import type { Models } from '../db/models/index.js';
import type { ZoomMatch } from '../db/models/member.js';
import { type OrgLossReason, readOrgLossReason } from '../domain/connection-loss.js';
import { ZoomError, type ZoomGateway } from '../zoom/contracts.js';
import type { ConnectionLossService } from './connection-loss.js';
import type { ConnectionsService } from './connections.js';
import { ServiceError } from './errors.js';
import { checkUserId, checkWorkspaceId } from './guard.js';
import { createMemberMatches } from './member-matches.js';
import type { CommonDeps } from './ports.js';

export type OrgHealth =
  | { result: 'healthy'; zoomEmail: string }
  | { result: 'not_connected' }
  /** `changed`: this check is what marked it (and the people concerned were told, once). */
  | { result: 'needs_reconnect'; reason: OrgLossReason | null; changed: boolean }
  /** Zoom did not answer (rate limit, 5xx, network): nothing is concluded. */
  | { result: 'unreachable'; code: string };

export interface HealthService {
  /** Proactive check of the org connection before anything fails: its Zoom user must still be an active Owner/Admin. */
  checkOrg(workspaceId: string): Promise<OrgHealth>;
  /** Email-matching diagnostics: is there a Zoom user with the member's Slack email in the org's Zoom account? */
  checkMemberMatch(workspaceId: string, slackUserId: string): Promise<ZoomMatch>;
}

/** Zoom failures that mean the grant no longer serves (anything else proves nothing either way). */
const DEAD: Readonly<Partial<Record<string, OrgLossReason>>> = {
  not_admin: 'admin_role_lost',
  needs_reconnect: 'token_rejected',
  invalid_grant: 'token_rejected',
  token_invalid: 'token_rejected',
  missing_scope: 'scope_missing',
};

export function createHealthService(
  deps: CommonDeps & {
    models: Models;
    zoom: ZoomGateway;
    connections: ConnectionsService;
    connectionLoss: ConnectionLossService;
  },
): HealthService {
  const { models, zoom, connections, connectionLoss } = deps;
  const matches = createMemberMatches(models);
  const clock = deps.clock ?? (() => new Date());

  return {
    async checkOrg(workspaceId) {
      checkWorkspaceId(workspaceId);
      const org = await connections.getOrg(workspaceId);
      if (!org || org.status === 'disconnected') return { result: 'not_connected' };
      if (org.status === 'needs_reconnect') {
        return { result: 'needs_reconnect', reason: readOrgLossReason(org.statusReason), changed: false };
      }
      const { generation } = org;
      try {
        // The same test as at approval: an admin-scope call succeeds (custom admin roles pass). It
        // reads the account's users, which refreshes every member's email match on the way.
        const emails = await zoom.listAccountEmails(connections.orgRef(workspaceId, org));
        await matches.record(workspaceId, emails);
        await models.orgConnections.updateOne(
          { workspaceId, generation, status: 'active' },
          { $set: { lastCheckedAt: clock() } },
        );
        return { result: 'healthy', zoomEmail: org.zoomEmail };
      } catch (error) {
        const reason = error instanceof ZoomError ? DEAD[error.code] : undefined;
        if (reason) {
          const { changed } = await connectionLoss.lose(workspaceId, { reason, generation });
          return { result: 'needs_reconnect', reason, changed };
        }
        if (error instanceof ZoomError) return { result: 'unreachable', code: error.code };
        throw error;
      }
    },

    async checkMemberMatch(workspaceId, slackUserId) {
      checkWorkspaceId(workspaceId);
      checkUserId(slackUserId, 'slackUserId');
      const [org, member] = await Promise.all([
        connections.getOrg(workspaceId),
        models.members.findOne({ workspaceId, slackUserId }, { email: 1 }).lean(),
      ]);
      if (org?.status !== 'active')
        throw new ServiceError('not_connected', 'There is no working organization connection.');
      if (!member?.email) throw new ServiceError('no_email', 'This member has no email address in Slack.');
      let match: ZoomMatch;
      try {
        const user = await zoom.getUser(connections.orgRef(workspaceId, org), member.email);
        match = user.accountId === org.zoomAccountId ? 'found' : 'not_found';
      } catch (error) {
        if (!(error instanceof ZoomError && error.code === 'user_not_found')) {
          throw new ServiceError('zoom_failed', 'Zoom could not be asked right now.', {}, { cause: error });
        }
        match = 'not_found';
      }
      await models.members.updateOne({ workspaceId, slackUserId }, { $set: { zoomMatch: match } });
      return match;
    },
  };
}

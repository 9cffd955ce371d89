/**
 * The organization connection stops serving: the one place where that happens (issue 15). An
 * admin's disconnect, a Zoom webhook, the health check and a meeting that hit a dead token all
 * call `lose` with a reason of the fixed set (src/domain/connection-loss.ts). It makes the change
 * (one conditional update, so a stale event about an older generation touches nothing), audits
 * it, revokes our grant when we are the ones ending it, and tells people through the notifier
 * port — after the current answer (`defer`), since the alert reaches every admin and every host.
 */
import pino from 'pino';
import type { Models, OrgConnectionDoc } from '../db/models/index.js';
import { type OrgLossReason, statusAfterLoss } from '../domain/connection-loss.js';
import { isNotOver, type MeetingEndReason } from '../domain/meeting-end.js';
import type { AuditService } from './audit.js';
import { type ConnectionsService, type OrgConnectionView, orgView } from './connections.js';
import { ServiceError } from './errors.js';
import type { GrantsService } from './grants.js';
import { type AdminCheck, checkWorkspaceId, requireAdmin } from './guard.js';
import type { CommonDeps, CoreNotifier, Defer, UpcomingMeeting } from './ports.js';
import type { SettingsService } from './settings.js';

export interface OrgLoss {
  reason: OrgLossReason;
  /** The Slack user who ended it (admin_disconnected); absent for Zoom's or the system's doing. */
  actorId?: string | undefined;
  /** Only this generation: a failure of an older credential must not end a newer connection. */
  generation?: number | undefined;
  /** Who did it in Zoom (a webhook's operator email), when Zoom says. */
  zoomOperator?: string | undefined;
}

export interface OrgDisconnectPreview {
  connection: OrgConnectionView | null;
  /** Members the organization connection serves right now (no working personal one, not opted out). */
  membersRelying: number;
  /** Meetings created through this connection that are not over (all keep working after a disconnect). */
  upcomingMeetings: number;
  /** The first of them, soonest first, with their join links. */
  keepWorking: UpcomingMeeting[];
  /** The last time the health check found it working. */
  lastCheckedAt: Date | null;
}

export interface ConnectionLossService {
  /** Ends or suspends the organization connection; `changed` is false when it was not in a state the reason applies to. */
  lose(workspaceId: string, loss: OrgLoss): Promise<{ changed: boolean; previous: OrgConnectionView | null }>;
  /** What disconnecting would do, for the admin's confirmation. */
  preview(workspaceId: string, actorId: string): Promise<OrgDisconnectPreview>;
  /** Meetings created through one org connection generation that are not over (ended ones with why). */
  upcomingThroughOrg(
    workspaceId: string,
    generation: number,
    options?: {
      limit?: number | undefined;
      hostGone?: { zoomUserId: string; reason: MeetingEndReason } | undefined;
    },
  ): Promise<UpcomingMeeting[]>;
}

// Zoom caps a meeting's scheduled duration at 24 h, so older starts cannot still be running.
const MAX_MEETING_MS = 24 * 3600_000;

/** Losing the connection because its Zoom user is gone ends the meetings that user hosts (and only those). */
const HOST_GONE: Partial<Record<OrgLossReason, MeetingEndReason>> = {
  zoom_user_deleted: 'host_deleted',
  zoom_user_deactivated: 'host_deactivated',
};

export function createConnectionLossService(
  deps: CommonDeps & {
    models: Models;
    admin: AdminCheck;
    audit: AuditService;
    settings: SettingsService;
    connections: ConnectionsService;
    grants: GrantsService;
    notifier: CoreNotifier;
    defer: Defer;
  },
): ConnectionLossService {
  const { models, admin, audit, settings, connections, grants, notifier } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'connection-loss' });

  async function membersRelying(workspaceId: string): Promise<number> {
    const ws = await settings.get(workspaceId);
    const filter: Record<string, unknown> = {
      workspaceId,
      deleted: false,
      personalStatus: { $in: ['none', 'needs_reconnect'] },
    };
    if (ws.allowUserOptOut) filter.optedOut = false;
    return models.members.countDocuments(filter);
  }

  async function upcomingThroughOrg(
    workspaceId: string,
    generation: number,
    options: {
      limit?: number | undefined;
      /** The connection's own Zoom user is gone: the meetings it hosts read as ended for that reason. */
      hostGone?: { zoomUserId: string; reason: MeetingEndReason } | undefined;
    } = {},
  ): Promise<UpcomingMeeting[]> {
    checkWorkspaceId(workspaceId);
    // "Upcoming" means not over yet: an instant meeting made a minute ago is still running.
    const now = clock();
    const docs = await models.meetings
      .find({
        workspaceId,
        source: 'org',
        orgGeneration: generation,
        startTime: { $gt: new Date(now.getTime() - MAX_MEETING_MS) },
      })
      .sort({ startTime: 1 })
      .limit(Math.min(Math.max(options.limit ?? 500, 1), 5000))
      .lean();
    return docs
      .filter((d) => isNotOver(d, now))
      .map((d) => ({
        slackUserId: d.slackUserId,
        meetingId: d.meetingId,
        topic: d.topic,
        startTime: d.startTime,
        joinUrl: d.joinUrl,
        hostEmail: d.zoomEmail,
        endReason: d.state === 'ended' ? (d.endReason ?? null) : null,
        zoomUserId: d.zoomUserId,
      }))
      .map(({ zoomUserId, ...meeting }) =>
        meeting.endReason === null && options.hostGone?.zoomUserId === zoomUserId
          ? { ...meeting, endReason: options.hostGone.reason }
          : meeting,
      );
  }

  /** One conditional update: only from a state the reason applies to, only the named generation. */
  async function markLost(workspaceId: string, loss: OrgLoss) {
    const status = statusAfterLoss(loss.reason);
    const from = status === 'disconnected' ? ['active', 'needs_reconnect'] : ['active'];
    const filter: Record<string, unknown> = { workspaceId, status: { $in: from } };
    if (loss.generation !== undefined) filter.generation = loss.generation;
    const set: Record<string, unknown> = {
      status,
      statusReason: loss.reason,
      statusChangedAt: clock(),
      disconnectedBy: loss.actorId ?? null,
    };
    // A disconnected connection holds no grant.
    const update: Record<string, unknown> = { $set: set };
    if (status === 'disconnected') update.$unset = { grantId: 1 };
    return models.orgConnections
      .findOneAndUpdate(filter, update, { returnDocument: 'before' })
      .lean<OrgConnectionDoc>();
  }

  /**
   * Disconnected: this workspace no longer holds the grant — revoked at Zoom if it was the last
   * holder and we are the ones ending it (when Zoom ended it there is nothing to revoke). Needs
   * reconnecting: the holder is suspended (it reads no token) until a new approval.
   */
  async function releaseGrant(workspaceId: string, previous: OrgConnectionView, reason: OrgLossReason) {
    if (!previous.grant) return null;
    const holder = { workspaceId, kind: 'org', generation: previous.generation } as const;
    if (statusAfterLoss(reason) === 'needs_reconnect') {
      await grants.setActive(previous.grant, holder, false);
      return null;
    }
    const { revoked } = await grants.detach(previous.grant, holder, {
      revoke: reason === 'admin_disconnected',
    });
    return revoked;
  }

  /** `relying` is counted before the change: afterwards the connection serves nobody. */
  async function announce(
    workspaceId: string,
    loss: OrgLoss,
    previous: OrgConnectionView,
    relying: number,
  ): Promise<void> {
    const endsHosted = HOST_GONE[loss.reason];
    const meetings = await upcomingThroughOrg(workspaceId, previous.generation, {
      limit: 500,
      hostGone: endsHosted ? { zoomUserId: previous.zoomUserId, reason: endsHosted } : undefined,
    });
    await notifier.orgConnectionLost({
      workspaceId,
      status: statusAfterLoss(loss.reason),
      reason: loss.reason,
      actorId: loss.actorId ?? null,
      zoomEmail: previous.zoomEmail,
      membersRelying: relying,
      meetings,
      lastCheckedAt: previous.lastCheckedAt,
      zoomOperator: loss.zoomOperator ?? null,
    });
  }

  return {
    async lose(workspaceId, loss) {
      checkWorkspaceId(workspaceId);
      if (loss.reason === 'admin_disconnected') {
        if (!loss.actorId) throw new ServiceError('not_admin', 'An admin disconnect names the admin.');
        await requireAdmin(admin, workspaceId, loss.actorId, { fresh: true });
      }
      const relying = await membersRelying(workspaceId);
      const before = await markLost(workspaceId, loss);
      if (!before) {
        if (loss.reason === 'admin_disconnected') {
          throw new ServiceError('not_connected', 'There is no organization Zoom connection to disconnect.');
        }
        return { changed: false, previous: null };
      }
      const previous = orgView(before);
      const revoked = await releaseGrant(workspaceId, previous, loss.reason);
      const status = statusAfterLoss(loss.reason);
      await audit.record(
        workspaceId,
        status === 'disconnected' ? 'org_disconnected' : 'org_needs_reconnect',
        loss.actorId ??
          (loss.reason === 'token_rejected' || loss.reason === 'scope_missing' ? 'system' : 'zoom'),
        { zoomEmail: previous.zoomEmail, generation: previous.generation, reason: loss.reason, revoked },
      );
      logger.info(
        { workspaceId, reason: loss.reason, generation: previous.generation },
        'org connection lost',
      );
      deps.defer('org_connection_lost', { workspaceId, reason: loss.reason }, () =>
        announce(workspaceId, loss, previous, previous.status === 'active' ? relying : 0),
      );
      return { changed: true, previous };
    },

    async preview(workspaceId, actorId) {
      checkWorkspaceId(workspaceId);
      await requireAdmin(admin, workspaceId, actorId);
      const org = await connections.getOrg(workspaceId);
      if (!org || org.status === 'disconnected') {
        return {
          connection: org,
          membersRelying: 0,
          upcomingMeetings: 0,
          keepWorking: [],
          lastCheckedAt: org?.lastCheckedAt ?? null,
        };
      }
      const [relying, upcoming] = await Promise.all([
        org.status === 'active' ? membersRelying(workspaceId) : Promise.resolve(0),
        upcomingThroughOrg(workspaceId, org.generation, { limit: 5000 }),
      ]);
      // A disconnect ends none of them: they are hosted by the members' own Zoom users.
      const live = upcoming.filter((m) => m.endReason === null);
      return {
        connection: org,
        membersRelying: relying,
        upcomingMeetings: live.length,
        keepWorking: live.slice(0, 10),
        lastCheckedAt: org.lastCheckedAt,
      };
    },

    upcomingThroughOrg,
  };
}

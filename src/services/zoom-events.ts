/**
 * Zoom webhook events → core state (DESIGN §1.8, §3.2). Webhooks name only Zoom ids, so each event
 * first finds the connections behind them (the one cross-workspace lookup), then acts per
 * workspace with the ordinary, workspace-scoped service methods.
 *
 * Matched on everything the event carries (issue 13): the Zoom account as well as the user, and
 * for `app_deauthorized` the app's client id. The org app removed from an account ends the
 * organization connection of every workspace on that account, whichever of its admins removed it.
 * An event naming a connection of another account, or another app's client id, is ignored and
 * logged.
 */
import pino from 'pino';
import { type OrgLossReason, statusAfterLoss } from '../domain/connection-loss.js';
import { endReasonOfHostEvent, type MeetingEndReason } from '../domain/meeting-end.js';
import { ZoomError, type ZoomGateway } from '../zoom/contracts.js';
import type { ZoomWebhookEvent } from '../zoom/webhooks.js';
import type { ConnectionLossService } from './connection-loss.js';
import type { ConnectionsService } from './connections.js';
import type { MeetingRecord, MeetingsService } from './meetings/index.js';
import type { CommonDeps, CoreNotifier } from './ports.js';
import type { WorkspaceLifecycleService } from './workspace-lifecycle.js';

export type ZoomEventOutcome =
  | { workspaceId: string; kind: 'org'; status: 'needs_reconnect' | 'disconnected'; reason: OrgLossReason }
  | {
      workspaceId: string;
      kind: 'personal';
      slackUserId: string;
      status: 'needs_reconnect' | 'removed';
      reason: string;
    }
  /** A meeting made through the app ended (deleted in Zoom, or its host Zoom user gone). */
  | { workspaceId: string; kind: 'meeting'; meetingId: string; reason: MeetingEndReason };

export interface ZoomEventHandler {
  /** `ZoomEventDispatcher` for `createZoomWebhookRouter`. */
  dispatch(event: ZoomWebhookEvent): Promise<void>;
  /** Same, returning what changed (tests, logs). */
  handle(event: ZoomWebhookEvent): Promise<ZoomEventOutcome[]>;
}

type UserEvent = Extract<ZoomWebhookEvent, { user: unknown }>;

/** What a user event means for an org connection whose Zoom user it names; null = nothing. */
function orgLossOf(event: UserEvent): OrgLossReason | null {
  switch (event.event) {
    case 'user.deleted':
      return 'zoom_user_deleted';
    case 'user.disassociated':
      return 'zoom_user_disassociated';
    case 'user.deactivated':
      // A deactivated Zoom user cannot host or approve anything: the connection stops.
      return 'zoom_user_deactivated';
    case 'user.updated':
      // Decided by asking Zoom (stillAdmin): the payload only lists what changed.
      return null;
  }
}

/** Zoom events that end meetings made through the app (issue 14): apart from the connection events. */
function createMeetingEventHandlers(meetings: Pick<MeetingsService, 'endDeletedInZoom' | 'endHostedBy'>) {
  const meetingOutcomes = (ended: MeetingRecord[]): ZoomEventOutcome[] =>
    ended.flatMap((m) =>
      m.endReason
        ? [
            {
              workspaceId: m.workspaceId,
              kind: 'meeting',
              meetingId: m.meetingId,
              reason: m.endReason,
            } as const,
          ]
        : [],
    );

  /** `meeting.deleted` (either app hears it; the second is a no-op): that meeting ends. */
  async function handleMeetingDeleted(event: Extract<ZoomWebhookEvent, { event: 'meeting.deleted' }>) {
    return meetingOutcomes(
      await meetings.endDeletedInZoom({
        accountId: event.accountId,
        meetingId: event.meeting.id,
        hostId: event.meeting.hostId,
        operator: event.operator,
      }),
    );
  }

  /**
   * Any member's Zoom user deleted or deactivated (not only the org admin's): the meetings it
   * hosts end. Run before the connection's own handling, so a loss announced for the same event
   * already reads them as ended.
   */
  async function handleHostGone(event: ZoomWebhookEvent): Promise<ZoomEventOutcome[]> {
    if (event.event !== 'user.deleted' && event.event !== 'user.deactivated') return [];
    const reason = endReasonOfHostEvent(event.event);
    if (reason !== 'host_deleted' && reason !== 'host_deactivated') return [];
    return meetingOutcomes(
      await meetings.endHostedBy({
        accountId: event.accountId,
        zoomUserId: event.user.id,
        reason,
        operator: event.operator,
      }),
    );
  }

  return { handleMeetingDeleted, handleHostGone };
}

export function createZoomEventHandler(
  deps: CommonDeps & {
    connections: ConnectionsService;
    connectionLoss: ConnectionLossService;
    /** To re-check at Zoom, with the same test as at approval, after the Zoom user is updated. */
    zoom: Pick<ZoomGateway, 'isAdmin'>;
    notifier: CoreNotifier;
    /** Our two Zoom apps' client ids: an `app_deauthorized` naming another one is not ours. */
    clientIds: { org: string; user: string };
    /** Meetings end on `meeting.deleted` and when their host Zoom user is deleted or deactivated. */
    meetings: Pick<MeetingsService, 'endDeletedInZoom' | 'endHostedBy'>;
    /** Forgets a Zoom user who asked apps to delete their data (`user_data_retention: false`). */
    lifecycle: Pick<WorkspaceLifecycleService, 'forgetZoomUser'>;
  },
): ZoomEventHandler {
  const { connections, connectionLoss, notifier, zoom } = deps;
  const meetingEvents = createMeetingEventHandlers(deps.meetings);
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-events' });

  /**
   * `user.updated` of the Zoom user behind an org connection: can it still act as an admin, by
   * the test the approval used (an admin-scope call with that connection's grant)? When Zoom
   * cannot be asked nothing is concluded: the payload's role name cannot tell a custom admin role
   * from a member's, and the periodic health check looks again. A deactivation is left to its own
   * `user.deactivated` event, so nobody is told twice.
   */
  async function stillAdmin(workspaceId: string): Promise<boolean> {
    const org = await connections.getOrg(workspaceId);
    if (org?.status !== 'active') return true;
    try {
      return await zoom.isAdmin(connections.orgRef(workspaceId, org));
    } catch (error) {
      logger.warn(
        { workspaceId, code: error instanceof ZoomError ? error.code : 'internal' },
        'could not re-check the admin role at Zoom after user.updated; the health check will',
      );
      return true;
    }
  }

  async function warnOtherAccounts(event: ZoomWebhookEvent, zoomUserId: string): Promise<void> {
    const others = await connections.countOtherAccounts(event.app, zoomUserId, event.accountId);
    if (others > 0) {
      logger.warn(
        { event: event.event, app: event.app, connections: others },
        'zoom event names a connected Zoom user but another account: ignored',
      );
    }
  }

  async function loseOrg(workspaceId: string, reason: OrgLossReason, generation?: number, operator?: string) {
    const { changed } = await connectionLoss.lose(workspaceId, {
      reason,
      generation,
      zoomOperator: operator,
    });
    return changed ? [{ workspaceId, kind: 'org', status: statusAfterLoss(reason), reason } as const] : [];
  }

  async function handleOrgUser(event: UserEvent): Promise<ZoomEventOutcome[]> {
    const outcomes: ZoomEventOutcome[] = [];
    await warnOtherAccounts(event, event.user.id);
    for (const { workspaceId, generation } of await connections.findByZoomUser(
      'org',
      event.user.id,
      event.accountId,
    )) {
      const reason =
        event.event === 'user.updated'
          ? (await stillAdmin(workspaceId))
            ? null
            : 'admin_role_lost'
          : orgLossOf(event);
      if (reason) outcomes.push(...(await loseOrg(workspaceId, reason, generation, event.operator)));
    }
    return outcomes;
  }

  /** The org app removed from a Zoom account, by whichever of its admins: every workspace on it. */
  async function handleOrgRemoved(event: Extract<ZoomWebhookEvent, { event: 'app_deauthorized' }>) {
    const outcomes: ZoomEventOutcome[] = [];
    for (const { workspaceId, generation } of await connections.findOrgByAccount(event.accountId)) {
      outcomes.push(...(await loseOrg(workspaceId, 'app_removed', generation)));
    }
    return outcomes;
  }

  async function tellPersonal(
    outcome: Extract<ZoomEventOutcome, { kind: 'personal' }>,
    zoomEmail: string | null,
  ) {
    // The notifier words a removal only for reason 'removed'; anything else reads "needs reconnecting".
    await notifier.personalConnectionLost({
      workspaceId: outcome.workspaceId,
      slackUserId: outcome.slackUserId,
      reason: outcome.status === 'removed' ? 'removed' : outcome.reason,
      zoomEmail,
    });
  }

  async function handlePersonal(event: ZoomWebhookEvent, zoomUserId: string): Promise<ZoomEventOutcome[]> {
    if (event.event === 'user.updated') return [];
    await warnOtherAccounts(event, zoomUserId);
    const outcomes: ZoomEventOutcome[] = [];
    for (const { workspaceId, slackUserId } of await connections.findByZoomUser(
      'user',
      zoomUserId,
      event.accountId,
    )) {
      if (slackUserId === undefined) continue;
      // Read before the change: a removed connection no longer knows its Zoom email.
      const before = await connections.getPersonal(workspaceId, slackUserId);
      let outcome: Extract<ZoomEventOutcome, { kind: 'personal' }> | null = null;
      if (event.event === 'app_deauthorized') {
        // The member removed the app in Zoom: the grant is gone, so is the connection.
        await connections.disconnectPersonal(workspaceId, slackUserId, 'zoom').catch((error: unknown) => {
          logger.info({ workspaceId, err: error }, 'personal connection already gone');
        });
        outcome = {
          workspaceId,
          kind: 'personal',
          slackUserId,
          status: 'removed',
          reason: 'app_removed_in_zoom',
        };
      } else {
        const reason = event.event.replace('.', '_');
        if (await connections.markPersonalNeedsReconnect(workspaceId, slackUserId, reason)) {
          outcome = { workspaceId, kind: 'personal', slackUserId, status: 'needs_reconnect', reason };
        }
      }
      if (outcome) {
        outcomes.push(outcome);
        await tellPersonal(outcome, before?.zoomEmail ?? null);
      }
    }
    return outcomes;
  }

  async function handle(event: ZoomWebhookEvent): Promise<ZoomEventOutcome[]> {
    if (event.event === 'meeting.deleted') {
      const ended = await meetingEvents.handleMeetingDeleted(event);
      logger.info({ event: event.event, app: event.app, changes: ended.length }, 'zoom event handled');
      return ended;
    }
    if (event.event === 'app_deauthorized' && event.clientId !== deps.clientIds[event.app]) {
      logger.warn({ app: event.app }, 'app_deauthorized for another client id than this app: ignored');
      return [];
    }
    const hostGone = await meetingEvents.handleHostGone(event);
    let outcomes: ZoomEventOutcome[];
    if (event.app === 'org') {
      outcomes =
        event.event === 'app_deauthorized' ? await handleOrgRemoved(event) : await handleOrgUser(event);
    } else {
      const zoomUserId = event.event === 'app_deauthorized' ? event.userId : event.user.id;
      outcomes = await handlePersonal(event, zoomUserId);
    }
    outcomes = [...hostGone, ...outcomes];
    if (event.event === 'app_deauthorized' && !event.userDataRetention) {
      // After the connections ended (and people were told): what we hold about this Zoom user goes now.
      const deleted = await deps.lifecycle.forgetZoomUser(event.app, event.userId);
      logger.info({ app: event.app, ...deleted }, 'zoom user data deleted at their request');
    }
    logger.info({ event: event.event, app: event.app, changes: outcomes.length }, 'zoom event handled');
    return outcomes;
  }

  return {
    handle,
    async dispatch(event) {
      await handle(event);
    },
  };
}

/**
 * Zoom webhook events → core state (DESIGN §1.8, §3.2). Webhooks name only Zoom ids, so each event
 * first finds the connections behind that Zoom user (the one cross-workspace lookup), then acts
 * per workspace with the ordinary, workspace-scoped service methods.
 */
import pino from 'pino';
import type { ZoomWebhookEvent } from '../zoom/webhooks.js';
import type { ConnectionsService } from './connections.js';
import type { MeetingsService } from './meetings.js';
import type { CommonDeps, CoreNotifier } from './ports.js';

export type ZoomEventOutcome =
  | { workspaceId: string; kind: 'org'; status: 'needs_reconnect' | 'disconnected'; reason: string }
  | {
      workspaceId: string;
      kind: 'personal';
      slackUserId: string;
      status: 'needs_reconnect' | 'removed';
      reason: string;
    };

export interface ZoomEventHandler {
  /** `ZoomEventDispatcher` for `createZoomWebhookRouter`. */
  dispatch(event: ZoomWebhookEvent): Promise<void>;
  /** Same, returning what changed (tests, logs). */
  handle(event: ZoomWebhookEvent): Promise<ZoomEventOutcome[]>;
}

const ADMIN_ROLES = new Set(['Owner', 'Admin']);

/**
 * What an event means for an org connection whose Zoom user it names; null = nothing. Reasons are
 * the codes the Slack side knows (src/slack/mappers.ts `orgReasonOf`), so admins read the real cause.
 * A deactivated Zoom user cannot host or approve anything: the connection stops (issue 8).
 */
function orgEffect(
  event: ZoomWebhookEvent,
): { status: 'needs_reconnect' | 'disconnected'; reason: string } | null {
  switch (event.event) {
    case 'app_deauthorized':
      return { status: 'disconnected', reason: 'app_removed' };
    case 'user.deleted':
      return { status: 'disconnected', reason: 'zoom_user_deleted' };
    case 'user.disassociated':
      return { status: 'disconnected', reason: 'user_disassociated' };
    case 'user.deactivated':
      return { status: 'disconnected', reason: 'user_deactivated' };
    case 'user.updated': {
      const role = event.changes.role_name ?? event.user.roleName;
      if (typeof role === 'string' && !ADMIN_ROLES.has(role))
        return { status: 'needs_reconnect', reason: 'lost_admin_role' };
      // A deactivation arrives as its own `user.deactivated` event (handled above); reacting to
      // the accompanying `user.updated` too would tell everyone twice.
      return null;
    }
  }
}

export function createZoomEventHandler(
  deps: CommonDeps & {
    connections: ConnectionsService;
    meetings: MeetingsService;
    notifier?: CoreNotifier | undefined;
  },
): ZoomEventHandler {
  const { connections, meetings, notifier } = deps;
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-events' });

  async function handleOrg(event: ZoomWebhookEvent, zoomUserId: string): Promise<ZoomEventOutcome[]> {
    const effect = orgEffect(event);
    if (!effect) return [];
    const outcomes: ZoomEventOutcome[] = [];
    for (const target of await connections.findByZoomUser('org', zoomUserId)) {
      const { workspaceId, generation } = target;
      const before = await connections.getOrg(workspaceId);
      const changed =
        effect.status === 'disconnected'
          ? await connections.markOrgDisconnected(workspaceId, effect.reason, generation)
          : await connections.markNeedsReconnect(workspaceId, { kind: 'org', generation }, effect.reason);
      if (!changed) continue;
      outcomes.push({ workspaceId, kind: 'org', ...effect });
      if (notifier && generation !== undefined) {
        const affectedMeetings = await meetings.upcomingThroughOrg(workspaceId, generation);
        await notifier.orgConnectionLost({
          workspaceId,
          ...effect,
          zoomEmail: before?.zoomEmail ?? null,
          affectedMeetings,
        });
      }
    }
    return outcomes;
  }

  async function handlePersonal(event: ZoomWebhookEvent, zoomUserId: string): Promise<ZoomEventOutcome[]> {
    if (event.event === 'user.updated') return [];
    const outcomes: ZoomEventOutcome[] = [];
    for (const { workspaceId, slackUserId } of await connections.findByZoomUser('user', zoomUserId)) {
      if (slackUserId === undefined) continue;
      let outcome: ZoomEventOutcome | null = null;
      // Read before the change: a removed connection no longer knows its Zoom email.
      const before = await connections.getPersonal(workspaceId, slackUserId);
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
        if (await connections.markNeedsReconnect(workspaceId, { kind: 'personal', slackUserId }, reason)) {
          outcome = { workspaceId, kind: 'personal', slackUserId, status: 'needs_reconnect', reason };
        }
      }
      if (outcome) {
        outcomes.push(outcome);
        // The notifier words a removal only for reason 'removed'; anything else reads "needs reconnecting".
        await notifier?.personalConnectionLost({
          workspaceId,
          slackUserId,
          reason: outcome.status === 'removed' ? 'removed' : outcome.reason,
          zoomEmail: before?.zoomEmail ?? null,
        });
      }
    }
    return outcomes;
  }

  async function handle(event: ZoomWebhookEvent): Promise<ZoomEventOutcome[]> {
    const zoomUserId = event.event === 'app_deauthorized' ? event.userId : event.user.id;
    const outcomes =
      event.app === 'org' ? await handleOrg(event, zoomUserId) : await handlePersonal(event, zoomUserId);
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

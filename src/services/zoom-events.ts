/**
 * Zoom webhook events → core state (DESIGN §1.8, §3.2). Webhooks name only Zoom ids, so each event
 * first finds the connections behind that Zoom user (the one cross-workspace lookup), then acts
 * per workspace with the ordinary, workspace-scoped service methods.
 */
import pino from 'pino';
import { type OrgLossReason, statusAfterLoss } from '../domain/connection-loss.js';
import { ZoomError, type ZoomGateway } from '../zoom/contracts.js';
import type { ZoomWebhookEvent } from '../zoom/webhooks.js';
import type { ConnectionLossService } from './connection-loss.js';
import type { ConnectionsService } from './connections.js';
import type { CommonDeps, CoreNotifier } from './ports.js';

export type ZoomEventOutcome =
  | { workspaceId: string; kind: 'org'; status: 'needs_reconnect' | 'disconnected'; reason: OrgLossReason }
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
 * What an event means for an org connection whose Zoom user it names; null = nothing. A
 * deactivated Zoom user cannot host or approve anything: the connection stops (issue 8).
 */
function orgLossOf(event: ZoomWebhookEvent): OrgLossReason | null {
  switch (event.event) {
    case 'app_deauthorized':
      return 'app_removed';
    case 'user.deleted':
      return 'zoom_user_deleted';
    case 'user.disassociated':
      return 'zoom_user_disassociated';
    case 'user.deactivated':
      return 'zoom_user_deactivated';
    case 'user.updated':
      // Decided by asking Zoom (roleAfterUpdate): the payload only lists what changed.
      return null;
  }
}

/** The role a `user.updated` payload states, if it states one (Zoom names it `role`; `role_name` accepted too). */
function payloadRole(event: Extract<ZoomWebhookEvent, { event: 'user.updated' }>): string | undefined {
  const stated = event.changes.role_name ?? event.changes.role ?? event.user.roleName;
  return typeof stated === 'string' ? stated : undefined;
}

export function createZoomEventHandler(
  deps: CommonDeps & {
    connections: ConnectionsService;
    connectionLoss: ConnectionLossService;
    /** To re-check the role at Zoom when the org connection's Zoom user is updated. */
    zoom: Pick<ZoomGateway, 'getMe'>;
    notifier: CoreNotifier;
  },
): ZoomEventHandler {
  const { connections, connectionLoss, notifier, zoom } = deps;
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'zoom-events' });

  /**
   * `user.updated` of the Zoom user behind an org connection: its role as Zoom reports it now
   * (`GET /users/me` with that connection's token), whatever the payload says or leaves out.
   * When Zoom cannot be asked, the payload's role (if it names one) decides; otherwise nothing is
   * concluded and the periodic health check looks again. A deactivation is left to its own
   * `user.deactivated` event, so nobody is told twice.
   */
  async function roleAfterUpdate(
    event: Extract<ZoomWebhookEvent, { event: 'user.updated' }>,
    workspaceId: string,
    generation: number | undefined,
  ): Promise<string | undefined> {
    if (generation === undefined) return payloadRole(event);
    try {
      const me = await zoom.getMe(connections.credentialRef(workspaceId, { kind: 'org', generation }));
      return me.roleName;
    } catch (error) {
      logger.warn(
        { workspaceId, code: error instanceof ZoomError ? error.code : 'internal' },
        'could not re-check the role at Zoom after user.updated; using the payload',
      );
      return payloadRole(event);
    }
  }

  async function lossFor(
    event: ZoomWebhookEvent,
    workspaceId: string,
    generation: number | undefined,
  ): Promise<OrgLossReason | null> {
    if (event.event !== 'user.updated') return orgLossOf(event);
    const role = await roleAfterUpdate(event, workspaceId, generation);
    return role !== undefined && !ADMIN_ROLES.has(role) ? 'admin_role_lost' : null;
  }

  async function handleOrg(event: ZoomWebhookEvent, zoomUserId: string): Promise<ZoomEventOutcome[]> {
    const outcomes: ZoomEventOutcome[] = [];
    for (const { workspaceId, generation } of await connections.findByZoomUser('org', zoomUserId)) {
      const reason = await lossFor(event, workspaceId, generation);
      if (!reason) continue;
      const { changed } = await connectionLoss.lose(workspaceId, { reason, generation });
      if (changed) outcomes.push({ workspaceId, kind: 'org', status: statusAfterLoss(reason), reason });
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
        if (await connections.markPersonalNeedsReconnect(workspaceId, slackUserId, reason)) {
          outcome = { workspaceId, kind: 'personal', slackUserId, status: 'needs_reconnect', reason };
        }
      }
      if (outcome) {
        outcomes.push(outcome);
        // The notifier words a removal only for reason 'removed'; anything else reads "needs reconnecting".
        await notifier.personalConnectionLost({
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

/**
 * Telling people a connection stopped, and taking it back when it works again (issue 17 §3, §8).
 * Admins get the alert (which workspace, why, who, what keeps working, Reconnect); the Slack member
 * whose Zoom user the organization connection ran through is told too when it stopped because of
 * that user; a member whose personal connection needs reconnecting is told. Every alert is recorded
 * on its connection and rewritten as "resolved" once the connection works again.
 */
import type { Translator } from '../i18n/index.js';
import type { CoreServices, OrgConnectionLostEvent } from '../services/index.js';
import type { MessageView } from './blockkit/types.js';
import { toMeetingRef } from './meeting-mappers.js';
import type { MessageRef } from './request-dms.js';
import {
  alertResolvedDm,
  type OrgConnectionAlertModel,
  orgConnectionAlertDm,
  personalDisconnectedDm,
  zoomUserStoppedDm,
} from './views/index.js';

type Render = (t: Translator) => MessageView;

/** Reasons that come from the Zoom user behind the connection: they are told it was them. */
const BECAUSE_OF_THE_ZOOM_USER = new Set([
  'admin_role_lost',
  'zoom_user_deactivated',
  'zoom_user_disassociated',
]);

export interface ConnectionAlertDeps {
  services: Pick<CoreServices, 'alerts' | 'directory' | 'status'>;
  dm(workspaceId: string, userId: string, render: Render): Promise<MessageRef | null>;
  update(
    workspaceId: string,
    message: { userId: string; channel: string; ts: string },
    render: Render,
  ): Promise<boolean>;
  workspaceName(workspaceId: string): Promise<string>;
  refreshHome(workspaceId: string, userId: string): Promise<void>;
}

export function createConnectionAlerts(deps: ConnectionAlertDeps) {
  const { services, dm, update, workspaceName, refreshHome } = deps;

  const sent = (userId: string) => (ref: MessageRef | null) => (ref ? [{ userId, ...ref }] : []);

  async function orgAlert(
    event: OrgConnectionLostEvent,
  ): Promise<OrgConnectionAlertModel & { workspaceName: string }> {
    const meetings = {
      keepWorking: event.meetings
        .filter((m) => m.endReason === null)
        .slice(0, 30)
        .map(toMeetingRef),
      ended: event.meetings
        .filter((m) => m.endReason !== null)
        .slice(0, 30)
        .map(toMeetingRef),
    };
    return {
      workspaceName: await workspaceName(event.workspaceId),
      status: event.status,
      reason: event.reason,
      zoomEmail: event.zoomEmail,
      actorId: event.actorId,
      since: new Date(),
      affectedMembers: event.membersRelying,
      zoomOperator: event.zoomOperator,
      lastCheckedAt: event.lastCheckedAt,
      meetings,
    };
  }

  return {
    async orgConnectionLost(event: OrgConnectionLostEvent): Promise<void> {
      const { workspaceId } = event;
      const admins = await services.directory.listAdmins(workspaceId);
      const model = await orgAlert(event);
      const refs = await Promise.all(
        admins.map(async (adminId) => {
          const ref = await dm(workspaceId, adminId, (t) => orgConnectionAlertDm(model, t));
          await refreshHome(workspaceId, adminId);
          return sent(adminId)(ref);
        }),
      );
      // The Zoom admin behind it, when it stopped because of their Zoom user and they are not an admin told above.
      const zoomUserMember =
        event.zoomEmail && BECAUSE_OF_THE_ZOOM_USER.has(event.reason)
          ? await services.directory.memberIdByEmail(workspaceId, event.zoomEmail)
          : null;
      if (zoomUserMember && !admins.includes(zoomUserMember)) {
        await dm(workspaceId, zoomUserMember, (t) => zoomUserStoppedDm(model, t));
      }
      await services.alerts.record(workspaceId, { kind: 'org' }, refs.flat());
    },

    async personalConnectionLost(event: {
      workspaceId: string;
      slackUserId: string;
      reason: string;
      zoomEmail?: string | null | undefined;
    }): Promise<void> {
      const { workspaceId, slackUserId } = event;
      const status = await services.status.getStatus(workspaceId, slackUserId).catch(() => null);
      const removed = event.reason === 'app_deauthorized' || event.reason === 'removed';
      const ref = await dm(workspaceId, slackUserId, (t) =>
        personalDisconnectedDm(
          {
            zoomEmail: event.zoomEmail ?? status?.personal?.zoomEmail ?? null,
            reason: removed ? 'removed' : 'needs_reconnect',
            orgTakesOver: status?.active === 'org',
          },
          t,
        ),
      );
      // A removed connection is gone (nothing to record on); one that needs reconnecting keeps its alert.
      if (!removed)
        await services.alerts.record(workspaceId, { kind: 'personal', slackUserId }, sent(slackUserId)(ref));
      await refreshHome(workspaceId, slackUserId);
    },

    /** The organization connection works again: its alerts say so, without their Reconnect button. */
    async orgReconnected(workspaceId: string, zoomEmail: string): Promise<void> {
      const alerts = await services.alerts.take(workspaceId, { kind: 'org' });
      if (alerts.length === 0) return;
      const model = {
        kind: 'org' as const,
        workspaceName: await workspaceName(workspaceId),
        zoomEmail,
        at: new Date(),
      };
      await Promise.all(
        alerts.map((message) => update(workspaceId, message, (t) => alertResolvedDm(model, t))),
      );
    },

    async personalReconnected(workspaceId: string, slackUserId: string, zoomEmail: string): Promise<void> {
      const alerts = await services.alerts.take(workspaceId, { kind: 'personal', slackUserId });
      if (alerts.length === 0) return;
      const model = {
        kind: 'personal' as const,
        workspaceName: await workspaceName(workspaceId),
        zoomEmail,
        at: new Date(),
      };
      await Promise.all(
        alerts.map((message) => update(workspaceId, message, (t) => alertResolvedDm(model, t))),
      );
    },
  };
}

export type ConnectionAlerts = ReturnType<typeof createConnectionAlerts>;

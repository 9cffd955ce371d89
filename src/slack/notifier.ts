/**
 * Everything the app tells people on its own initiative: DMs (approval requests, outcomes,
 * connection alerts, affected meetings) and Home tab refreshes. Implements the core's
 * CoreNotifier. A DM that fails is logged with its reason and never breaks the action that
 * caused it (the change is stored and audited either way).
 */

import { createTranslator, type Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { CallbackResult, CoreNotifier, CoreServices, RequestView } from '../services/index.js';
import type { MessageView } from './blockkit/types.js';
import type { SlackClients } from './clients.js';
import type { HomePublisher } from './home.js';
import { toMeetingRef } from './meeting-mappers.js';
import { createMeetingNotices, type MeetingNotices, type PostedRef } from './meeting-notices.js';
import {
  approvalReminderDm,
  approvalRequestDm,
  notZoomAdminDm,
  orgConnectionAlertDm,
  personalConnectedDm,
  personalDisconnectedDm,
  requestCompletedDm,
  requestExpiredDm,
} from './views/index.js';

export type { PostedRef } from './meeting-notices.js';

export interface SlackNotifier extends CoreNotifier, MeetingNotices {
  /** Opens the DM and posts; returns false (logged) when Slack refused. */
  dm(workspaceId: string, userId: string, render: (t: Translator) => MessageView): Promise<boolean>;
  /** The same, returning where it went (null, logged, when Slack refused). */
  dmPosted(
    workspaceId: string,
    userId: string,
    render: (t: Translator) => MessageView,
  ): Promise<PostedRef | null>;
  translatorFor(workspaceId: string, userId: string): Promise<Translator>;
  approvalOutcome(result: CallbackResult): Promise<void>;
  /** DMs the approval link to the request's recipient (a first send, a resend, a forward, or the 24 h reminder). */
  sendApprovalRequest(
    request: RequestView,
    link: string,
    options?: { forwardedBy?: string | undefined; reminder?: boolean | undefined },
  ): Promise<boolean>;
  workspaceName(workspaceId: string): Promise<string>;
}

export function createSlackNotifier(deps: {
  /** Only the core services: the notifier is the port the other services are given. */
  services: Pick<CoreServices, 'directory' | 'settings' | 'status'>;
  clients: SlackClients;
  home: HomePublisher;
  logger: Logger;
}): SlackNotifier {
  const logger = deps.logger.child({ module: 'notifier' });

  async function translatorFor(workspaceId: string, userId: string): Promise<Translator> {
    const member = await deps.services.directory.getMember(workspaceId, userId).catch(() => null);
    return createTranslator(member?.locale);
  }

  async function workspaceName(workspaceId: string): Promise<string> {
    return (await deps.services.settings.workspaceName(workspaceId).catch(() => null)) ?? workspaceId;
  }

  async function dmPosted(
    workspaceId: string,
    userId: string,
    render: (t: Translator) => MessageView,
  ): Promise<PostedRef | null> {
    try {
      const client = await deps.clients.forWorkspace(workspaceId);
      const t = await translatorFor(workspaceId, userId);
      const opened = await client.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      const message = render(t);
      const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
    } catch (error) {
      logger.warn({ err: error, workspaceId, userId }, 'could not send a DM');
      return null;
    }
  }

  const dm = async (workspaceId: string, userId: string, render: (t: Translator) => MessageView) =>
    (await dmPosted(workspaceId, userId, render)) !== null;

  async function sendApprovalRequest(
    request: RequestView,
    link: string,
    options: { forwardedBy?: string | undefined; reminder?: boolean | undefined } = {},
  ): Promise<boolean> {
    if (!request.recipientId) return false;
    const name = await workspaceName(request.workspaceId);
    const model = {
      requestId: request.id,
      requesterId: request.requesterId,
      workspaceName: name,
      url: link,
      expiresAt: request.expiresAt,
      note: request.note,
      forwardedBy: options.forwardedBy ?? null,
    };
    return dm(request.workspaceId, request.recipientId, (t) =>
      options.reminder ? approvalReminderDm(model, t) : approvalRequestDm(model, t),
    );
  }

  const refreshHome = (workspaceId: string, userId: string) =>
    deps.home.publish(workspaceId, userId).catch((error: unknown) => {
      logger.warn({ err: error, workspaceId, userId }, 'could not refresh the Home tab');
    });

  const meetingNotices = createMeetingNotices({
    clients: deps.clients,
    logger,
    dm,
    translatorFor,
    refreshHome,
    memberStatus: (workspaceId, userId) =>
      deps.services.status.getStatus(workspaceId, userId).catch(() => null),
  });

  return {
    dm,
    dmPosted,
    ...meetingNotices,
    translatorFor,
    workspaceName,

    sendApprovalRequest,

    async approvalOutcome(result) {
      const { workspaceId, requesterId, recipientId } = result.request;
      const name = await workspaceName(workspaceId);
      if (result.outcome === 'not_admin') {
        await dm(workspaceId, requesterId, (t) =>
          notZoomAdminDm({ zoomEmail: result.email, roleName: result.roleName }, t),
        );
        return;
      }
      if (result.request.kind === 'org') {
        await dm(workspaceId, requesterId, (t) =>
          requestCompletedDm({ workspaceName: name, zoomEmail: result.zoomEmail, audience: 'requester' }, t),
        );
        if (recipientId && recipientId !== requesterId) {
          await dm(workspaceId, recipientId, (t) =>
            requestCompletedDm({ workspaceName: name, zoomEmail: result.zoomEmail, audience: 'approver' }, t),
          );
        }
        // Everybody's status changed: refresh the Home tabs of the people involved; others
        // see it the next time they open Home (it is rendered on app_home_opened).
        await Promise.all([
          refreshHome(workspaceId, requesterId),
          recipientId ? refreshHome(workspaceId, recipientId) : null,
        ]);
        return;
      }
      const status = await deps.services.status.getStatus(workspaceId, requesterId).catch(() => null);
      await dm(workspaceId, requesterId, (t) =>
        personalConnectedDm({ zoomEmail: result.zoomEmail, orgBackup: status?.backup === 'org' }, t),
      );
      await refreshHome(workspaceId, requesterId);
    },

    async requestExpired(request) {
      const name = await workspaceName(request.workspaceId);
      await dm(request.workspaceId, request.requesterId, (t) =>
        requestExpiredDm(
          {
            workspaceName: name,
            expiredAt: request.expiresAt,
            recipientId: request.recipientId,
            kind: request.kind,
          },
          t,
        ),
      );
    },

    async approvalReminder(request, link) {
      await sendApprovalRequest(request, link, { reminder: true });
    },

    async orgConnectionLost(event) {
      const admins = await deps.services.directory.listAdmins(event.workspaceId);
      const since = new Date();
      const keepWorking = event.meetings.filter((m) => m.endReason === null);
      const ended = event.meetings.filter((m) => m.endReason !== null);
      const alertMeetings = {
        keepWorking: keepWorking.slice(0, 30).map((m) => toMeetingRef(m)),
        ended: ended.slice(0, 30).map((m) => toMeetingRef(m)),
      };
      await Promise.all(
        admins.map((adminId) =>
          dm(event.workspaceId, adminId, (t) =>
            orgConnectionAlertDm(
              {
                status: event.status,
                reason: event.reason,
                zoomEmail: event.zoomEmail,
                actorId: event.actorId,
                since,
                affectedMembers: event.membersRelying,
                zoomOperator: event.zoomOperator,
                lastCheckedAt: event.lastCheckedAt,
                meetings: alertMeetings,
              },
              t,
            ),
          ).then(() => refreshHome(event.workspaceId, adminId)),
        ),
      );
      await meetingNotices.tellHosts(event);
    },

    async personalConnectionLost(event) {
      const status = await deps.services.status
        .getStatus(event.workspaceId, event.slackUserId)
        .catch(() => null);
      await dm(event.workspaceId, event.slackUserId, (t) =>
        personalDisconnectedDm(
          {
            zoomEmail: event.zoomEmail ?? status?.personal?.zoomEmail ?? null,
            reason:
              event.reason === 'app_deauthorized' || event.reason === 'removed'
                ? 'removed'
                : 'needs_reconnect',
            orgTakesOver: status?.active === 'org',
          },
          t,
        ),
      );
      await refreshHome(event.workspaceId, event.slackUserId);
    },
  };
}

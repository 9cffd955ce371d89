/**
 * What people are told about approval requests (DESIGN §3.3, §3.2a), and the request DMs kept
 * true: every DM about a request is recorded (channel, ts), and once its buttons no longer apply —
 * completed, closed by another request, declined, cancelled, expired, forwarded, replaced, parked,
 * decided — it is rewritten with chat.update to say what happened, by whom and when.
 */

import type { Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { CallbackResult, CoreServices, ParkedResult, RequestView } from '../services/index.js';
import type { MessageView } from './blockkit/types.js';
import type { ConnectionAlerts } from './connection-alerts.js';
import { toParkedModel } from './mappers.js';
import {
  type ClosedAs,
  coverageOf,
  createRequestDms,
  type MessageRef,
  type RequestMessage,
} from './request-dms.js';

export type { MessageRef } from './request-dms.js';

import {
  type AccountCoverageModel,
  approvalReminderDm,
  approvalRequestDm,
  notZoomAdminDm,
  type ParkedApprovalModel,
  parkedApprovalDm,
  parkedApproverDm,
  personalConnectedDm,
  requestCompletedDm,
  requestExpiredDm,
} from './views/index.js';

type Render = (t: Translator) => MessageView;

/** Slack admins asked to confirm one parked org approval (each gets the DM; the first to decide wins). */
const MAX_DECIDERS = 15;

export interface ApprovalNoticeDeps {
  services: Pick<CoreServices, 'approvals' | 'connections' | 'directory' | 'status'>;
  dm(workspaceId: string, userId: string, render: Render): Promise<MessageRef | null>;
  update(workspaceId: string, message: RequestMessage, render: Render): Promise<boolean>;
  workspaceName(workspaceId: string): Promise<string>;
  refreshHome(workspaceId: string, userId: string): Promise<void>;
  logger: Logger;
  /** The alerts about a connection that stopped, rewritten once it works again. */
  reconnected: Pick<ConnectionAlerts, 'orgReconnected' | 'personalReconnected'>;
}

export interface ApprovalNotices {
  sendApprovalRequest(
    request: RequestView,
    link: string,
    options?: { forwardedBy?: string | undefined; reminder?: boolean | undefined },
  ): Promise<MessageRef | null>;
  approvalOutcome(result: CallbackResult): Promise<void>;
  parkedDecided(result: ParkedResult, actorId: string): Promise<void>;
  requestClosed(request: RequestView, closed: ClosedAs, onlyUserId?: string): Promise<void>;
  requestExpired(request: RequestView): Promise<void>;
  approvalReminder(request: RequestView, link: string): Promise<void>;
}

export function createApprovalNotices(deps: ApprovalNoticeDeps): ApprovalNotices {
  const { services, dm, workspaceName, refreshHome } = deps;

  const { remember, requestClosed, closeParkedDms } = createRequestDms(deps);

  async function parkedModelFor(
    request: RequestView,
    result: Extract<CallbackResult, { outcome: 'parked' }>,
    deciderId: string,
  ): Promise<ParkedApprovalModel | null> {
    const member =
      request.kind === 'personal' ? await services.directory.getMember(request.workspaceId, deciderId) : null;
    return toParkedModel(request, {
      workspaceName: result.workspaceName ?? (await workspaceName(request.workspaceId)),
      slackEmail: member?.email ?? null,
      currentZoomEmail: result.currentZoomEmail ?? null,
      currentServing: result.currentServing ?? true,
    });
  }

  async function parkedOutcome(result: Extract<CallbackResult, { outcome: 'parked' }>) {
    const { request } = result;
    const { workspaceId } = request;
    if (request.kind === 'personal') {
      const model = await parkedModelFor(request, result, request.requesterId);
      if (!model) return;
      await dm(workspaceId, request.requesterId, (t) => parkedApprovalDm(model, t)).then(
        remember(request, request.requesterId, 'decider'),
      );
      await refreshHome(workspaceId, request.requesterId);
      return;
    }
    // The recipient's request DM no longer offers Approve: it says it is waiting for Slack.
    await requestClosed(request, { status: 'awaiting_confirmation', zoomEmail: result.zoomEmail });
    const admins = (await services.directory.listAdmins(workspaceId)).slice(0, MAX_DECIDERS);
    const model = await parkedModelFor(request, result, request.requesterId);
    if (!model) return;
    for (const adminId of admins) {
      await dm(workspaceId, adminId, (t) => parkedApprovalDm(model, t)).then(
        remember(request, adminId, 'decider'),
      );
      await refreshHome(workspaceId, adminId);
    }
    const approver = request.recipientId;
    if (approver && !admins.includes(approver)) {
      await dm(workspaceId, approver, (t) => parkedApproverDm(model, t));
    }
  }

  async function completedOrg(
    request: RequestView,
    zoomEmail: string,
    account: AccountCoverageModel | null,
    superseded: RequestView[],
    alreadyTold: string | null,
  ) {
    const { workspaceId, requesterId, recipientId } = request;
    await deps.reconnected.orgReconnected(workspaceId, zoomEmail);
    const name = await workspaceName(workspaceId);
    await requestClosed(request, { status: 'completed', zoomEmail });
    for (const other of superseded) await requestClosed(other, { status: 'superseded', zoomEmail });
    if (requesterId !== alreadyTold) {
      await dm(workspaceId, requesterId, (t) =>
        requestCompletedDm({ workspaceName: name, zoomEmail, audience: 'requester', account }, t),
      );
    }
    if (recipientId && recipientId !== requesterId && recipientId !== alreadyTold) {
      await dm(workspaceId, recipientId, (t) =>
        requestCompletedDm({ workspaceName: name, zoomEmail, audience: 'approver', account }, t),
      );
    }
    // Everybody's status changed: refresh the Home tabs of the people involved; others see it the
    // next time they open Home (it is rendered on app_home_opened).
    await Promise.all([
      refreshHome(workspaceId, requesterId),
      recipientId ? refreshHome(workspaceId, recipientId) : null,
    ]);
  }

  async function sendApprovalRequest(
    request: RequestView,
    link: string,
    options: { forwardedBy?: string | undefined; reminder?: boolean | undefined } = {},
  ): Promise<MessageRef | null> {
    if (!request.recipientId) return null;
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

  return {
    sendApprovalRequest,
    requestClosed,

    async approvalOutcome(result) {
      const { workspaceId, requesterId } = result.request;
      if (result.outcome === 'not_admin') {
        await dm(workspaceId, requesterId, (t) =>
          notZoomAdminDm({ zoomEmail: result.email, roleName: result.roleName }, t),
        );
        return;
      }
      if (result.outcome === 'parked') return parkedOutcome(result);
      if (result.request.kind === 'org') {
        return completedOrg(
          result.request,
          result.zoomEmail,
          coverageOf(result.account),
          result.superseded ?? [],
          null,
        );
      }
      const status = await services.status.getStatus(workspaceId, requesterId).catch(() => null);
      await dm(workspaceId, requesterId, (t) =>
        personalConnectedDm({ zoomEmail: result.zoomEmail, orgBackup: status?.backup === 'org' }, t),
      );
      await deps.reconnected.personalReconnected(workspaceId, requesterId, result.zoomEmail);
      await refreshHome(workspaceId, requesterId);
    },

    async parkedDecided(result, actorId) {
      await closeParkedDms(result, actorId);
      if (result.outcome === 'confirmed' && result.request.kind === 'personal') {
        await deps.reconnected.personalReconnected(
          result.request.workspaceId,
          result.request.requesterId,
          result.zoomEmail,
        );
      }
      if (result.outcome === 'confirmed' && result.request.kind === 'org') {
        await completedOrg(
          result.request,
          result.zoomEmail,
          coverageOf(result.account),
          result.superseded ?? [],
          actorId,
        );
      }
    },

    async requestExpired(request) {
      if (request.parked) {
        // Nobody said yes in time: the deciders' DMs say so; the member or requester is not told twice.
        await closeParkedDms({ outcome: 'expired', request }, null);
        return;
      }
      await requestClosed(request, { status: 'expired' });
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
      const recipient = request.recipientId;
      if (!recipient) return;
      await sendApprovalRequest(request, link, { reminder: true }).then(
        remember(request, recipient, 'recipient'),
      );
    },
  };
}

/** Approval-request buttons: decline (recipient), resend and cancel (requester or admins). */
import type { SlackAppDeps } from '../../runtime.js';
import { forwardModal, parseRequestId, requestDeclinedDm } from '../../views/index.js';
import { actionHandler } from './frame.js';

export function declineRequest(deps: SlackAppDeps) {
  return actionHandler(deps, 'decline_request', async ({ actor, args, value, tell }) => {
    const requestId = parseRequestId(value);
    if (!requestId) return;
    const request = await deps.services.approvals.decline(actor.workspaceId, requestId, actor.userId);
    await deps.notifier.requestClosed(request, { status: 'declined', actorId: actor.userId });
    const workspaceName = await deps.notifier.workspaceName(actor.workspaceId);
    await deps.notifier.dm(actor.workspaceId, request.requesterId, (t) =>
      requestDeclinedDm({ workspaceName, declinedBy: actor.userId }, t),
    );
    const notice = actor.t('notice.request_declined', { user: `<@${request.requesterId}>` });
    // Replace the request in the DM so the buttons cannot be used again.
    if (args.respond && args.body.message) {
      await args.respond({ replace_original: true, text: notice });
    } else {
      await tell({ text: notice, blocks: [] });
    }
    await deps.home.publish(actor.workspaceId, request.requesterId).catch(() => undefined);
  });
}

export function resendRequest(deps: SlackAppDeps) {
  return actionHandler(deps, 'resend_request', async ({ actor, value, tell, surface }) => {
    const requestId = parseRequestId(value);
    if (!requestId) return;
    const { request, link } = await deps.services.approvals.resend(
      actor.workspaceId,
      requestId,
      actor.userId,
    );
    // The DMs with the old link say it was replaced, before the new one arrives.
    await deps.notifier.requestClosed(request, { status: 'replaced', actorId: actor.userId });
    if (request.recipientId) {
      const sent = await deps.notifier.sendApprovalRequest(request, link);
      if (sent)
        await deps.services.approvals.recordSent(actor.workspaceId, request.id, actor.userId, {
          userId: request.recipientId,
          role: 'recipient',
          ...sent,
        });
      await tell({
        text: actor.t('notice.request_resent', { user: `<@${request.recipientId}>` }),
        blocks: [],
      });
    } else {
      await tell({ text: `${actor.t('notice.request_resent_no_recipient')}\n${link}`, blocks: [] });
    }
    if (surface === 'home') await deps.home.publish(actor.workspaceId, actor.userId);
  });
}

export function cancelRequest(deps: SlackAppDeps) {
  return actionHandler(deps, 'cancel_request', async ({ actor, value, tell, surface }) => {
    const requestId = parseRequestId(value);
    if (!requestId) return;
    const request = await deps.services.approvals.cancel(actor.workspaceId, requestId, actor.userId);
    await deps.notifier.requestClosed(request, { status: 'cancelled', actorId: actor.userId });
    if (surface === 'home') await deps.home.publish(actor.workspaceId, actor.userId);
    else await tell({ text: actor.t('notice.request_cancelled'), blocks: [] });
  });
}

/** "Not me — forward": opens the Forward modal (the submission hands the request on). */
export function openForward(deps: SlackAppDeps) {
  return actionHandler(deps, 'forward_request', async ({ actor, args, value }) => {
    const requestId = parseRequestId(value);
    if (!requestId) return;
    const request = await deps.services.approvals.get(actor.workspaceId, requestId);
    if (!request) return;
    const channel = args.body.channel?.id ?? '';
    const ts = args.body.message?.ts ?? '';
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: forwardModal(
        {
          requestId,
          requesterId: request.requesterId,
          privateMetadata: JSON.stringify({ requestId, channel, ts }),
        },
        actor.t,
      ),
    });
  });
}

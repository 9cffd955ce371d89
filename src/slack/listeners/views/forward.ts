/** Submitting the Forward modal: the request goes to the person picked, with the same link. */
import { z } from 'zod';
import type { SlackAppDeps } from '../../runtime.js';
import { ACTION, BLOCK, requestForwardedDm } from '../../views/index.js';
import { selectedUser } from '../form-values.js';
import { inlineErrors, viewHandler } from './frame.js';
import { recipientProblem } from './recipient-check.js';

const metadataSchema = z.object({
  requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  channel: z.string().max(64),
  ts: z.string().max(64),
});

export function forwardSubmission(deps: SlackAppDeps) {
  return viewHandler(deps, 'forward', async ({ actor, args, values }) => {
    const { t, workspaceId, userId } = actor;
    let metadata: z.infer<typeof metadataSchema>;
    try {
      metadata = metadataSchema.parse(JSON.parse(args.view.private_metadata));
    } catch {
      return inlineErrors({ [BLOCK.forwardRecipient]: t('error.request_not_found') });
    }
    const to = selectedUser(values, BLOCK.forwardRecipient, ACTION.forwardRecipient);
    if (!to) return inlineErrors({ [BLOCK.forwardRecipient]: t('validation.recipient_required') });
    const problem = await recipientProblem(deps, t, {
      workspaceId,
      actorId: userId,
      recipientId: to,
      selfKey: 'validation.recipient_is_self',
    });
    if (problem) return inlineErrors({ [BLOCK.forwardRecipient]: problem });
    const { request, link, previousRecipientId } = await deps.services.approvals.forward(
      workspaceId,
      metadata.requestId,
      userId,
      to,
    );
    deps.afterAck.enqueue('view_submission', { view: 'forward', workspaceId }, async () => {
      // The previous recipient's DMs hold the old link, which stopped working: they say so.
      if (previousRecipientId) {
        await deps.notifier.requestClosed(
          request,
          { status: 'forwarded', actorId: userId, toId: to },
          previousRecipientId,
        );
      }
      const sent = await deps.notifier.sendApprovalRequest(request, link, { forwardedBy: userId });
      if (sent)
        await deps.services.approvals.recordMessage(workspaceId, request.id, {
          userId: to,
          role: 'recipient',
          ...sent,
        });
      await deps.notifier.dm(workspaceId, request.requesterId, (rt) =>
        requestForwardedDm({ fromId: userId, toId: to }, rt),
      );
      // The forwarder's copy of the request no longer applies to them.
      if (metadata.channel && metadata.ts) {
        await args.client.chat.update({
          channel: metadata.channel,
          ts: metadata.ts,
          text: t('notice.request_forwarded', { to: `<@${to}>`, from: `<@${request.requesterId}>` }),
          blocks: [],
        });
      }
    });
    return undefined;
  });
}

/** Submitting the Connect modal: create the approval request, DM the chosen Zoom admin, show the link. */
import { ServiceError } from '../../../services/index.js';
import { parseConnectMetadata } from '../../loaders/connect-modal.js';
import type { SlackAppDeps } from '../../runtime.js';
import { ACTION, BLOCK, connectResultModal, NOTE_MAX_LENGTH } from '../../views/index.js';
import { selectedOption, selectedUser, textValue } from '../form-values.js';
import { inlineErrors, viewHandler } from './frame.js';
import { recipientHasNoZoomUser, recipientProblem } from './recipient-check.js';

export function connectSubmission(deps: SlackAppDeps) {
  return viewHandler(deps, 'connect', async ({ actor, args, values }) => {
    const { t, workspaceId, userId } = actor;
    const metadata = parseConnectMetadata(args.view.private_metadata) ?? { locked: false, scope: null };
    const chosen = selectedOption(values, BLOCK.connectScope, ACTION.connectScope);
    const scope = actor.isAdmin ? (chosen ?? (metadata.locked ? metadata.scope : null)) : 'personal';
    if (scope !== 'org' && scope !== 'personal') {
      return inlineErrors({ [BLOCK.connectScope]: t('validation.choice_required') });
    }

    if (scope === 'personal') {
      const { request, link } = await deps.services.approvals.create(workspaceId, {
        kind: 'personal',
        requesterId: userId,
      });
      return {
        response_action: 'update',
        view: connectResultModal(
          { kind: 'personal', url: link, recipientId: null, expiresAt: request.expiresAt },
          t,
        ),
      };
    }

    // Checked again here: the modal may have been opened before the admin flag changed.
    if (!actor.isAdmin)
      throw new ServiceError('not_admin', 'Only Slack admins can connect the organization.');
    const path = selectedOption(values, BLOCK.connectOrgPath, ACTION.connectOrgPath);
    if (path !== 'self' && path !== 'send') {
      return inlineErrors({ [BLOCK.connectOrgPath]: t('validation.choice_required') });
    }
    let recipientId: string | undefined;
    let note: string | undefined;
    if (path === 'send') {
      recipientId = selectedUser(values, BLOCK.connectRecipient, ACTION.connectRecipient) ?? undefined;
      if (!recipientId) return inlineErrors({ [BLOCK.connectRecipient]: t('validation.recipient_required') });
      const problem = await recipientProblem(deps, t, {
        workspaceId,
        actorId: userId,
        recipientId,
        selfKey: 'validation.recipient_is_self',
      });
      if (problem) return inlineErrors({ [BLOCK.connectRecipient]: problem });
      note = textValue(values, BLOCK.connectNote, ACTION.connectNote) || undefined;
      if (note && note.length > NOTE_MAX_LENGTH) {
        return inlineErrors({ [BLOCK.connectNote]: t('validation.note_too_long', { max: NOTE_MAX_LENGTH }) });
      }
    }

    const { request, link } = await deps.services.approvals.create(workspaceId, {
      kind: 'org',
      requesterId: userId,
      ...(recipientId ? { recipientId } : {}),
      ...(note ? { note } : {}),
    });
    if (recipientId) {
      // After the ack: the DM must not hold the modal past Slack's 3 s.
      deps.afterAck.enqueue('view_submission', { view: 'connect', workspaceId }, async () => {
        const sent = await deps.notifier.sendApprovalRequest(request, link);
        if (sent)
          await deps.services.approvals.recordSent(workspaceId, request.id, userId, {
            userId: recipientId,
            role: 'recipient',
            ...sent,
          });
        else
          await deps.notifier.dm(workspaceId, userId, (rt) => ({ text: rt('error.dm_failed'), blocks: [] }));
        await deps.home.publish(workspaceId, userId);
      });
    }
    return {
      response_action: 'update',
      view: connectResultModal(
        {
          kind: 'org',
          url: link,
          recipientId: recipientId ?? null,
          expiresAt: request.expiresAt,
          recipientNoZoomUser: recipientId
            ? await recipientHasNoZoomUser(deps, workspaceId, recipientId)
            : false,
        },
        t,
      ),
    };
  });
}

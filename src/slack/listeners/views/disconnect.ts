/**
 * Submitting the Disconnect modal. The choice is checked again against what this person may do
 * now (the modal may be old); the organization choice also needs the confirmation box ticked.
 */

import { disconnectModalModel } from '../../loaders/disconnect-modal.js';
import type { SlackAppDeps } from '../../runtime.js';
import {
  ACTION,
  availableDisconnectChoices,
  BLOCK,
  CONFIRM_VALUE,
  type DisconnectChoice,
} from '../../views/index.js';
import { selectedOption, selectedOptions } from '../form-values.js';
import { inlineErrors, viewHandler } from './frame.js';

export function disconnectSubmission(deps: SlackAppDeps) {
  return viewHandler(deps, 'disconnect', async ({ actor, values }) => {
    const { t, workspaceId, userId } = actor;
    const choice = selectedOption(
      values,
      BLOCK.disconnectChoice,
      ACTION.disconnectChoice,
    ) as DisconnectChoice | null;
    const allowed = availableDisconnectChoices(await disconnectModalModel(deps.services, actor, null));
    if (!choice || !allowed.includes(choice)) {
      return inlineErrors({ [BLOCK.disconnectChoice]: t('validation.choice_required') });
    }
    let notice: string;
    switch (choice) {
      case 'personal':
        await deps.services.connections.disconnectPersonal(workspaceId, userId);
        notice = t('notice.personal_disconnected');
        break;
      case 'opt_out':
        await deps.services.connections.optOut(workspaceId, userId);
        notice = t('notice.opted_out');
        break;
      case 'opt_in':
        await deps.services.connections.optIn(workspaceId, userId);
        notice = t('notice.opted_in');
        break;
      case 'org': {
        const confirmed = selectedOptions(values, BLOCK.disconnectConfirm, ACTION.disconnectConfirm).includes(
          CONFIRM_VALUE,
        );
        if (!confirmed) return inlineErrors({ [BLOCK.disconnectConfirm]: t('validation.confirm_required') });
        // The service tells the admins and the hosts of upcoming meetings, after this answer.
        await deps.services.connectionLoss.lose(workspaceId, {
          reason: 'admin_disconnected',
          actorId: userId,
        });
        notice = t('notice.org_disconnected');
        break;
      }
    }
    deps.afterAck.enqueue('view_submission', { view: 'disconnect', workspaceId }, async () => {
      await deps.notifier.dm(workspaceId, userId, () => ({ text: notice, blocks: [] }));
      await deps.home.publish(workspaceId, userId);
    });
    return undefined;
  });
}

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
        const { previous } = await deps.services.connections.disconnectOrg(workspaceId, userId);
        notice = t('notice.org_disconnected');
        // Admins and the members whose upcoming meetings were created through it are told.
        setImmediate(() => {
          void deps.services.meetings
            .upcomingThroughOrg(workspaceId, previous.generation, { limit: 500 })
            .then((affectedMeetings) =>
              deps.notifier.orgConnectionLost({
                workspaceId,
                status: 'disconnected',
                reason: 'disconnected_by_admin',
                zoomEmail: previous.zoomEmail,
                affectedMeetings,
              }),
            )
            .catch((error: unknown) =>
              deps.logger.warn({ err: error }, 'telling people about the disconnect failed'),
            );
        });
        break;
      }
    }
    setImmediate(() => {
      void deps.notifier
        .dm(workspaceId, userId, () => ({ text: notice, blocks: [] }))
        .then(() => deps.home.publish(workspaceId, userId))
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'disconnect follow-up failed'));
    });
    return undefined;
  });
}

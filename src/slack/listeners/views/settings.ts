/** Submitting the Settings modal (admins, re-checked by the service). */
import type { SlackAppDeps } from '../../runtime.js';
import { ACTION, BLOCK, SETTINGS_OPTION } from '../../views/index.js';
import { selectedOptions } from '../form-values.js';
import { viewHandler } from './frame.js';

export function settingsSubmission(deps: SlackAppDeps) {
  return viewHandler(deps, 'settings', async ({ actor, values }) => {
    const chosen = new Set(selectedOptions(values, BLOCK.settingsOptions, ACTION.settingsOptions));
    await deps.services.settings.update(actor.workspaceId, actor.userId, {
      autoStartSummary: chosen.has(SETTINGS_OPTION.autoStartSummary),
      allowUserOptOut: chosen.has(SETTINGS_OPTION.allowUserOptOut),
    });
    deps.afterAck.enqueue(
      'view_submission',
      { view: 'settings', workspaceId: actor.workspaceId },
      async () => {
        await deps.notifier.dm(actor.workspaceId, actor.userId, (t) => ({
          text: t('notice.settings_saved'),
          blocks: [],
        }));
        await deps.home.publish(actor.workspaceId, actor.userId);
      },
    );
    return undefined;
  });
}

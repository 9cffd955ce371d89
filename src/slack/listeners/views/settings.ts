/** Submitting the Settings modal (admins, re-checked fresh by the service). */
import type { SlackAppDeps } from '../../runtime.js';
import { ACTION, BLOCK, SETTINGS_OPTION } from '../../views/index.js';
import { selectedOptions } from '../form-values.js';
import { viewHandler } from './frame.js';

export function settingsSubmission(deps: SlackAppDeps) {
  return viewHandler(deps, 'settings', async ({ actor, values }) => {
    const chosen = new Set(selectedOptions(values, BLOCK.settingsOptions, ACTION.settingsOptions));
    const change = await deps.services.settings.change(actor.workspaceId, actor.userId, {
      autoStartSummary: chosen.has(SETTINGS_OPTION.autoStartSummary),
      allowUserOptOut: chosen.has(SETTINGS_OPTION.allowUserOptOut),
    });
    deps.afterAck.enqueue(
      'view_submission',
      { view: 'settings', workspaceId: actor.workspaceId },
      async () => {
        // The admin learns what changed; the members whose account it moved, what they use now.
        await deps.notifier.settingsChanged(actor.workspaceId, actor.userId, change);
        await deps.home.publish(actor.workspaceId, actor.userId);
      },
    );
    return undefined;
  });
}

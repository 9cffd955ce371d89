/** `/zoom-settings`: the Settings modal, admins only (DESIGN §1 point 7). */
import { settingsModalFor } from '../../loaders/settings-modal.js';
import type { SlackAppDeps } from '../../runtime.js';
import { commandHandler } from './frame.js';

export function zoomSettingsCommand(deps: SlackAppDeps) {
  return commandHandler(deps, '/zoom-settings', async ({ actor, args }) => {
    const view = await settingsModalFor(deps.services, actor);
    await args.client.views.open({ trigger_id: args.command.trigger_id, view });
  });
}

/** `/zoom-settings`: the Settings modal, admins only (DESIGN §1 point 7). */
import { ServiceError, type Services } from '../../../services/index.js';
import { toSettingsModel } from '../../mappers.js';
import type { Actor, SlackAppDeps } from '../../runtime.js';
import { settingsModal } from '../../views/index.js';
import { commandHandler } from './frame.js';

export async function settingsModalFor(services: Services, actor: Actor) {
  if (!actor.isAdmin) throw new ServiceError('not_admin', 'Only Slack admins can change the settings.');
  const [settings, name] = await Promise.all([
    services.settings.get(actor.workspaceId),
    services.settings.workspaceName(actor.workspaceId),
  ]);
  return settingsModal(toSettingsModel(settings, name ?? actor.workspaceId), actor.t);
}

export function zoomSettingsCommand(deps: SlackAppDeps) {
  return commandHandler(deps, '/zoom-settings', async ({ actor, args }) => {
    const view = await settingsModalFor(deps.services, actor);
    await args.client.views.open({ trigger_id: args.command.trigger_id, view });
  });
}

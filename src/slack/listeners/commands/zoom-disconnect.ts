/** `/zoom-disconnect`: always confirms in a modal (DESIGN §2.1). */
import { disconnectModalModel } from '../../loaders/disconnect-modal.js';
import type { SlackAppDeps } from '../../runtime.js';
import { disconnectModal } from '../../views/index.js';
import { commandHandler } from './frame.js';

export function zoomDisconnectCommand(deps: SlackAppDeps) {
  return commandHandler(deps, '/zoom-disconnect', async ({ actor, args }) => {
    const model = await disconnectModalModel(deps.services, actor, null);
    await args.client.views.open({
      trigger_id: args.command.trigger_id,
      view: disconnectModal(model, actor.t),
    });
  });
}

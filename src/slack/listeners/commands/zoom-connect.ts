/** `/zoom-connect [org | personal | help]`: opens the Connect modal (DESIGN §2.1, §1 points 1–2, 4). */
import { ServiceError } from '../../../services/index.js';
import { connectModalModel } from '../../loaders/connect-modal.js';
import { type SlackAppDeps, userMessageFor } from '../../runtime.js';
import { type ConnectScope, connectModal, escapeMrkdwn } from '../../views/index.js';
import { commandHandler } from './frame.js';

export function zoomConnectCommand(deps: SlackAppDeps) {
  return commandHandler(deps, '/zoom-connect', async ({ actor, text, args, reply }) => {
    const { t } = actor;
    const argument = text.toLowerCase();
    if (argument !== '' && argument !== 'org' && argument !== 'personal') {
      return reply({
        text: t('notice.unknown_argument', {
          arg: escapeMrkdwn(text.slice(0, 50)),
          command: '/zoom-connect',
        }),
        blocks: [],
      });
    }
    if (argument === 'org' && !actor.isAdmin) {
      return reply(userMessageFor(new ServiceError('not_admin', 'not a Slack admin'), t));
    }
    const scope: ConnectScope | null =
      argument === 'org' ? 'org' : argument === 'personal' ? 'personal' : null;
    const locked = argument !== '';
    const metadata = { locked, scope, channel: args.command.channel_id };
    const model = await connectModalModel(deps.services, actor, { scope, orgPath: null, locked }, metadata);
    await args.client.views.open({ trigger_id: args.command.trigger_id, view: connectModal(model, t) });
  });
}

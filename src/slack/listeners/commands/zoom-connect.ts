/** `/zoom-connect [org | personal | help]`: opens the Connect modal (DESIGN §2.1, §1 points 1–2, 4). */
import { z } from 'zod';
import { ServiceError, type Services } from '../../../services/index.js';
import { type Actor, type SlackAppDeps, userMessageFor } from '../../runtime.js';
import { type ConnectModalModel, type ConnectScope, connectModal, escapeMrkdwn } from '../../views/index.js';
import { commandHandler } from './frame.js';

/** What the Connect modal carries between renders (parsed back with zod: it crossed Slack). */
export const connectMetadataSchema = z.object({
  locked: z.boolean(),
  scope: z.enum(['org', 'personal']).nullable(),
  channel: z.string().max(64).optional(),
});
export type ConnectMetadata = z.infer<typeof connectMetadataSchema>;

export async function connectModalModel(
  services: Services,
  actor: Actor,
  choice: { scope: ConnectScope | null; orgPath: 'self' | 'send' | null; locked: boolean },
  metadata: ConnectMetadata,
): Promise<ConnectModalModel> {
  const [org, personal, name] = await Promise.all([
    services.connections.getOrg(actor.workspaceId),
    services.connections.getPersonal(actor.workspaceId, actor.userId),
    services.settings.workspaceName(actor.workspaceId),
  ]);
  return {
    isAdmin: actor.isAdmin,
    workspaceName: name ?? actor.workspaceId,
    scope: actor.isAdmin ? choice.scope : 'personal',
    orgPath: choice.orgPath,
    scopeLocked: choice.locked,
    org: org ? { status: org.status, zoomEmail: org.zoomEmail } : null,
    personal: personal
      ? { status: personal.status, zoomEmail: personal.zoomEmail }
      : { status: 'none', zoomEmail: null },
    privateMetadata: JSON.stringify(metadata),
  };
}

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

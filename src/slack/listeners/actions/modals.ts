/**
 * Buttons that open a modal (from Home, DMs, status replies) and the radio buttons that re-render
 * an open modal (Connect scope / organization path, Disconnect choice) with views.update.
 */
import { ServiceError } from '../../../services/index.js';
import { connectModalModel, parseConnectMetadata } from '../../loaders/connect-modal.js';
import { disconnectModalModel } from '../../loaders/disconnect-modal.js';
import { settingsModalFor } from '../../loaders/settings-modal.js';
import type { SlackAppDeps } from '../../runtime.js';
import {
  ACTION,
  BLOCK,
  type ConnectScope,
  connectModal,
  type DisconnectChoice,
  disconnectModal,
} from '../../views/index.js';
import { selectedOption } from '../form-values.js';
import { type ActionArgs, actionHandler } from './frame.js';

function triggerId(args: ActionArgs): string {
  return args.body.trigger_id;
}

export function openConnect(deps: SlackAppDeps, scope: ConnectScope) {
  return actionHandler(deps, `open_connect_${scope}`, async ({ actor, args }) => {
    if (scope === 'org' && !actor.isAdmin)
      throw new ServiceError('not_admin', 'Only Slack admins can connect the organization.');
    const metadata = { locked: true, scope };
    const model = await connectModalModel(
      deps.services,
      actor,
      { scope, orgPath: null, locked: true },
      metadata,
    );
    await args.client.views.open({ trigger_id: triggerId(args), view: connectModal(model, actor.t) });
  });
}

export function openDisconnect(deps: SlackAppDeps, selected: DisconnectChoice | null) {
  return actionHandler(deps, `open_disconnect_${selected ?? 'any'}`, async ({ actor, args }) => {
    const model = await disconnectModalModel(deps.services, actor, selected);
    await args.client.views.open({ trigger_id: triggerId(args), view: disconnectModal(model, actor.t) });
  });
}

export function openSettings(deps: SlackAppDeps) {
  return actionHandler(deps, 'open_settings', async ({ actor, args }) => {
    const view = await settingsModalFor(deps.services, actor);
    await args.client.views.open({ trigger_id: triggerId(args), view });
  });
}

/** A radio in the Connect modal changed: render the next step. */
export function connectChoiceChanged(deps: SlackAppDeps) {
  return actionHandler(deps, 'connect_choice', async ({ actor, args }) => {
    const view = args.body.view;
    if (!view) return;
    const values = (view.state?.values ?? {}) as Record<string, Record<string, unknown>>;
    const metadata = parseConnectMetadata(view.private_metadata) ?? { locked: false, scope: null };
    const chosenScope = selectedOption(values, BLOCK.connectScope, ACTION.connectScope);
    const scope = (chosenScope ?? metadata.scope) as ConnectScope | null;
    const path = selectedOption(values, BLOCK.connectOrgPath, ACTION.connectOrgPath);
    const model = await connectModalModel(
      deps.services,
      actor,
      { scope, orgPath: path === 'self' || path === 'send' ? path : null, locked: metadata.locked },
      metadata,
    );
    await args.client.views.update({ view_id: view.id, hash: view.hash, view: connectModal(model, actor.t) });
  });
}

/** The Disconnect choice changed: re-render (the organization choice shows the impact preview). */
export function disconnectChoiceChanged(deps: SlackAppDeps) {
  return actionHandler(deps, 'disconnect_choice', async ({ actor, args, value }) => {
    const view = args.body.view;
    if (!view) return;
    const selected = (['personal', 'opt_out', 'opt_in', 'org'] as const).find((c) => c === value) ?? null;
    const model = await disconnectModalModel(deps.services, actor, selected);
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: disconnectModal(model, actor.t),
    });
  });
}

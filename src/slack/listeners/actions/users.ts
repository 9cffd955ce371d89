/**
 * The connected-users list: the filter select and previous/next pages, on Home, in a message or in
 * the list modal, and the Search button that opens that modal.
 */
import { ServiceError } from '../../../services/index.js';
import { USERS_PAGE_SIZE } from '../../home.js';
import { connectedUsersPage } from '../../loaders/connected-users-page.js';
import type { SlackAppDeps } from '../../runtime.js';
import {
  CALLBACK,
  connectedUsersMessage,
  connectedUsersModal,
  parseUserFilter,
  parseUsersListState,
  parseUsersPage,
  USERS_MODAL_PAGE_SIZE,
} from '../../views/index.js';
import { actionHandler } from './frame.js';

const MESSAGE_PAGE_SIZE = 20;

export function usersPaging(deps: SlackAppDeps, kind: 'filter' | 'page') {
  return actionHandler(deps, `users_${kind}`, async ({ actor, args, value, surface }) => {
    const target =
      kind === 'filter'
        ? { filter: parseUserFilter(value), page: 0 }
        : (parseUsersPage(value) ?? { filter: null, page: 0 });
    if (!target.filter) return;
    const users = { filter: target.filter, page: target.page };
    if (surface === 'home') {
      await deps.home.publish(actor.workspaceId, actor.userId, { users });
      return;
    }
    const view = args.body.view;
    if (surface === 'modal') {
      if (!view || view.callback_id !== CALLBACK.usersList) return;
      // The search applied last (what is typed but not submitted yet is not applied).
      const search = parseUsersListState(view.private_metadata)?.search ?? null;
      const model = await connectedUsersPage(
        deps.services,
        actor.workspaceId,
        actor.userId,
        users.filter,
        users.page,
        USERS_MODAL_PAGE_SIZE,
        search,
      );
      await args.client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: connectedUsersModal(model, actor.t),
      });
      return;
    }
    const model = await connectedUsersPage(
      deps.services,
      actor.workspaceId,
      actor.userId,
      users.filter,
      users.page,
      MESSAGE_PAGE_SIZE,
    );
    const message = connectedUsersMessage(model, actor.t);
    if (args.respond)
      await args.respond({ replace_original: true, text: message.text, blocks: message.blocks });
  });
}

/** "Search members" on Home or under `/zoom-status users`: the list modal, on the same filter. */
export function openUsersList(deps: SlackAppDeps) {
  return actionHandler(deps, 'users_open_list', async ({ actor, args, value }) => {
    if (!actor.isAdmin) throw new ServiceError('not_admin', 'Only Slack admins can see the connected users.');
    const model = await connectedUsersPage(
      deps.services,
      actor.workspaceId,
      actor.userId,
      parseUserFilter(value) ?? 'all',
      0,
      USERS_MODAL_PAGE_SIZE,
    );
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: connectedUsersModal(model, actor.t),
    });
  });
}

export { USERS_PAGE_SIZE };

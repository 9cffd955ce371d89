/** The connected-users list: filter select and previous/next pages, on Home or in a message. */
import { USERS_PAGE_SIZE } from '../../home.js';
import { connectedUsersPage } from '../../loaders/connected-users-page.js';
import type { SlackAppDeps } from '../../runtime.js';
import { connectedUsersMessage, parseUserFilter, parseUsersPage } from '../../views/index.js';
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

export { USERS_PAGE_SIZE };

/** "Search" in the connected-users modal: the list again for the typed name or email, in place. */
import { connectedUsersPage } from '../../loaders/connected-users-page.js';
import type { SlackAppDeps } from '../../runtime.js';
import {
  ACTION,
  BLOCK,
  connectedUsersModal,
  parseUsersListState,
  USERS_MODAL_PAGE_SIZE,
} from '../../views/index.js';
import { textValue } from '../form-values.js';
import { viewHandler } from './frame.js';

export function usersListSubmission(deps: SlackAppDeps) {
  return viewHandler(deps, 'users_list', async ({ actor, args, values }) => {
    const state = parseUsersListState(args.body.view.private_metadata);
    const search = textValue(values, BLOCK.usersSearch, ACTION.usersSearch);
    const model = await connectedUsersPage(
      deps.services,
      actor.workspaceId,
      actor.userId,
      state?.filter ?? 'all',
      0,
      USERS_MODAL_PAGE_SIZE,
      search,
    );
    return { response_action: 'update', view: connectedUsersModal(model, actor.t) };
  });
}

/** One page of the connected-users list, for Home and for `/zoom-status users` and its buttons. */
import type { CoreServices } from '../../services/index.js';
import { serviceFilterOf, toConnectedUsersModel } from '../mappers.js';
import type { ConnectedUsersModel, UserFilter } from '../views/index.js';

/** Page `page` of the connected users for `filter`: keyset pages walked from the start (each one indexed). */
export async function connectedUsersPage(
  services: Pick<CoreServices, 'connectedUsers' | 'connections'>,
  workspaceId: string,
  actorId: string,
  filter: UserFilter,
  page: number,
  pageSize: number,
): Promise<ConnectedUsersModel> {
  const serviceFilter = serviceFilterOf(filter);
  const [counts, org] = await Promise.all([
    services.connectedUsers.counts(workspaceId, actorId),
    services.connections.getOrg(workspaceId),
  ]);
  let cursor: string | undefined;
  let items: Awaited<ReturnType<CoreServices['connectedUsers']['list']>>['items'] = [];
  const lastPage = Math.max(0, Math.min(page, 1000));
  for (let index = 0; index <= lastPage; index += 1) {
    const result = await services.connectedUsers.list(workspaceId, actorId, {
      filter: serviceFilter,
      cursor,
      limit: pageSize,
    });
    items = result.items;
    if (index === lastPage || !result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return toConnectedUsersModel({
    filter,
    counts,
    page: lastPage,
    pageSize,
    items,
    orgZoomEmail: org?.status === 'active' ? org.zoomEmail : null,
  });
}

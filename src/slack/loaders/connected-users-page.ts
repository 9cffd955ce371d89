/** One page of the connected-users list, for Home, `/zoom-status users`, the list modal and their buttons. */
import type { CoreServices } from '../../services/index.js';
import { availableUserFilters, serviceFilterOf, toConnectedUsersModel } from '../mappers.js';
import type { ConnectedUsersModel, UserFilter } from '../views/index.js';

/** Pages further than this are not walked (the pager never offers them: 1000 × 20 members). */
const MAX_PAGE = 1000;

/**
 * Page `page` of `filter`: the counts first (they say which filters mean something now; a filter
 * that no longer does, such as "Opted out" once opting out is off, falls back to everybody), then
 * keyset pages walked from the start, each one indexed, with the same query as the count.
 */
export async function connectedUsersPage(
  services: Pick<CoreServices, 'connectedUsers'>,
  workspaceId: string,
  actorId: string,
  requestedFilter: UserFilter,
  /** Zero-based; past the last page, the last page is shown. */
  requestedPage: number,
  pageSize: number,
  /** Name or email to look for; empty or absent: everybody. */
  searchText?: string | null,
): Promise<ConnectedUsersModel> {
  const search = searchText?.trim() ? searchText.trim() : null;
  const counts = await services.connectedUsers.counts(workspaceId, actorId, { search: search ?? undefined });
  const filter = availableUserFilters(counts).includes(requestedFilter) ? requestedFilter : 'all';
  const wanted = filter === requestedFilter ? Math.max(0, Math.min(requestedPage, MAX_PAGE)) : 0;
  let cursor: string | undefined;
  let items: Awaited<ReturnType<CoreServices['connectedUsers']['list']>>['items'] = [];
  let page = 0;
  for (;;) {
    const result = await services.connectedUsers.list(workspaceId, actorId, {
      filter: serviceFilterOf(filter),
      search: search ?? undefined,
      cursor,
      limit: pageSize,
    });
    items = result.items;
    if (page === wanted || !result.nextCursor) break;
    cursor = result.nextCursor;
    page += 1;
  }
  return toConnectedUsersModel({ filter, counts, page, pageSize, items, search });
}

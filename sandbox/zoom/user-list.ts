/**
 * `GET /users` ("List users", scope `user:read:admin`): the users of the token's account, paged as
 * Zoom pages them. From Zoom's "Pagination" page (developers.zoom.us/docs/api/pagination) and
 * the List users reference:
 * - query `status` = `active` (default) | `inactive` | `pending`; `page_size` default 30, at most
 *   300 ("Light data retrieval: Up to 300 items per page"); `page_number` (deprecated, still
 *   answered); `next_page_token` (expires after 15 minutes; reuse the same query with it);
 *   `role_id` filters by role;
 * - answer `{page_count, page_number, page_size, total_records, next_page_token, users[]}` with
 *   `next_page_token` an empty string on the last page. List items carry `role_id`, not
 *   `role_name` (that is only in "Get a user").
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ApiFailure } from './access.js';
import type { SandboxUser, UserStatus } from './directory.js';

export const USER_PAGE_SIZE_DEFAULT = 30;
export const USER_PAGE_SIZE_MAX = 300;
const TOKEN_TTL_MS = 15 * 60 * 1000;

const querySchema = z.object({
  status: z.enum(['active', 'inactive', 'pending']).default('active'),
  page_size: z.coerce.number().int().min(1).default(USER_PAGE_SIZE_DEFAULT),
  page_number: z.coerce.number().int().min(1).default(1),
  next_page_token: z.string().optional(),
  role_id: z.string().min(1).optional(),
});

interface Cursor {
  accountId: string;
  status: UserStatus;
  roleId: string | undefined;
  pageSize: number;
  offset: number;
  expiresAt: number;
}

export interface UserListPage {
  page_count: number;
  page_number: number;
  page_size: number;
  total_records: number;
  next_page_token: string;
  users: Array<Record<string, unknown>>;
}

/** A user as a List users item (fewer fields than Get a user; no `role_name`). */
export function toListedUser(user: SandboxUser): Record<string, unknown> {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    display_name: `${user.first_name} ${user.last_name}`.trim(),
    email: user.email,
    type: user.type,
    pmi: pmiOf(user.id),
    timezone: user.timezone,
    verified: 1,
    dept: '',
    created_at: user.created_at,
    user_created_at: user.created_at,
    language: 'en-US',
    status: user.status,
    role_id: user.role_id,
    group_ids: [],
  };
}

/** A stable 10-digit personal meeting id. */
export function pmiOf(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) % 9_000_000_000;
  return 1_000_000_000 + hash;
}

function validationFailed(field: string): ApiFailure & { errors: Array<{ field: string; message: string }> } {
  return {
    status: 400,
    code: 300,
    message: 'Validation Failed.',
    errors: [{ field, message: 'Invalid field.' }],
  };
}

export interface UserPager {
  page(
    accountId: string,
    users: readonly SandboxUser[],
    query: URLSearchParams,
  ): { ok: true; page: UserListPage } | { ok: false; failure: ApiFailure };
}

export function createUserPager(clock: () => Date): UserPager {
  const cursors = new Map<string, Cursor>();

  function cursorFor(token: string, accountId: string): Cursor | undefined {
    const cursor = cursors.get(token);
    const now = clock().getTime();
    for (const [key, value] of cursors) if (value.expiresAt <= now) cursors.delete(key);
    return cursor && cursor.expiresAt > now && cursor.accountId === accountId ? cursor : undefined;
  }

  return {
    page(accountId, users, query) {
      const parsed = querySchema.safeParse(Object.fromEntries(query));
      if (!parsed.success) {
        return { ok: false, failure: validationFailed(String(parsed.error.issues[0]?.path[0] ?? 'query')) };
      }
      const params = parsed.data;
      let cursor: Omit<Cursor, 'expiresAt'>;
      if (params.next_page_token) {
        const found = cursorFor(params.next_page_token, accountId);
        if (!found) return { ok: false, failure: validationFailed('next_page_token') };
        cursor = found;
      } else {
        const pageSize = Math.min(params.page_size, USER_PAGE_SIZE_MAX);
        cursor = {
          accountId,
          status: params.status,
          roleId: params.role_id,
          pageSize,
          offset: (params.page_number - 1) * pageSize,
        };
      }
      const matching = users.filter(
        (user) =>
          user.account_id === accountId &&
          user.status === cursor.status &&
          (cursor.roleId === undefined || user.role_id === cursor.roleId),
      );
      const slice = matching.slice(cursor.offset, cursor.offset + cursor.pageSize);
      const nextOffset = cursor.offset + cursor.pageSize;
      let nextToken = '';
      if (nextOffset < matching.length) {
        nextToken = randomBytes(24).toString('base64url');
        cursors.set(nextToken, {
          ...cursor,
          offset: nextOffset,
          expiresAt: clock().getTime() + TOKEN_TTL_MS,
        });
      }
      return {
        ok: true,
        page: {
          page_count: Math.ceil(matching.length / cursor.pageSize),
          page_number: Math.floor(cursor.offset / cursor.pageSize) + 1,
          page_size: cursor.pageSize,
          total_records: matching.length,
          next_page_token: nextToken,
          users: slice.map(toListedUser),
        },
      };
    },
  };
}

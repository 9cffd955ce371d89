/**
 * Values carried by buttons come back from Slack as untrusted strings: encode them here and
 * parse them with zod in the listeners.
 */
import { z } from 'zod';
import { USER_FILTERS, type UserFilter } from './models.js';

const userFilterSchema = z.enum(USER_FILTERS as [UserFilter, ...UserFilter[]]);

export interface UsersPageValue {
  filter: UserFilter;
  page: number;
}

export function encodeUsersPage(value: UsersPageValue): string {
  return `${value.filter}:${value.page}`;
}

const usersPageSchema = z
  .string()
  .max(64)
  .regex(/^[a-z_]+:\d{1,7}$/)
  .transform((raw) => {
    const [filter, page] = raw.split(':');
    return { filter, page: Number(page) };
  })
  .pipe(z.object({ filter: userFilterSchema, page: z.number().int().min(0) }));

/** Parse a users-page button value; null when malformed. */
export function parseUsersPage(value: unknown): UsersPageValue | null {
  const parsed = usersPageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Parse the users filter select's option value; null when unknown. */
export function parseUserFilter(value: unknown): UserFilter | null {
  const parsed = userFilterSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** What the connected-users modal keeps in private_metadata: the filter and the search applied. */
export interface UsersListState {
  filter: UserFilter;
  search: string | null;
}

export function encodeUsersListState(state: UsersListState): string {
  return JSON.stringify({ f: state.filter, q: state.search });
}

const usersListStateSchema = z
  .string()
  .max(3000)
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ f: userFilterSchema, q: z.string().max(100).nullable() }))
  .transform(({ f, q }) => ({ filter: f, search: q }));

/** Parse the connected-users modal's private_metadata; null when malformed. */
export function parseUsersListState(value: unknown): UsersListState | null {
  const parsed = usersListStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Request ids come back as button values: accept only a plain id. */
export function parseRequestId(value: unknown): string | null {
  const parsed = z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .safeParse(value);
  return parsed.success ? parsed.data : null;
}

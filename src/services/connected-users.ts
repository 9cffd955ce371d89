/**
 * The connected-users list (admins): every member with the account that serves them (DESIGN §3.1),
 * in name order, by filter and optional name/email search. A filter's count and its pages come
 * from the same query (`memberQuery`), so "Page 1 of 3 · 42 members" is what the pages hold.
 */
import escapeStringRegexp from 'escape-string-regexp';
import { z } from 'zod';
import type { Models } from '../db/models/index.js';
import type { MemberDoc } from '../db/models/member.js';
import { isSlackAdmin } from '../domain/permissions.js';
import { type ActiveSource, effectiveOptOut, resolvePrecedence } from '../domain/precedence.js';
import { ServiceError } from './errors.js';
import { type AdminCheck, checkWorkspaceId, requireAdmin } from './guard.js';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';
import type { CommonDeps } from './ports.js';
import type { SettingsService } from './settings.js';

export const CONNECTED_USERS_FILTERS = [
  'all',
  'personal',
  'org',
  'none',
  'needs_reconnect',
  'opted_out',
  'email_not_found',
] as const;
export type ConnectedUsersFilter = (typeof CONNECTED_USERS_FILTERS)[number];
export const MAX_PAGE_SIZE = 20;
/** A search longer than this is refused (it would not match a Slack name or email anyway). */
export const MAX_SEARCH_LENGTH = 100;

export interface ConnectedUser {
  slackUserId: string;
  name: string;
  realName: string;
  email: string | null;
  active: ActiveSource;
  personalStatus: MemberDoc['personalStatus'];
  /** The Zoom user of the member's personal connection (active or needing reconnection), else null. */
  personalZoomEmail: string | null;
  /** The member's opt-out, only while the workspace allows opting out (else it changes nothing). */
  optedOut: boolean;
  zoomMatch: MemberDoc['zoomMatch'];
  /** Slack admin or owner, from the directory's flags (DESIGN §2.1). */
  isAdmin: boolean;
}

export interface ConnectedUsersCounts {
  total: number;
  personal: number;
  org: number;
  none: number;
  optedOut: number;
  emailNotFound: number;
  /** Personal connections that need reconnecting (a subset of org/none). */
  personalNeedsReconnect: number;
  /** The filters that can match somebody now (opted out only while allowed, no Zoom user only with an org account). */
  available: ConnectedUsersFilter[];
}

export interface ConnectedUsersQuery {
  filter?: ConnectedUsersFilter | undefined;
  /** Part of a member's name, display name or email (case-insensitive). */
  search?: string | undefined;
}

export interface ConnectedUsersService {
  /** Admins only. Pages of at most 20, ordered by display name; `nextCursor` null on the last page. */
  list(
    workspaceId: string,
    actorId: string,
    options?: ConnectedUsersQuery & { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<{ items: ConnectedUser[]; nextCursor: string | null }>;
  /** Admins only. Each number is one countDocuments of the query its filter's pages use. */
  counts(
    workspaceId: string,
    actorId: string,
    options?: Pick<ConnectedUsersQuery, 'search'>,
  ): Promise<ConnectedUsersCounts>;
}

const cursorSchema = z.object({ s: z.string().max(500), u: z.string().max(64) });
const NOT_PERSONAL = { $in: ['none', 'needs_reconnect'] };

interface ListContext {
  /** The organization connection's status; null when the workspace never had one. */
  orgStatus: 'active' | 'needs_reconnect' | 'disconnected' | null;
  allowUserOptOut: boolean;
}

/** The filter as a query on denormalised member fields; null when it can match nobody. */
function filterQuery(filter: ConnectedUsersFilter, ctx: ListContext): Record<string, unknown> | null {
  const orgActive = ctx.orgStatus === 'active';
  switch (filter) {
    case 'all':
      return {};
    case 'personal':
      return { personalStatus: 'active' };
    case 'org':
      if (!orgActive) return null;
      return ctx.allowUserOptOut
        ? { personalStatus: NOT_PERSONAL, optedOut: false }
        : { personalStatus: NOT_PERSONAL };
    case 'none':
      if (!orgActive) return { personalStatus: NOT_PERSONAL };
      return ctx.allowUserOptOut ? { personalStatus: NOT_PERSONAL, optedOut: true } : null;
    case 'needs_reconnect':
      return { personalStatus: 'needs_reconnect' };
    case 'opted_out':
      // An opt-out changes nothing while opting out is not allowed: nobody is "opted out" then.
      return ctx.allowUserOptOut ? { optedOut: true } : null;
    case 'email_not_found':
      // Matches are recorded against the organization's Zoom account: without one they mean nothing.
      return ctx.orgStatus === null || ctx.orgStatus === 'disconnected' ? null : { zoomMatch: 'not_found' };
  }
}

/** The filters worth offering: the account-based ones always, the two that mean nothing now only when they do. */
function availableFilters(ctx: ListContext): ConnectedUsersFilter[] {
  return CONNECTED_USERS_FILTERS.filter((f) =>
    f === 'opted_out' || f === 'email_not_found' ? filterQuery(f, ctx) !== null : true,
  );
}

/**
 * The search as a clause: a case-insensitive substring of the display name (`sortName`), real
 * name, handle or email. The text is escaped, so `.*` or `(` match themselves, never a pattern.
 */
export function searchClause(search: string | undefined): Record<string, unknown> | null {
  const text = search?.trim() ?? '';
  if (text === '') return null;
  if (Array.from(text).length > MAX_SEARCH_LENGTH) {
    throw new ServiceError('invalid_input', 'The search is too long.', { field: 'search' });
  }
  const pattern = new RegExp(escapeStringRegexp(text), 'i');
  return {
    $or: [{ sortName: pattern }, { realName: pattern }, { name: pattern }, { email: pattern }],
  };
}

/** One filter's members: the query both its count and its pages run (so they always agree). */
export function memberQuery(
  workspaceId: string,
  filter: ConnectedUsersFilter,
  ctx: ListContext,
  search: string | undefined,
): Record<string, unknown> | null {
  const extra = filterQuery(filter, ctx);
  if (extra === null) return null;
  const query: Record<string, unknown> = { workspaceId, deleted: false, ...extra };
  const clause = searchClause(search);
  if (clause) query.$and = [clause];
  return query;
}

export function createConnectedUsersService(
  deps: CommonDeps & { models: Models; admin: AdminCheck; settings: SettingsService },
): ConnectedUsersService {
  const { models, admin, settings } = deps;

  async function context(workspaceId: string): Promise<ListContext> {
    const [org, ws] = await Promise.all([
      models.orgConnections.findOne({ workspaceId }, { status: 1 }).lean(),
      settings.get(workspaceId),
    ]);
    return { orgStatus: org?.status ?? null, allowUserOptOut: ws.allowUserOptOut };
  }

  /** The Zoom emails of the page's personal connections (one indexed read per page). */
  async function personalEmails(
    workspaceId: string,
    docs: ReadonlyArray<Pick<MemberDoc, 'slackUserId' | 'personalStatus'>>,
  ): Promise<Map<string, string>> {
    const ids = docs.filter((m) => m.personalStatus !== 'none').map((m) => m.slackUserId);
    if (ids.length === 0) return new Map();
    const connections = await models.personalConnections
      .find({ workspaceId, slackUserId: { $in: ids } }, { slackUserId: 1, zoomEmail: 1 })
      .lean();
    return new Map(connections.map((c) => [c.slackUserId, c.zoomEmail]));
  }

  return {
    async list(workspaceId, actorId, options = {}) {
      checkWorkspaceId(workspaceId);
      await requireAdmin(admin, workspaceId, actorId);
      const filter = options.filter ?? 'all';
      if (!CONNECTED_USERS_FILTERS.includes(filter)) {
        throw new ServiceError('invalid_input', 'Unknown filter.', { field: 'filter' });
      }
      const limit = pageLimit(options.limit, MAX_PAGE_SIZE);
      const after = options.cursor === undefined ? null : decodeCursor(options.cursor, cursorSchema);
      const ctx = await context(workspaceId);
      const query = memberQuery(workspaceId, filter, ctx, options.search);
      if (query === null) return { items: [], nextCursor: null };
      if (after) {
        // The top-level range gives the index scan a start bound; the $or breaks name ties by id.
        query.sortName = { $gte: after.s };
        query.$or = [{ sortName: { $gt: after.s } }, { slackUserId: { $gt: after.u } }];
      }
      const docs = await models.members
        .find(query, {
          slackUserId: 1,
          name: 1,
          realName: 1,
          sortName: 1,
          email: 1,
          personalStatus: 1,
          optedOut: 1,
          zoomMatch: 1,
          isAdmin: 1,
          isOwner: 1,
          isPrimaryOwner: 1,
          enterpriseAdmin: 1,
          enterpriseOwner: 1,
          deleted: 1,
        })
        .sort({ sortName: 1, slackUserId: 1 })
        .limit(limit + 1)
        .lean();
      const page = docs.slice(0, limit);
      const last = page.at(-1);
      const zoomEmails = await personalEmails(workspaceId, page);
      const org = ctx.orgStatus === null ? null : { status: ctx.orgStatus };
      return {
        items: page.map((m) => ({
          slackUserId: m.slackUserId,
          name: m.name,
          realName: m.realName,
          email: m.email ?? null,
          active: resolvePrecedence({
            personal: m.personalStatus === 'none' ? null : { status: m.personalStatus },
            org,
            optedOut: m.optedOut,
            allowUserOptOut: ctx.allowUserOptOut,
          }).active,
          personalStatus: m.personalStatus,
          personalZoomEmail: zoomEmails.get(m.slackUserId) ?? null,
          optedOut: effectiveOptOut({ optedOut: m.optedOut, allowUserOptOut: ctx.allowUserOptOut }),
          zoomMatch: m.zoomMatch,
          isAdmin: isSlackAdmin(m),
        })),
        nextCursor:
          docs.length > limit && last ? encodeCursor({ s: last.sortName, u: last.slackUserId }) : null,
      };
    },

    async counts(workspaceId, actorId, options = {}) {
      checkWorkspaceId(workspaceId);
      await requireAdmin(admin, workspaceId, actorId);
      const ctx = await context(workspaceId);
      const count = async (f: ConnectedUsersFilter) => {
        const query = memberQuery(workspaceId, f, ctx, options.search);
        return query === null ? 0 : models.members.countDocuments(query);
      };
      const [total, personal, org, none, personalNeedsReconnect, optedOut, emailNotFound] = await Promise.all(
        [
          count('all'),
          count('personal'),
          count('org'),
          count('none'),
          count('needs_reconnect'),
          count('opted_out'),
          count('email_not_found'),
        ],
      );
      return {
        total,
        personal,
        org,
        none,
        optedOut,
        emailNotFound,
        personalNeedsReconnect,
        available: availableFilters(ctx),
      };
    },
  };
}

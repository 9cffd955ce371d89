import { z } from 'zod';
import type { Models } from '../db/models/index.js';
import type { MemberDoc } from '../db/models/member.js';
import { type ActiveSource, resolvePrecedence } from '../domain/precedence.js';
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
  'opted_out',
  'email_not_found',
] as const;
export type ConnectedUsersFilter = (typeof CONNECTED_USERS_FILTERS)[number];
export const MAX_PAGE_SIZE = 20;

export interface ConnectedUser {
  slackUserId: string;
  name: string;
  realName: string;
  email: string | null;
  active: ActiveSource;
  personalStatus: MemberDoc['personalStatus'];
  optedOut: boolean;
  zoomMatch: MemberDoc['zoomMatch'];
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
}

export interface ConnectedUsersService {
  /** Admins only. Pages of at most 20, ordered by display name; `nextCursor` null on the last page. */
  list(
    workspaceId: string,
    actorId: string,
    options?: {
      filter?: ConnectedUsersFilter | undefined;
      cursor?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<{ items: ConnectedUser[]; nextCursor: string | null }>;
  /** Admins only. Each number is one countDocuments on an indexed equality/$in filter. */
  counts(workspaceId: string, actorId: string): Promise<ConnectedUsersCounts>;
}

const cursorSchema = z.object({ s: z.string().max(500), u: z.string().max(64) });
const NOT_PERSONAL = { $in: ['none', 'needs_reconnect'] };

export function createConnectedUsersService(
  deps: CommonDeps & { models: Models; admin: AdminCheck; settings: SettingsService },
): ConnectedUsersService {
  const { models, admin, settings } = deps;

  async function context(workspaceId: string) {
    const [org, ws] = await Promise.all([
      models.orgConnections.findOne({ workspaceId }, { status: 1 }).lean(),
      settings.get(workspaceId),
    ]);
    return { orgActive: org?.status === 'active', allowUserOptOut: ws.allowUserOptOut, org, ws };
  }

  /** The filter as a query on denormalised member fields; null when it can match nobody. */
  function filterQuery(
    filter: ConnectedUsersFilter,
    ctx: { orgActive: boolean; allowUserOptOut: boolean },
  ): Record<string, unknown> | null {
    switch (filter) {
      case 'all':
        return {};
      case 'personal':
        return { personalStatus: 'active' };
      case 'org':
        if (!ctx.orgActive) return null;
        return ctx.allowUserOptOut
          ? { personalStatus: NOT_PERSONAL, optedOut: false }
          : { personalStatus: NOT_PERSONAL };
      case 'none':
        if (!ctx.orgActive) return { personalStatus: NOT_PERSONAL };
        return ctx.allowUserOptOut ? { personalStatus: NOT_PERSONAL, optedOut: true } : null;
      case 'opted_out':
        return { optedOut: true };
      case 'email_not_found':
        return { zoomMatch: 'not_found' };
    }
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
      const extra = filterQuery(filter, ctx);
      if (extra === null) return { items: [], nextCursor: null };
      const query: Record<string, unknown> = { workspaceId, deleted: false, ...extra };
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
        })
        .sort({ sortName: 1, slackUserId: 1 })
        .limit(limit + 1)
        .lean();
      const page = docs.slice(0, limit);
      const last = page.at(-1);
      const orgStatus = ctx.org ? { status: ctx.org.status } : null;
      return {
        items: page.map((m) => ({
          slackUserId: m.slackUserId,
          name: m.name,
          realName: m.realName,
          email: m.email ?? null,
          active: resolvePrecedence({
            personal: m.personalStatus === 'none' ? null : { status: m.personalStatus },
            org: orgStatus,
            optedOut: m.optedOut,
            allowUserOptOut: ctx.allowUserOptOut,
          }).active,
          personalStatus: m.personalStatus,
          optedOut: m.optedOut,
          zoomMatch: m.zoomMatch,
        })),
        nextCursor:
          docs.length > limit && last ? encodeCursor({ s: last.sortName, u: last.slackUserId }) : null,
      };
    },

    async counts(workspaceId, actorId) {
      checkWorkspaceId(workspaceId);
      await requireAdmin(admin, workspaceId, actorId);
      const ctx = await context(workspaceId);
      const count = async (f: ConnectedUsersFilter) => {
        const extra = filterQuery(f, ctx);
        return extra === null ? 0 : models.members.countDocuments({ workspaceId, deleted: false, ...extra });
      };
      const [total, personal, org, none, optedOut, emailNotFound, personalNeedsReconnect] = await Promise.all(
        [
          count('all'),
          count('personal'),
          count('org'),
          count('none'),
          count('opted_out'),
          count('email_not_found'),
          models.members.countDocuments({ workspaceId, deleted: false, personalStatus: 'needs_reconnect' }),
        ],
      );
      return { total, personal, org, none, optedOut, emailNotFound, personalNeedsReconnect };
    },
  };
}

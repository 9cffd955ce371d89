import pino from 'pino';
import { z } from 'zod';
import type { Models } from '../db/models/index.js';
import type { AdminCheck } from './guard.js';
import { requireAdmin } from './guard.js';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';
import type { CommonDeps } from './ports.js';

/** Every kind of audit event (each has a label in both catalogs: test/unit/slack/i18n.test.ts). */
export const AUDIT_TYPES = [
  'request_created',
  'request_sent',
  'request_resent',
  'request_forwarded',
  'request_declined',
  'request_cancelled',
  'request_expired',
  'request_not_admin',
  'request_parked',
  'request_confirmed',
  'request_superseded',
  'org_connected',
  'org_handed_over',
  'org_disconnected',
  'org_needs_reconnect',
  'personal_connected',
  'personal_disconnected',
  'personal_needs_reconnect',
  'settings_changed',
  'opted_out',
  'opted_in',
  'workspace_uninstalled',
  'workspace_reinstalled',
  'zoom_user_data_deleted',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export interface AuditEntry {
  id: string;
  type: string;
  actor: string;
  details: Record<string, unknown>;
  at: Date;
}

export interface AuditService {
  /** Appends one event. `actor` is a Slack user id, or `zoom` / `system`. */
  record(
    workspaceId: string,
    type: AuditType,
    actor: string,
    details?: Record<string, unknown>,
  ): Promise<void>;
  /** Newest first; admins only. */
  list(
    workspaceId: string,
    actorId: string,
    options?: { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<{ items: AuditEntry[]; nextCursor: string | null }>;
}

const cursorSchema = z.object({ at: z.number(), id: z.string().regex(/^[0-9a-f]{24}$/) });

export function createAuditService(deps: CommonDeps & { models: Models; admin: AdminCheck }): AuditService {
  const { models, admin } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'audit' });

  return {
    async record(workspaceId, type, actor, details = {}) {
      await models.auditEvents.create({ workspaceId, type, actor, details, at: clock() });
      logger.info({ workspaceId, type, actor }, 'audit');
    },

    async list(workspaceId, actorId, options = {}) {
      await requireAdmin(admin, workspaceId, actorId);
      const limit = pageLimit(options.limit, 50);
      const after = options.cursor === undefined ? null : decodeCursor(options.cursor, cursorSchema);
      const filter: Record<string, unknown> = { workspaceId };
      if (after) {
        const at = new Date(after.at);
        filter.$or = [{ at: { $lt: at } }, { at, _id: { $lt: after.id } }];
      }
      const docs = await models.auditEvents
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .limit(limit + 1)
        .lean();
      const page = docs.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((d) => ({
          id: String(d._id),
          type: d.type,
          actor: d.actor,
          details: d.details,
          at: d.at,
        })),
        nextCursor:
          docs.length > limit && last ? encodeCursor({ at: last.at.getTime(), id: String(last._id) }) : null,
      };
    },
  };
}

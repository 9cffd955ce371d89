import pino from 'pino';
import { z } from 'zod';
import type { Models } from '../db/models/index.js';
import type { AuditService } from './audit.js';
import { ServiceError } from './errors.js';
import { type AdminCheck, checkUserId, checkWorkspaceId, requireAdmin } from './guard.js';
import type { CommonDeps } from './ports.js';

export interface WorkspaceSettings {
  autoStartSummary: boolean;
  allowUserOptOut: boolean;
  changedBy: string | null;
  changedAt: Date | null;
}

export const settingsPatchSchema = z
  .object({ autoStartSummary: z.boolean().optional(), allowUserOptOut: z.boolean().optional() })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export interface SettingsService {
  get(workspaceId: string): Promise<WorkspaceSettings>;
  /** Admins only; records who and when, and audits before/after. */
  update(workspaceId: string, actorId: string, patch: SettingsPatch): Promise<WorkspaceSettings>;
  /** Creates the workspace document on first sight; keeps name/enterprise id current. */
  ensureWorkspace(
    workspaceId: string,
    info?: { name?: string | undefined; enterpriseId?: string | undefined },
  ): Promise<void>;
  workspaceName(workspaceId: string): Promise<string | null>;
  /** Workspace ids in order, for jobs that visit every workspace (each then works per workspace). */
  listWorkspaceIds(options?: { after?: string | undefined; limit?: number | undefined }): Promise<string[]>;
}

export const DEFAULT_SETTINGS = { autoStartSummary: false, allowUserOptOut: false } as const;

export function createSettingsService(
  deps: CommonDeps & { models: Models; admin: AdminCheck; audit: AuditService },
): SettingsService {
  const { models, admin, audit } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'settings' });

  function view(
    doc: {
      autoStartSummary?: boolean;
      allowUserOptOut?: boolean;
      settingsChangedBy?: string | undefined;
      settingsChangedAt?: Date | undefined;
    } | null,
  ): WorkspaceSettings {
    return {
      autoStartSummary: doc?.autoStartSummary ?? DEFAULT_SETTINGS.autoStartSummary,
      allowUserOptOut: doc?.allowUserOptOut ?? DEFAULT_SETTINGS.allowUserOptOut,
      changedBy: doc?.settingsChangedBy ?? null,
      changedAt: doc?.settingsChangedAt ?? null,
    };
  }

  return {
    async get(workspaceId) {
      checkWorkspaceId(workspaceId);
      return view(await models.workspaces.findOne({ workspaceId }).lean());
    },

    async update(workspaceId, actorId, patch) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success)
        throw new ServiceError('invalid_input', 'The settings are not valid.', { field: 'settings' });
      await requireAdmin(admin, workspaceId, actorId, { fresh: true });
      const now = clock();
      const before = await models.workspaces
        .findOneAndUpdate(
          { workspaceId },
          {
            $set: { ...parsed.data, settingsChangedBy: actorId, settingsChangedAt: now },
            $setOnInsert: { workspaceId, createdAt: now },
          },
          { upsert: true, returnDocument: 'before' },
        )
        .lean();
      const after = { ...view(before), ...parsed.data, changedBy: actorId, changedAt: now };
      await audit.record(workspaceId, 'settings_changed', actorId, {
        before: {
          autoStartSummary: view(before).autoStartSummary,
          allowUserOptOut: view(before).allowUserOptOut,
        },
        after: { autoStartSummary: after.autoStartSummary, allowUserOptOut: after.allowUserOptOut },
      });
      logger.info({ workspaceId, actorId }, 'settings changed');
      return after;
    },

    async ensureWorkspace(workspaceId, info = {}) {
      checkWorkspaceId(workspaceId);
      const set: Record<string, string> = {};
      if (info.name !== undefined) set.name = info.name;
      if (info.enterpriseId !== undefined) set.enterpriseId = info.enterpriseId;
      await models.workspaces.updateOne(
        { workspaceId },
        { $set: set, $setOnInsert: { workspaceId, createdAt: clock(), ...DEFAULT_SETTINGS } },
        { upsert: true },
      );
    },

    async workspaceName(workspaceId) {
      checkWorkspaceId(workspaceId);
      const doc = await models.workspaces.findOne({ workspaceId }, { name: 1 }).lean();
      return doc?.name ?? null;
    },

    async listWorkspaceIds(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
      const filter = options.after === undefined ? {} : { workspaceId: { $gt: options.after } };
      const docs = await models.workspaces
        .find(filter, { workspaceId: 1 })
        .sort({ workspaceId: 1 })
        .limit(limit)
        .lean();
      return docs.map((d) => d.workspaceId);
    },
  };
}

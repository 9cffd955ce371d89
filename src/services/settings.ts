import pino from 'pino';
import { z } from 'zod';
import type { Models } from '../db/models/index.js';
import { type ActiveSource, resolvePrecedence } from '../domain/precedence.js';
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

export type SettingName = keyof SettingsPatch;

/** A member whose active account (DESIGN §3.1) a settings change moved. */
export interface AccountChange {
  slackUserId: string;
  before: ActiveSource;
  after: ActiveSource;
}

export interface SettingsChange {
  before: WorkspaceSettings;
  after: WorkspaceSettings;
  /** The settings whose value changed (empty when the admin saved the same values). */
  changed: SettingName[];
  /** Members whose active account is not the same as before the change (each should be told). */
  accountChanges: AccountChange[];
}

export interface SettingsService {
  get(workspaceId: string): Promise<WorkspaceSettings>;
  /** Admins only; records who and when, and audits before/after. */
  update(workspaceId: string, actorId: string, patch: SettingsPatch): Promise<WorkspaceSettings>;
  /**
   * `update`, telling what it changed: the settings, and the members whose active account moved
   * (an opt-out only counts while opting out is allowed, so turning that off or on moves them).
   */
  change(workspaceId: string, actorId: string, patch: SettingsPatch): Promise<SettingsChange>;
  /** Members who chose to stop using the organization connection (counted whether or not that is allowed now). */
  optedOutCount(workspaceId: string): Promise<number>;
  /** Creates the workspace document on first sight; keeps name/enterprise id current. */
  ensureWorkspace(
    workspaceId: string,
    info?: { name?: string | undefined; enterpriseId?: string | undefined },
  ): Promise<void>;
  workspaceName(workspaceId: string): Promise<string | null>;
  /** The workspace's name and Enterprise Grid enterprise as stored; null when the workspace is unknown. */
  workspaceInfo(workspaceId: string): Promise<{ name: string | null; enterpriseId: string | null } | null>;

  /** Workspace ids in order, for jobs that visit every workspace (each then works per workspace). */
  listWorkspaceIds(options?: { after?: string | undefined; limit?: number | undefined }): Promise<string[]>;
}

export const DEFAULT_SETTINGS = { autoStartSummary: false, allowUserOptOut: false } as const;
const SETTING_NAMES: readonly SettingName[] = ['autoStartSummary', 'allowUserOptOut'];

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

  /**
   * Only an opt-out depends on the opt-out setting, so only members who opted out can move; each
   * one's account before and after comes from the one precedence rule (src/domain/precedence.ts).
   */
  async function movedByOptOutSetting(
    workspaceId: string,
    allowedBefore: boolean,
    allowedAfter: boolean,
  ): Promise<AccountChange[]> {
    const [org, optedOut] = await Promise.all([
      models.orgConnections.findOne({ workspaceId }, { status: 1 }).lean(),
      models.members
        .find({ workspaceId, deleted: false, optedOut: true }, { slackUserId: 1, personalStatus: 1 })
        .lean(),
    ]);
    const orgState = org ? { status: org.status } : null;
    return optedOut.flatMap((m) => {
      const personal = m.personalStatus === 'none' ? null : { status: m.personalStatus };
      const active = (allowUserOptOut: boolean) =>
        resolvePrecedence({ personal, org: orgState, optedOut: true, allowUserOptOut }).active;
      const before = active(allowedBefore);
      const after = active(allowedAfter);
      return before === after ? [] : [{ slackUserId: m.slackUserId, before, after }];
    });
  }

  const service: SettingsService = {
    async get(workspaceId) {
      checkWorkspaceId(workspaceId);
      return view(await models.workspaces.findOne({ workspaceId }).lean());
    },

    async update(workspaceId, actorId, patch) {
      return (await service.change(workspaceId, actorId, patch)).after;
    },

    async change(workspaceId, actorId, patch) {
      checkWorkspaceId(workspaceId);
      checkUserId(actorId, 'actorId');
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success)
        throw new ServiceError('invalid_input', 'The settings are not valid.', { field: 'settings' });
      await requireAdmin(admin, workspaceId, actorId, { fresh: true });
      const now = clock();
      const stored = await models.workspaces
        .findOneAndUpdate(
          { workspaceId },
          {
            $set: { ...parsed.data, settingsChangedBy: actorId, settingsChangedAt: now },
            $setOnInsert: { workspaceId, createdAt: now },
          },
          { upsert: true, returnDocument: 'before' },
        )
        .lean();
      const before = view(stored);
      const after = { ...before, ...parsed.data, changedBy: actorId, changedAt: now };
      const changed = SETTING_NAMES.filter((name) => before[name] !== after[name]);
      await audit.record(workspaceId, 'settings_changed', actorId, {
        before: { autoStartSummary: before.autoStartSummary, allowUserOptOut: before.allowUserOptOut },
        after: { autoStartSummary: after.autoStartSummary, allowUserOptOut: after.allowUserOptOut },
      });
      const accountChanges = changed.includes('allowUserOptOut')
        ? await movedByOptOutSetting(workspaceId, before.allowUserOptOut, after.allowUserOptOut)
        : [];
      logger.info({ workspaceId, actorId, changed, moved: accountChanges.length }, 'settings changed');
      return { before, after, changed, accountChanges };
    },

    async optedOutCount(workspaceId) {
      checkWorkspaceId(workspaceId);
      return models.members.countDocuments({ workspaceId, deleted: false, optedOut: true });
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

    async workspaceInfo(workspaceId) {
      checkWorkspaceId(workspaceId);
      const doc = await models.workspaces.findOne({ workspaceId }, { name: 1, enterpriseId: 1 }).lean();
      return doc ? { name: doc.name ?? null, enterpriseId: doc.enterpriseId ?? null } : null;
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
  return service;
}

/**
 * Leaving cleanly (issue 14 §8). When the Slack app is uninstalled from a workspace (or its bot
 * token revoked) every Zoom grant that workspace holds is released at once — revoked at Zoom when
 * no other workspace shares it — its connections end, its open links stop working, and it is
 * marked uninstalled so jobs skip it. Its personal data (members and their emails, meetings,
 * requests, connections, audit) is deleted after DATA_RETENTION_DAYS unless it is installed again
 * first; its settings stay. And when Zoom says a user asked apps not to keep their data
 * (`app_deauthorized` with `user_data_retention: false`), what we hold about that Zoom user goes now.
 */
import pino from 'pino';
import type { Models } from '../db/models/index.js';
import type { AuditService } from './audit.js';
import type { GrantsService, HolderIdentity } from './grants.js';
import { checkWorkspaceId } from './guard.js';
import type { CommonDeps } from './ports.js';

const DAY_MS = 24 * 3600_000;
/** What a forgotten Zoom user's id reads as on a connection kept for its state. */
const FORGOTTEN = 'deleted-at-user-request';

export interface WorkspaceLifecycleService {
  /** Releases the workspace's Zoom grants, ends its connections and links, schedules the purge. */
  uninstalled(
    workspaceId: string,
    reason: 'app_uninstalled' | 'tokens_revoked',
  ): Promise<{ grantsReleased: number; revoked: number; requestsClosed: number }>;
  /** The app is back (a workspace, or every workspace of an org-wide install): nothing secret returns, the settings are still there. */
  reinstalled(key: { workspaceId?: string | undefined; enterpriseId?: string | undefined }): Promise<number>;
  /** Workspaces the jobs visit: installed ones only, by id, in pages. */
  listInstalled(options: { after?: string | undefined; limit: number }): Promise<string[]>;
  /** Deletes the personal data of workspaces uninstalled longer than the retention period. */
  purgeDue(limit?: number): Promise<number>;
  /** A Zoom user asked that apps delete their data: their connections, meetings and grants, everywhere. */
  forgetZoomUser(app: 'org' | 'user', zoomUserId: string): Promise<Record<string, number>>;
}

/** What is personal in a workspace: deleted at the purge (the workspace document keeps its settings). */
const PERSONAL_COLLECTIONS = [
  'members',
  'meetings',
  'approvalRequests',
  'personalConnections',
  'orgConnections',
  'auditEvents',
] as const satisfies ReadonlyArray<keyof Models>;

function holderIdentity(holder: {
  workspaceId: string;
  kind: string;
  generation?: number | undefined;
  slackUserId?: string | undefined;
  requestId?: string | undefined;
}): HolderIdentity | null {
  if (holder.kind === 'org')
    return { workspaceId: holder.workspaceId, kind: 'org', generation: holder.generation ?? 0 };
  if (holder.kind === 'personal' && holder.slackUserId)
    return { workspaceId: holder.workspaceId, kind: 'personal', slackUserId: holder.slackUserId };
  if (holder.kind === 'parked' && holder.requestId)
    return { workspaceId: holder.workspaceId, kind: 'parked', requestId: holder.requestId };
  return null;
}

export function createWorkspaceLifecycleService(
  deps: CommonDeps & {
    models: Models;
    grants: GrantsService;
    audit: AuditService;
    retentionDays: number;
  },
): WorkspaceLifecycleService {
  const { models, grants, audit } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'workspace-lifecycle' });

  /** Every holder of this workspace leaves its grant; the last one out revokes it at Zoom. */
  async function releaseGrants(workspaceId: string) {
    let grantsReleased = 0;
    let revoked = 0;
    for (const { pointer, holders } of await grants.heldBy(workspaceId)) {
      for (const holder of holders) {
        const identity = holderIdentity(holder);
        if (!identity) continue;
        const outcome = await grants.detach(pointer, identity);
        if (outcome.revoked) revoked += 1;
      }
      grantsReleased += 1;
    }
    return { grantsReleased, revoked };
  }

  return {
    async uninstalled(workspaceId, reason) {
      checkWorkspaceId(workspaceId);
      const now = clock();
      await models.workspaces.updateOne(
        { workspaceId },
        {
          $set: { uninstalledAt: now, purgeAfter: new Date(now.getTime() + deps.retentionDays * DAY_MS) },
          $setOnInsert: { createdAt: now },
        },
        { upsert: true },
      );
      const released = await releaseGrants(workspaceId);
      // Nothing serves any more: the connections say so, without tokens to point at.
      await models.orgConnections.updateMany(
        { workspaceId, status: { $ne: 'disconnected' } },
        {
          $set: { status: 'disconnected', statusReason: 'app_removed', statusChangedAt: now },
          $unset: { grantId: '' },
        },
      );
      await models.personalConnections.deleteMany({ workspaceId });
      const closed = await models.approvalRequests.updateMany(
        { workspaceId, status: { $in: ['pending', 'awaiting_confirmation'] } },
        { $set: { status: 'cancelled', finishedBy: 'system', finishedAt: now, attempts: [] } },
      );
      await audit.record(workspaceId, 'workspace_uninstalled', 'system', { reason, ...released });
      logger.info({ workspaceId, reason, ...released }, 'workspace uninstalled: Zoom grants released');
      return { ...released, requestsClosed: closed.modifiedCount };
    },

    async reinstalled({ workspaceId, enterpriseId }) {
      const which = workspaceId ? { workspaceId } : enterpriseId ? { enterpriseId } : null;
      if (!which) return 0;
      const back = await models.workspaces
        .find({ ...which, uninstalledAt: { $exists: true } }, { workspaceId: 1 })
        .lean();
      for (const doc of back) {
        await models.workspaces.updateOne(
          { workspaceId: doc.workspaceId },
          { $unset: { uninstalledAt: '', purgeAfter: '' } },
        );
        await audit.record(doc.workspaceId, 'workspace_reinstalled', 'system', {});
      }
      return back.length;
    },

    async listInstalled({ after, limit }) {
      const docs = await models.workspaces
        .find(
          { uninstalledAt: { $exists: false }, ...(after ? { workspaceId: { $gt: after } } : {}) },
          { workspaceId: 1 },
        )
        .sort({ workspaceId: 1 })
        .limit(limit)
        .lean();
      return docs.map((d) => d.workspaceId);
    },

    async purgeDue(limit = 20) {
      const due = await models.workspaces
        .find({ purgeAfter: { $lte: clock() } }, { workspaceId: 1 })
        .limit(limit)
        .lean();
      for (const { workspaceId } of due) {
        for (const name of PERSONAL_COLLECTIONS) {
          await (models[name] as unknown as { deleteMany(filter: object): Promise<unknown> }).deleteMany({
            workspaceId,
          });
        }
        await models.workspaces.updateOne({ workspaceId }, { $unset: { purgeAfter: '' } });
        logger.info({ workspaceId }, 'personal data of an uninstalled workspace deleted');
      }
      return due.length;
    },

    async forgetZoomUser(app, zoomUserId) {
      const where = { zoomUserId };
      const workspaces = new Set<string>();
      let connections = 0;
      if (app === 'org') {
        // The connection's state and reason stay (admins still see why it stopped); who it was goes.
        for (const doc of await models.orgConnections.find(where, { workspaceId: 1 }).lean())
          workspaces.add(doc.workspaceId);
        connections = (
          await models.orgConnections.updateMany(where, {
            $set: { zoomUserId: FORGOTTEN, zoomEmail: '', zoomRole: '' },
            $unset: { grantId: '' },
          })
        ).modifiedCount;
      } else {
        for (const doc of await models.personalConnections.find(where, { workspaceId: 1 }).lean())
          workspaces.add(doc.workspaceId);
        connections = (await models.personalConnections.deleteMany(where)).deletedCount;
      }
      for (const doc of await models.meetings.find(where, { workspaceId: 1 }).lean())
        workspaces.add(doc.workspaceId);
      const counts = {
        connections,
        meetings: (await models.meetings.deleteMany(where)).deletedCount,
        grants: (await models.zoomGrants.deleteMany({ app, zoomUserId })).deletedCount,
      };
      for (const workspaceId of workspaces) {
        await audit.record(workspaceId, 'zoom_user_data_deleted', 'zoom', { app, ...counts });
      }
      return counts;
    },
  };
}

/**
 * The periodic work (issue 8), each job visiting every workspace in pages and working per
 * workspace: request expiry (the requester is told), 24 h reminders to the recipient, the
 * proactive health check of organization connections (admins alerted before a member hits the
 * failure), and the member directory refresh. The scheduler makes each run once across instances.
 */
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import type { SlackNotifier } from '../slack/notifier.js';
import { requestExpiredDm } from '../slack/views/index.js';
import type { JobDefinition } from './scheduler.js';

const MINUTE = 60_000;

async function forEachWorkspace(
  services: Services,
  visit: (workspaceId: string) => Promise<void>,
  logger: Logger,
) {
  let after: string | undefined;
  for (;;) {
    const ids = await services.settings.listWorkspaceIds({ after, limit: 100 });
    for (const workspaceId of ids) {
      // One workspace failing (e.g. its Slack token revoked) must not stop the others.
      await visit(workspaceId).catch((error: unknown) =>
        logger.warn({ err: error, workspaceId }, 'job step failed'),
      );
    }
    if (ids.length < 100) return;
    after = ids[ids.length - 1];
  }
}

export function createJobDefinitions(deps: {
  services: Services;
  notifier: SlackNotifier;
  logger: Logger;
  metrics?: Metrics | undefined;
}): JobDefinition[] {
  const { services, notifier } = deps;
  const logger = deps.logger.child({ module: 'jobs' });

  return [
    {
      name: 'expire-requests',
      intervalMs: 5 * MINUTE,
      maxRunMs: 4 * MINUTE,
      run: () =>
        forEachWorkspace(
          services,
          async (workspaceId) => {
            const expired = await services.approvals.expireDue(workspaceId);
            if (expired.length === 0) return;
            const workspaceName = await notifier.workspaceName(workspaceId);
            for (const request of expired) {
              await notifier.dm(workspaceId, request.requesterId, (t) =>
                requestExpiredDm(
                  {
                    workspaceName,
                    expiredAt: request.expiresAt,
                    recipientId: request.recipientId,
                    kind: request.kind,
                  },
                  t,
                ),
              );
            }
          },
          logger,
        ),
    },
    {
      name: 'approval-reminders',
      intervalMs: 15 * MINUTE,
      maxRunMs: 10 * MINUTE,
      run: () =>
        forEachWorkspace(
          services,
          async (workspaceId) => {
            const due = await services.approvals.claimDueReminders(workspaceId);
            for (const { request, link } of due) {
              await notifier.sendApprovalRequest(request, link, { reminder: true });
            }
          },
          logger,
        ),
    },
    {
      name: 'org-health',
      intervalMs: 30 * MINUTE,
      maxRunMs: 20 * MINUTE,
      run: async () => {
        const tally = { active: 0, needs_reconnect: 0, disconnected: 0 };
        await forEachWorkspace(
          services,
          async (workspaceId) => {
            const health = await services.health.checkOrg(workspaceId);
            const org = await services.connections.getOrg(workspaceId);
            if (org) tally[org.status] += 1;
            if (health.result === 'needs_reconnect' && health.changed && org) {
              const affectedMeetings = await services.meetings.upcomingThroughOrg(
                workspaceId,
                org.generation,
                { limit: 500 },
              );
              await notifier.orgConnectionLost({
                workspaceId,
                status: 'needs_reconnect',
                reason: health.reason,
                zoomEmail: org.zoomEmail,
                affectedMeetings,
              });
            }
          },
          logger,
        );
        for (const [status, count] of Object.entries(tally))
          deps.metrics?.orgConnections.set({ status }, count);
      },
    },
    {
      name: 'directory-sync',
      intervalMs: 24 * 60 * MINUTE,
      maxRunMs: 60 * MINUTE,
      run: () =>
        forEachWorkspace(
          services,
          async (workspaceId) => {
            await services.directory.syncFromSlack(workspaceId);
          },
          logger,
        ),
    },
  ];
}

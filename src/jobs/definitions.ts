/**
 * The periodic work (issue 8), each job visiting every workspace in pages and working per
 * workspace: request expiry (the requester is told), 24 h reminders to the recipient, the
 * proactive health check of organization connections (admins alerted before a member hits the
 * failure), and the member directory refresh. The scheduler makes each run once across instances.
 * Jobs only call services: telling people is the services' business (through the notifier port).
 */
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import type { JobDefinition } from './scheduler.js';

const MINUTE = 60_000;

async function forEachWorkspace(
  services: Services,
  visit: (workspaceId: string) => Promise<unknown>,
  logger: Logger,
) {
  let after: string | undefined;
  for (;;) {
    // Installed workspaces only: an uninstalled one is told nothing and checked for nothing.
    const ids = await services.lifecycle.listInstalled({ after, limit: 100 });
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
  logger: Logger;
  metrics?: Metrics | undefined;
}): JobDefinition[] {
  const { services } = deps;
  const logger = deps.logger.child({ module: 'jobs' });
  const everyWorkspace = (visit: (workspaceId: string) => Promise<unknown>) =>
    forEachWorkspace(services, visit, logger);

  return [
    {
      name: 'expire-requests',
      intervalMs: 5 * MINUTE,
      maxRunMs: 4 * MINUTE,
      run: () => everyWorkspace((workspaceId) => services.requestNotices.expireDue(workspaceId)),
    },
    {
      name: 'approval-reminders',
      intervalMs: 15 * MINUTE,
      maxRunMs: 10 * MINUTE,
      run: () => everyWorkspace((workspaceId) => services.requestNotices.remindDue(workspaceId)),
    },
    {
      name: 'org-health',
      intervalMs: 30 * MINUTE,
      maxRunMs: 20 * MINUTE,
      run: async () => {
        const tally = { active: 0, needs_reconnect: 0, disconnected: 0 };
        await everyWorkspace(async (workspaceId) => {
          // A connection found dead is ended by the health service, which tells the people concerned.
          await services.health.checkOrg(workspaceId);
          const org = await services.connections.getOrg(workspaceId);
          if (org) tally[org.status] += 1;
        });
        for (const [status, count] of Object.entries(tally))
          deps.metrics?.orgConnections.set({ status }, count);
      },
    },
    {
      name: 'purge-uninstalled',
      intervalMs: 6 * 60 * MINUTE,
      maxRunMs: 30 * MINUTE,
      run: async () => {
        while ((await services.lifecycle.purgeDue(20)) === 20) {
          // Twenty at a time until none is due.
        }
      },
    },
    {
      name: 'directory-sync',
      intervalMs: 24 * 60 * MINUTE,
      maxRunMs: 60 * MINUTE,
      run: () => everyWorkspace((workspaceId) => services.directory.syncFromSlack(workspaceId)),
    },
  ];
}

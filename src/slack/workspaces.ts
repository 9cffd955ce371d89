/**
 * The first time this process hears from a workspace, make sure the core knows it: its document
 * exists (jobs visit every known workspace), its name is known (from `auth.test`: `team.info`
 * would need another scope), and its member directory is synced in the background, so admins
 * can be alerted even if they never used the app. Later contacts cost nothing.
 */
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import type { SlackClients } from './clients.js';

export interface WorkspaceRegistry {
  ensureKnown(workspaceId: string): Promise<void>;
}

export function createWorkspaceRegistry(deps: {
  services: Services;
  clients: SlackClients;
  logger: Logger;
}): WorkspaceRegistry {
  const known = new Set<string>();
  const logger = deps.logger.child({ module: 'workspaces' });

  async function nameFromSlack(workspaceId: string): Promise<string | undefined> {
    try {
      const client = await deps.clients.forWorkspace(workspaceId);
      const result = await client.auth.test();
      return typeof result.team === 'string' ? result.team : undefined;
    } catch (error) {
      logger.warn({ err: error, workspaceId }, 'auth.test failed; the workspace name stays unknown for now');
      return undefined;
    }
  }

  return {
    async ensureKnown(workspaceId) {
      if (known.has(workspaceId)) return;
      const existing = await deps.services.settings.workspaceName(workspaceId);
      if (existing === null) {
        const name = await nameFromSlack(workspaceId);
        await deps.services.settings.ensureWorkspace(workspaceId, name ? { name } : {});
        void deps.services.directory
          .syncFromSlack(workspaceId)
          .then((result) => logger.info({ workspaceId, ...result }, 'directory synced for a new workspace'))
          .catch((error: unknown) => logger.warn({ err: error, workspaceId }, 'first directory sync failed'));
      }
      known.add(workspaceId);
    },
  };
}

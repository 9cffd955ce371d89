/**
 * The first time this process hears from a workspace, make sure the core knows it: its document
 * exists (jobs visit every known workspace), its name is known (from `auth.test`, or for an
 * org-wide Grid token, which `auth.test` answers with the enterprise, from `auth.teams.list`:
 * `team.info` would need another scope), its enterprise is stored (so work no request started
 * finds the org-wide installation), and its member directory is synced in the background, so
 * admins can be alerted even if they never used the app. Later contacts cost nothing.
 */
import type { Logger } from '../logger.js';
import type { DirectoryService, SettingsService } from '../services/index.js';
import { coveredTeams, type SlackClients } from './clients.js';

export interface WorkspaceRegistry {
  ensureKnown(workspaceId: string): Promise<void>;
}

export function createWorkspaceRegistry(deps: {
  services: {
    settings: Pick<SettingsService, 'workspaceInfo' | 'ensureWorkspace'>;
    directory: Pick<DirectoryService, 'syncFromSlack'>;
  };
  clients: SlackClients;
  logger: Logger;
}): WorkspaceRegistry {
  const known = new Set<string>();
  const logger = deps.logger.child({ module: 'workspaces' });

  async function nameFromSlack(workspaceId: string): Promise<string | undefined> {
    try {
      const client = await deps.clients.forWorkspace(workspaceId);
      const result = await client.auth.test();
      if (result.is_enterprise_install === true) return (await coveredTeams(client)).get(workspaceId);
      return typeof result.team === 'string' ? result.team : undefined;
    } catch (error) {
      logger.warn({ err: error, workspaceId }, 'could not read the workspace name; it stays unknown for now');
      return undefined;
    }
  }

  return {
    async ensureKnown(workspaceId) {
      if (known.has(workspaceId)) return;
      const [existing, enterpriseId] = await Promise.all([
        deps.services.settings.workspaceInfo(workspaceId),
        deps.clients.enterpriseOf(workspaceId),
      ]);
      if (existing === null) {
        const name = await nameFromSlack(workspaceId);
        await deps.services.settings.ensureWorkspace(workspaceId, {
          ...(name ? { name } : {}),
          ...(enterpriseId ? { enterpriseId } : {}),
        });
        void deps.services.directory
          .syncFromSlack(workspaceId)
          .then((result) => logger.info({ workspaceId, ...result }, 'directory synced for a new workspace'))
          .catch((error: unknown) => logger.warn({ err: error, workspaceId }, 'first directory sync failed'));
      } else if (enterpriseId !== undefined && existing.enterpriseId !== enterpriseId) {
        // Known from before the enterprise was recorded (or moved to Grid): record it now.
        await deps.services.settings.ensureWorkspace(workspaceId, { enterpriseId });
      }
      known.add(workspaceId);
    },
  };
}

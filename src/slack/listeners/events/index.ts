/**
 * Events API: Home tab, directory changes, uninstall. Slack retries a delivery it thinks failed,
 * so every event is deduplicated by `event_id` across instances before it is handled.
 */
import type { App } from '@slack/bolt';
import type { IsDuplicate } from '../../../db/dedupe.js';
import { toSlackProfile } from '../../directory.js';
import type { SlackAppDeps } from '../../runtime.js';

export interface EventDeps extends SlackAppDeps {
  isDuplicateSlackEvent: IsDuplicate;
  /** Multi-workspace mode: forget the installation of an uninstalled workspace. */
  removeInstallation?: ((workspaceId: string) => Promise<void>) | undefined;
}

export function register(app: App, deps: EventDeps): void {
  const logger = deps.logger.child({ module: 'slack-events' });

  // Deduplicate before any listener runs; a failure to record is an error Slack should retry.
  app.use(async ({ body, next }) => {
    const eventId =
      (body as { type?: unknown; event_id?: unknown }).type === 'event_callback'
        ? (body as { event_id?: unknown }).event_id
        : undefined;
    if (typeof eventId === 'string' && (await deps.isDuplicateSlackEvent(eventId))) {
      logger.info({ eventId }, 'duplicate Slack event ignored');
      return;
    }
    await next();
  });

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const workspaceId = body.team_id;
    await deps.workspaces.ensureKnown(workspaceId);
    await deps.home.publish(workspaceId, event.user);
  });

  app.event('team_join', async ({ event, body }) => {
    await deps.services.directory.applyUser(body.team_id, toSlackProfile(event.user));
  });

  app.event('user_change', async ({ event, body }) => {
    await deps.services.directory.applyUser(body.team_id, toSlackProfile(event.user));
  });

  const uninstall = async (workspaceId: string, reason: string) => {
    deps.clients.forget(workspaceId);
    await deps.removeInstallation?.(workspaceId);
    logger.info({ workspaceId, reason }, 'installation removed');
  };
  app.event('app_uninstalled', async ({ body }) => uninstall(body.team_id, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) await uninstall(body.team_id, 'tokens_revoked');
  });
}

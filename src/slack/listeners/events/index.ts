/**
 * Events API: Home tab, directory changes, uninstall. Slack retries a delivery it thinks failed,
 * so every event is deduplicated by `event_id` across instances before it is handled.
 */
import type { App } from '@slack/bolt';
import type { IsDuplicate } from '../../../db/dedupe.js';
import { toSlackProfile } from '../../directory.js';
import { errorCodeOf, type SlackAppDeps } from '../../runtime.js';

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

  // Bolt acks events itself before the listeners run: their work is after-ack work.
  const afterAck = (event: string, workspaceId: string, work: () => Promise<void>) =>
    deps.afterAck.run('slack_event', { event, workspaceId }, work);

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const workspaceId = body.team_id;
    await afterAck('app_home_opened', workspaceId, async () => {
      await deps.workspaces.ensureKnown(workspaceId);
      await deps.home.publish(workspaceId, event.user);
    });
  });

  // A new member or a changed profile (email!) is checked against the organization's Zoom account
  // at once, so /zoom-status says "no Zoom user with your email" before a meeting fails.
  const applyAndMatch = async (workspaceId: string, profile: ReturnType<typeof toSlackProfile>) => {
    await deps.services.directory.applyUser(workspaceId, profile);
    if (!profile.email) return;
    await deps.services.health.checkMemberMatch(workspaceId, profile.id).catch((error: unknown) => {
      logger.info(
        { workspaceId, code: errorCodeOf(error) },
        'email match not checked now; the health check will',
      );
    });
  };

  app.event('team_join', async ({ event, body }) => {
    await afterAck('team_join', body.team_id, () => applyAndMatch(body.team_id, toSlackProfile(event.user)));
  });

  app.event('user_change', async ({ event, body }) => {
    await afterAck('user_change', body.team_id, () =>
      applyAndMatch(body.team_id, toSlackProfile(event.user)),
    );
  });

  // Leaving cleanly (issue 14 §8): Zoom grants released at once, the workspace marked uninstalled
  // (jobs skip it), its personal data deleted after the retention period.
  const uninstall = async (workspaceId: string, reason: 'app_uninstalled' | 'tokens_revoked') => {
    const released = await deps.services.lifecycle.uninstalled(workspaceId, reason);
    deps.clients.forget(workspaceId);
    await deps.removeInstallation?.(workspaceId);
    logger.info({ workspaceId, reason, ...released }, 'installation removed');
  };
  app.event('app_uninstalled', async ({ body }) =>
    afterAck('app_uninstalled', body.team_id, () => uninstall(body.team_id, 'app_uninstalled')),
  );
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await afterAck('tokens_revoked', body.team_id, () => uninstall(body.team_id, 'tokens_revoked'));
  });
}

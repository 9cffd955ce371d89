/** All Slack listeners, grouped by surface (STYLE practice 1). */
import type { App } from '@slack/bolt';
import { register as registerActions } from './actions/index.js';
import { register as registerCommands } from './commands/index.js';
import { type EventDeps, register as registerEvents } from './events/index.js';
import { register as registerShortcuts } from './shortcuts/index.js';
import { register as registerViews } from './views/index.js';

/** The team a request comes from, whatever its kind (command, interaction, event). */
export function teamOf(body: unknown): string | undefined {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; user?: { team_id?: unknown } };
  const id = b.team_id ?? b.team?.id ?? b.user?.team_id;
  return typeof id === 'string' ? id : undefined;
}

export function registerListeners(app: App, deps: EventDeps): void {
  // A request must come from the workspace its credentials belong to (single-workspace mode:
  // the bot token's team). Anything else is acknowledged and dropped: it can see nothing.
  app.use(async (args) => {
    const expected = args.context.teamId;
    const actual = teamOf(args.body);
    if (expected && actual && !args.context.isEnterpriseInstall && expected !== actual) {
      deps.logger.warn({ expected, actual }, 'request from a workspace this installation does not serve');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    // Enterprise Grid: the request says which enterprise the workspace is in (its org-wide install).
    if (actual && args.context.enterpriseId) deps.clients.noteEnterprise(actual, args.context.enterpriseId);
    await args.next();
  });
  registerEvents(app, deps); // then: its dedupe middleware must run before the listeners
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerShortcuts(app, deps);
}

/** All Slack listeners, grouped by surface (STYLE practice 1). */
import type { App } from '@slack/bolt';
import { register as registerActions } from './actions/index.js';
import { register as registerCommands } from './commands/index.js';
import { type EventDeps, register as registerEvents } from './events/index.js';
import { register as registerViews } from './views/index.js';

export function registerListeners(app: App, deps: EventDeps): void {
  registerEvents(app, deps); // first: its dedupe middleware must run before everything else
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
}

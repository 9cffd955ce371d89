/** Slash commands (DESIGN §2.1): one handler per file. */
import type { App } from '@slack/bolt';
import type { SlackAppDeps } from '../../runtime.js';
import { zoomConnectCommand } from './zoom-connect.js';
import { zoomDisconnectCommand } from './zoom-disconnect.js';
import { zoomMeetCommand } from './zoom-meet.js';
import { zoomSettingsCommand } from './zoom-settings.js';
import { zoomStatusCommand } from './zoom-status.js';

export function register(app: App, deps: SlackAppDeps): void {
  app.command('/zoom-connect', zoomConnectCommand(deps));
  app.command('/zoom-status', zoomStatusCommand(deps));
  app.command('/zoom-settings', zoomSettingsCommand(deps));
  app.command('/zoom-disconnect', zoomDisconnectCommand(deps));
  app.command('/zoom-meet', zoomMeetCommand(deps));
}

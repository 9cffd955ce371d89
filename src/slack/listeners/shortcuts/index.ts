/** Global shortcuts (manifest.yml `features.shortcuts`): New Zoom meeting opens the New meeting window. */
import type { App } from '@slack/bolt';
import type { SlackAppDeps } from '../../runtime.js';
import { SHORTCUT } from '../../views/index.js';
import { newMeetingShortcut } from './new-meeting.js';

export function register(app: App, deps: SlackAppDeps): void {
  app.shortcut(SHORTCUT.newMeeting, newMeetingShortcut(deps));
}

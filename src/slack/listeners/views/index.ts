/** Modal submissions: one handler per modal. */
import type { App } from '@slack/bolt';
import type { SlackAppDeps } from '../../runtime.js';
import { CALLBACK } from '../../views/index.js';
import { connectSubmission } from './connect.js';
import { disconnectSubmission } from './disconnect.js';
import { forwardSubmission } from './forward.js';
import { newMeetingSubmission } from './new-meeting.js';
import { settingsSubmission } from './settings.js';
import { usersListSubmission } from './users-list.js';

export function register(app: App, deps: SlackAppDeps): void {
  app.view(CALLBACK.connect, connectSubmission(deps));
  app.view(CALLBACK.settings, settingsSubmission(deps));
  app.view(CALLBACK.disconnect, disconnectSubmission(deps));
  app.view(CALLBACK.newMeeting, newMeetingSubmission(deps));
  app.view(CALLBACK.forward, forwardSubmission(deps));
  app.view(CALLBACK.usersList, usersListSubmission(deps));
}

/** Buttons and selects on messages, modals and the Home tab. */
import type { App } from '@slack/bolt';
import type { SlackAppDeps } from '../../runtime.js';
import { ACTION } from '../../views/index.js';
import { cancelMeeting, createAgain, openNewMeeting } from './meetings.js';
import {
  connectChoiceChanged,
  disconnectChoiceChanged,
  openConnect,
  openDisconnect,
  openSettings,
} from './modals.js';
import { decideParked } from './parked.js';
import { cancelRequest, declineRequest, openForward, resendRequest } from './requests.js';
import { openUsersList, usersPaging } from './users.js';

export function register(app: App, deps: SlackAppDeps): void {
  // Link buttons open a URL in the browser; Slack still sends the click, which only needs an ack.
  for (const id of [ACTION.approveInZoom, ACTION.openLink, ACTION.joinMeeting]) {
    app.action(id, async ({ ack }) => {
      await ack();
    });
  }
  app.action(ACTION.connectPersonal, openConnect(deps, 'personal'));
  app.action(ACTION.connectOrg, openConnect(deps, 'org'));
  app.action(ACTION.openDisconnect, openDisconnect(deps, null));
  app.action(ACTION.disconnectPersonal, openDisconnect(deps, 'personal'));
  app.action(ACTION.optOut, openDisconnect(deps, 'opt_out'));
  app.action(ACTION.optIn, openDisconnect(deps, 'opt_in'));
  app.action(ACTION.openSettings, openSettings(deps));
  app.action(ACTION.newMeeting, openNewMeeting(deps));
  app.action(ACTION.cancelMeeting, cancelMeeting(deps));
  app.action(ACTION.createAgain, createAgain(deps));
  app.action(ACTION.connectScope, connectChoiceChanged(deps));
  app.action(ACTION.connectOrgPath, connectChoiceChanged(deps));
  app.action(ACTION.disconnectChoice, disconnectChoiceChanged(deps));
  app.action(ACTION.declineRequest, declineRequest(deps));
  app.action(ACTION.resendRequest, resendRequest(deps));
  app.action(ACTION.cancelRequest, cancelRequest(deps));
  app.action(ACTION.forwardRequest, openForward(deps));
  app.action(ACTION.confirmParked, decideParked(deps, 'confirm'));
  app.action(ACTION.cancelParked, decideParked(deps, 'cancel'));
  app.action(ACTION.usersFilter, usersPaging(deps, 'filter'));
  app.action(ACTION.usersPrev, usersPaging(deps, 'page'));
  app.action(ACTION.usersNext, usersPaging(deps, 'page'));
  app.action(ACTION.usersOpenList, openUsersList(deps));
}

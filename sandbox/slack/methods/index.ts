/**
 * The Web API methods the app calls, each a function of (caller, args) → Slack's success body, or a
 * thrown SlackApiError. Argument names, outputs and errors follow shared/reference/slack-methods/
 * *.json; users.list, team.info, chat.delete and auth.teams.list follow Slack's method pages.
 */
import { AUTH_METHODS } from './auth.js';
import { CHAT_METHODS } from './chat.js';
import { PEOPLE_METHODS } from './people.js';
import type { MethodSpec } from './support.js';
import { VIEW_METHODS } from './views.js';

export { checkMessageContent, checkModalView } from './content.js';
export type { Args, MethodDeps, MethodSpec } from './support.js';
export { pushModal, replaceView } from './views.js';

export const METHODS: Record<string, MethodSpec> = {
  ...AUTH_METHODS,
  ...CHAT_METHODS,
  ...VIEW_METHODS,
  ...PEOPLE_METHODS,
};

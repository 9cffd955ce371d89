/**
 * `/zoom-meet [topic]`: a meeting with the caller's active account, its link posted in the
 * channel (in_channel). No account, or no Zoom user for the member's email: an ephemeral
 * explanation with the way to fix it (DESIGN §3.4).
 */
import { createMeetingReply } from '../../loaders/meeting-reply.js';
import type { SlackAppDeps } from '../../runtime.js';
import { commandHandler } from './frame.js';

export function zoomMeetCommand(deps: SlackAppDeps) {
  return commandHandler(deps, '/zoom-meet', async ({ actor, text, reply }) => {
    await reply(await createMeetingReply(deps.services, actor, text));
  });
}

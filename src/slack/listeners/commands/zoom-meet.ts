/**
 * `/zoom-meet` (DESIGN §2.1): no text opens the New meeting window; `list` shows the member's
 * upcoming meetings with Cancel; a topic alone is an instant meeting; a topic with a time, a
 * length and mentions (en or fr, on the member's clock) is a scheduled one, its invitees DM'd. A
 * part that cannot be read is named in an ephemeral reply. The post goes in the channel as the
 * bot (so it can be updated when the meeting ends); where the bot cannot post, the command's
 * in_channel reply carries it.
 */
import { parseMeetCommand } from '../../../domain/meeting-command.js';
import { usableTimeZone } from '../../../domain/wall-clock.js';
import { createMeetingReply, publishMeeting } from '../../loaders/meeting-reply.js';
import { newMeetingModalView } from '../../loaders/new-meeting-modal.js';
import { toUpcomingRow } from '../../meeting-mappers.js';
import type { SlackAppDeps } from '../../runtime.js';
import { LIST_MAX_ROWS, meetingListMessage, meetingUnreadableMessage } from '../../views/index.js';
import { commandHandler } from './frame.js';

export function zoomMeetCommand(deps: SlackAppDeps, clock: () => Date = () => new Date()) {
  return commandHandler(deps, '/zoom-meet', async ({ actor, args, text, reply }) => {
    const { workspaceId, userId, t } = actor;
    const timeZone = usableTimeZone(actor.member?.tz);
    const now = clock();
    const command = parseMeetCommand(text, { now, timeZone, language: t.locale });
    switch (command.kind) {
      case 'modal': {
        const view = await newMeetingModalView(deps.services, actor, {
          now,
          channelId: args.command.channel_id,
        });
        await args.client.views.open({ trigger_id: args.command.trigger_id, view });
        return;
      }
      case 'list': {
        const { meetings, total } = await deps.services.meetings.listUpcoming(workspaceId, userId, {
          limit: LIST_MAX_ROWS,
        });
        await reply(meetingListMessage({ meetings: meetings.map(toUpcomingRow), total }, t));
        return;
      }
      case 'unreadable':
        await reply(meetingUnreadableMessage(command, t));
        return;
      case 'meeting': {
        const { userIds, unknown } = await deps.services.meetings.resolveInvitees(
          workspaceId,
          command.invitees,
        );
        const firstUnknown = unknown[0];
        if (firstUnknown !== undefined) {
          await reply(meetingUnreadableMessage({ part: firstUnknown, problem: 'invitee' }, t));
          return;
        }
        const made = await createMeetingReply(
          deps.services,
          actor,
          { ...command, invitees: userIds, timeZone },
          args.command.channel_id,
        );
        if (!made.made) {
          await reply(made.message);
          return;
        }
        await publishMeeting(deps, actor, made, { fallback: reply });
        return;
      }
    }
  });
}

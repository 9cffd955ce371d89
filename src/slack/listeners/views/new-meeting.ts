/**
 * Submitting the New meeting window: the date and time are read on the member's clock (their
 * Slack time zone), checked (a time already past is refused inline), and the meeting is made and
 * published after the ack (Zoom may take a moment; the modal closes at once).
 */
import { instantOf, usableTimeZone, wallClockOf } from '../../../domain/wall-clock.js';
import { createMeetingReply, publishMeeting } from '../../loaders/meeting-reply.js';
import { logFailure, type SlackAppDeps, userMessageFor } from '../../runtime.js';
import { ACTION, BLOCK, DEFAULT_DURATION, TOPIC_MAX_LENGTH } from '../../views/index.js';
import {
  pickedValue,
  selectedConversation,
  selectedOption,
  selectedUsers,
  textValue,
} from '../form-values.js';
import { inlineErrors, viewHandler } from './frame.js';

/** A time picked a little while ago (the default was "now" when the window opened) still counts. */
const PAST_GRACE_MS = 15 * 60_000;

export function newMeetingSubmission(deps: SlackAppDeps, clock: () => Date = () => new Date()) {
  return viewHandler(deps, 'new_meeting', async ({ actor, values }) => {
    const { t, workspaceId, userId } = actor;
    const topic = textValue(values, BLOCK.meetingTopic, ACTION.meetingTopic);
    if (Array.from(topic).length > TOPIC_MAX_LENGTH) {
      return inlineErrors({
        [BLOCK.meetingTopic]: t('validation.topic_too_long', { max: TOPIC_MAX_LENGTH }),
      });
    }
    const timeZone = usableTimeZone(actor.member?.tz);
    const wall = wallClockOf(
      pickedValue(values, BLOCK.meetingDate, ACTION.meetingDate, 'selected_date'),
      pickedValue(values, BLOCK.meetingTime, ACTION.meetingTime, 'selected_time'),
    );
    if (!wall) return inlineErrors({ [BLOCK.meetingTime]: t('validation.meeting_when') });
    const now = clock();
    let start = instantOf(wall, timeZone);
    if (start.getTime() < now.getTime() - PAST_GRACE_MS) {
      return inlineErrors({ [BLOCK.meetingTime]: t('validation.meeting_past') });
    }
    if (start < now) start = now;
    const picked = Number(selectedOption(values, BLOCK.meetingDuration, ACTION.meetingDuration));
    const durationMinutes =
      Number.isInteger(picked) && picked >= 1 && picked <= 24 * 60 ? picked : DEFAULT_DURATION;
    const invitees = selectedUsers(values, BLOCK.meetingInvitees, ACTION.meetingInvitees);
    const channel = selectedConversation(values, BLOCK.meetingChannel, ACTION.meetingChannel);
    if (!channel) return inlineErrors({ [BLOCK.meetingChannel]: t('validation.channel_required') });
    deps.afterAck.enqueue('view_submission', { view: 'new_meeting', workspaceId }, async () => {
      try {
        const made = await createMeetingReply(
          deps.services,
          actor,
          { topic, start, durationMinutes, invitees, timeZone },
          channel,
        );
        // Guidance (no account…) goes to the person in a DM: the modal is closed.
        if (!made.made) await deps.notifier.dm(workspaceId, userId, () => made.message);
        else await publishMeeting(deps, actor, made);
      } catch (error) {
        logFailure(deps.logger, error, { view: 'new_meeting', workspaceId });
        await deps.notifier.dm(workspaceId, userId, (rt) => userMessageFor(error, rt));
      }
    });
    return undefined;
  });
}

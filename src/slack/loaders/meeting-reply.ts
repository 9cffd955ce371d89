/**
 * Creating a meeting and telling people, shared by `/zoom-meet`, the New meeting modal and Create
 * again: the meeting is made with the member's active account, posted where they asked (as the
 * bot, so the post's `channel` + `ts` are stored and it can be updated when the meeting ends),
 * each invitee DM'd (their time zone and language), and every message recorded on the meeting.
 */

import type { Logger } from '../../logger.js';
import { isServiceError, type MeetingRecord, type Services } from '../../services/index.js';
import type { MessageView } from '../blockkit/types.js';
import type { HomePublisher } from '../home.js';
import { noneReasonOf } from '../mappers.js';
import { toMeetingModel } from '../meeting-mappers.js';
import type { SlackNotifier } from '../notifier.js';
import type { Actor } from '../runtime.js';
import {
  meetingHostCopyDm,
  meetingInviteDm,
  meetingMessage,
  noAccountMessage,
  TOPIC_MAX_LENGTH,
  zoomUserNotFoundMessage,
} from '../views/index.js';

export interface MeetingAsk {
  topic: string;
  /** Null: instant. */
  start: Date | null;
  durationMinutes: number | null;
  invitees: string[];
  /** The member's time zone the time was read in. */
  timeZone: string;
}

export type MeetingReply =
  /** Made: its post, for the caller to put where a post cannot be made as the bot (a command's response_url). */
  | { made: true; record: MeetingRecord; message: MessageView; posted: boolean }
  /** Not made: guidance (no account, no Zoom user for the email). */
  | { made: false; message: MessageView };

/** Creates the meeting; typed refusals become guidance, not errors. */
export async function createMeetingReply(
  services: Services,
  actor: Actor,
  ask: MeetingAsk,
  channelId: string | null,
): Promise<MeetingReply> {
  const { workspaceId, userId, t } = actor;
  try {
    const created = await services.meetings.create(workspaceId, userId, {
      ...(ask.topic ? { topic: ask.topic.slice(0, TOPIC_MAX_LENGTH) } : {}),
      ...(ask.start ? { startTime: ask.start.toISOString(), timezone: ask.timeZone } : {}),
      ...(ask.durationMinutes ? { durationMinutes: ask.durationMinutes } : {}),
      ...(ask.invitees.length > 0 ? { invitees: ask.invitees } : {}),
      ...(channelId ? { channelId } : {}),
    });
    return {
      made: true,
      record: created.record,
      message: meetingMessage(toMeetingModel(created.record), t),
      posted: false,
    };
  } catch (error) {
    if (isServiceError(error, 'no_active_account')) {
      const status = await services.status.getStatus(workspaceId, userId, actor.member);
      return { made: false, message: noAccountMessage({ reason: noneReasonOf(status) }, t) };
    }
    if (isServiceError(error, 'zoom_user_not_found') || isServiceError(error, 'no_email')) {
      return { made: false, message: zoomUserNotFoundMessage({ email: actor.email ?? '' }, t) };
    }
    throw error;
  }
}

/**
 * Posts a made meeting where it was asked, DMs its invitees, and records every message. When the
 * bot cannot post there (not in the channel, someone else's DM) and `fallback` is given, the
 * caller shows it its own way (a command's in_channel reply); otherwise the host gets a DM copy.
 */
export async function publishMeeting(
  deps: { services: Services; notifier: SlackNotifier; home: HomePublisher; logger: Logger },
  actor: Actor,
  made: Extract<MeetingReply, { made: true }>,
  options: { fallback?: (message: MessageView) => Promise<void> } = {},
): Promise<void> {
  const { workspaceId } = actor;
  const { record } = made;
  const model = toMeetingModel(record);
  const remember = (post: Parameters<Services['meetings']['recordPost']>[2]) =>
    deps.services.meetings.recordPost(workspaceId, record.meetingId, post);

  const posted = record.channelId
    ? await deps.notifier.post(workspaceId, record.channelId, made.message)
    : null;
  if (posted) {
    await remember({ kind: 'channel', ...posted });
  } else if (options.fallback) {
    await options.fallback(made.message);
  } else {
    const copy = await deps.notifier.dm(workspaceId, record.slackUserId, (t) => meetingHostCopyDm(model, t));
    if (copy) await remember({ kind: 'host', ...copy, userId: record.slackUserId });
  }
  for (const invitee of record.invitees) {
    const dm = await deps.notifier.dm(workspaceId, invitee, (t) => meetingInviteDm(model, t));
    if (dm) await remember({ kind: 'invitee', ...dm, userId: invitee });
  }
  // The host's Home lists their upcoming meetings: it shows this one now, not at the next visit.
  await deps.home.publish(workspaceId, record.slackUserId).catch((error: unknown) => {
    deps.logger.warn({ err: error, workspaceId }, 'could not refresh the Home tab after a meeting');
  });
}

/**
 * A meeting's messages: the post where its host asked, the invitations (each reader sees the
 * time on their own clock through Slack's date token), the same messages once the meeting ended
 * (and why), the host's Create again, and the ephemeral explanations when none could be made.
 */

import type { UnreadableProblem } from '../../domain/meeting-command.js';
import type { MeetingEndReason } from '../../domain/meeting-end.js';
import type { MessageKey, Translator } from '../../i18n/index.js';
import type { KnownBlock, MessageView } from '../blockkit/types.js';
import { actions, button, context, escapeMrkdwn, mention, section, slackDate, truncate } from './blocks.js';
import { ACTION, BLOCK } from './ids.js';
import type { MeetingModel, NoAccountModel, ZoomUserNotFoundModel } from './models.js';
import { noneExplanation } from './status.js';

/** Zoom accepts topics up to 200 characters. */
export const TOPIC_MAX_LENGTH = 200;

/** `45 min`, `1 h`, `1 h 30 min` (fr: `1 h 30`). */
export function meetingLength(minutes: number, t: Translator): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('meet.length.minutes', { minutes: rest });
  return rest === 0
    ? t('meet.length.hours', { hours })
    : t('meet.length.hours_minutes', { hours, minutes: String(rest).padStart(2, '0') });
}

export function topicOf(topic: string, t: Translator): string {
  const raw = topic.trim() === '' ? t('meeting.default_topic') : topic;
  return escapeMrkdwn(truncate(raw, TOPIC_MAX_LENGTH));
}

/** Who made it, which account hosts it, when, how long, who is invited. */
function meetingFacts(model: MeetingModel, t: Translator): string[] {
  const via = model.source === 'personal' ? 'meeting.via_personal' : 'meeting.via_org';
  const facts = [t(via, { user: mention(model.createdBy), email: escapeMrkdwn(model.hostEmail) })];
  if (model.instant) facts.push(t('meet.starts_now'));
  else if (model.startTime) facts.push(t('meeting.starts', { date: slackDate(model.startTime, t) }));
  if (model.durationMinutes && !model.instant)
    facts.push(t('meet.length_line', { length: meetingLength(model.durationMinutes, t) }));
  if (model.invitees && model.invitees.length > 0)
    facts.push(t('meet.invited', { users: model.invitees.slice(0, 20).map(mention).join(', ') }));
  facts.push(t('meeting.id', { id: escapeMrkdwn(model.meetingId) }));
  return facts;
}

function joinSection(title: string, joinUrl: string, t: Translator): KnownBlock {
  return {
    ...section(
      title,
      button({ text: t('meeting.join'), actionId: ACTION.joinMeeting, url: joinUrl, style: 'primary' }),
    ),
    block_id: BLOCK.meetingJoin,
  };
}

/** The post where the host asked (in_channel for a command's reply). */
export function meetingMessage(model: MeetingModel, t: Translator): MessageView {
  const topic = topicOf(model.topic, t);
  const blocks: KnownBlock[] = [
    joinSection(`:video_camera: *${topic}*`, model.joinUrl, t),
    context(meetingFacts(model, t).join(' · ')),
  ];
  if (model.autoStartSummary) blocks.push(context(t('meeting.summary_on')));
  return {
    response_type: 'in_channel',
    text: t('meeting.text', { user: mention(model.createdBy), topic }),
    blocks,
  };
}

/** An invitee's DM: who invites, the time on the reader's clock, the join link. */
export function meetingInviteDm(model: MeetingModel, t: Translator): MessageView {
  const topic = topicOf(model.topic, t);
  return {
    text: t('meet.invite.text', { user: mention(model.createdBy), topic }),
    blocks: [
      joinSection(
        `:video_camera: ${t('meet.invite.body', { user: mention(model.createdBy), topic })}`,
        model.joinUrl,
        t,
      ),
      context(meetingFacts(model, t).join(' · ')),
    ],
  };
}

/** The host's own copy, when it could not be posted where they asked. */
export function meetingHostCopyDm(model: MeetingModel, t: Translator): MessageView {
  const topic = topicOf(model.topic, t);
  return {
    text: t('meet.host_copy.text', { topic }),
    blocks: [
      joinSection(`:video_camera: ${t('meet.host_copy.body', { topic })}`, model.joinUrl, t),
      context(meetingFacts(model, t).join(' · ')),
    ],
  };
}

export interface EndedMeetingModel {
  topic: string;
  reason: MeetingEndReason;
  /** A Slack user id, or a Zoom operator's email, or null. */
  endedBy: string | null;
  hostEmail: string;
  startTime: Date | null;
  instant: boolean;
  source: 'personal' | 'org';
  createdBy: string;
  meetingId: string;
}

const END_REASON: Record<Exclude<MeetingEndReason, 'cancelled' | 'deleted_in_zoom'>, MessageKey> = {
  host_deleted: 'meet.end.host_deleted',
  host_deactivated: 'meet.end.host_deactivated',
};

/** One sentence for why a meeting can no longer be joined. */
export function endReasonText(
  reason: MeetingEndReason,
  endedBy: string | null,
  hostEmail: string,
  t: Translator,
): string {
  const slackUser = endedBy !== null && /^[UW][A-Z0-9_]{1,20}$/.test(endedBy);
  switch (reason) {
    case 'cancelled':
      return slackUser && endedBy
        ? t('meet.end.cancelled', { user: mention(endedBy) })
        : t('meet.end.cancelled_unknown');
    case 'deleted_in_zoom':
      return endedBy
        ? t('meet.end.deleted_in_zoom_by', { who: slackUser ? mention(endedBy) : escapeMrkdwn(endedBy) })
        : t('meet.end.deleted_in_zoom');
    default:
      return t(END_REASON[reason], { email: escapeMrkdwn(hostEmail) });
  }
}

function endedBlocks(model: EndedMeetingModel, t: Translator): KnownBlock[] {
  const topic = topicOf(model.topic, t);
  const lines = [
    `:no_entry_sign: ${t('meet.ended.title', { topic })}`,
    endReasonText(model.reason, model.endedBy, model.hostEmail, t),
  ];
  if (model.startTime && !model.instant) lines.push(t('meet.was', { date: slackDate(model.startTime, t) }));
  const via = model.source === 'personal' ? 'meeting.via_personal' : 'meeting.via_org';
  return [
    { ...section(lines.join('\n')), block_id: BLOCK.meetingJoin },
    context(
      [
        t(via, { user: mention(model.createdBy), email: escapeMrkdwn(model.hostEmail) }),
        t('meeting.id', { id: escapeMrkdwn(model.meetingId) }),
      ].join(' · '),
    ),
  ];
}

/** The post and invitations once the meeting ended: why, and no Join button any more. */
export function meetingEndedMessage(model: EndedMeetingModel, t: Translator): MessageView {
  return { text: t('meet.ended.text', { topic: topicOf(model.topic, t) }), blocks: endedBlocks(model, t) };
}

/** To the host: it ended, its messages say so, and Create again (through the account that serves them now). */
export function meetingEndedHostDm(model: EndedMeetingModel, t: Translator): MessageView {
  return {
    text: t('meet.host_ended.text', { topic: topicOf(model.topic, t) }),
    blocks: [
      ...endedBlocks(model, t),
      section(`${t('meet.host_ended.posts')}\n${t('meet.host_ended.again')}`),
      actions(
        [
          button({
            text: t('button.create_again'),
            actionId: ACTION.createAgain,
            value: model.meetingId,
            style: 'primary',
          }),
        ],
        BLOCK.meetingAgain,
      ),
    ],
  };
}

const UNREADABLE: Record<UnreadableProblem | 'invitee', MessageKey> = {
  time: 'meet.unreadable.time',
  no_time: 'meet.unreadable.no_time',
  past: 'meet.unreadable.past',
  duration: 'meet.unreadable.duration',
  invitee: 'meet.unreadable.invitee',
};

/** `/zoom-meet` text with a part that could not be read: that part named, and how to write it. */
export function meetingUnreadableMessage(
  model: { part: string; problem: UnreadableProblem | 'invitee' },
  t: Translator,
): MessageView {
  const part = escapeMrkdwn(truncate(model.part, 80));
  return {
    response_type: 'ephemeral',
    text: t('meet.unreadable.text'),
    blocks: [section(`:warning: *${t(UNREADABLE[model.problem], { part })}*\n${t('meet.unreadable.hint')}`)],
  };
}

/** No active account: why, and how to fix it (ephemeral). */
export function noAccountMessage(model: NoAccountModel, t: Translator): MessageView {
  const blocks: KnownBlock[] = [section(`*${t('no_account.title')}*\n${noneExplanation(model.reason, t)}`)];
  // Whatever the reason, a personal connection is the one fix the member can do alone.
  blocks.push(
    actions([
      button({
        text:
          model.reason === 'personal_needs_reconnect'
            ? t('button.reconnect_personal')
            : t('button.connect_personal'),
        actionId: ACTION.connectPersonal,
        style: 'primary',
      }),
    ]),
  );
  return { response_type: 'ephemeral', text: t('no_account.text'), blocks };
}

/** The organization's Zoom account has no user with the member's Slack email (DESIGN §3.4). */
export function zoomUserNotFoundMessage(model: ZoomUserNotFoundModel, t: Translator): MessageView {
  return {
    response_type: 'ephemeral',
    text: t('zoom_user_not_found.text'),
    blocks: [
      section(
        `*${t('zoom_user_not_found.body', { email: escapeMrkdwn(model.email) })}*\n${t('zoom_user_not_found.fix')}`,
      ),
      actions([
        button({ text: t('button.connect_personal'), actionId: ACTION.connectPersonal, style: 'primary' }),
      ]),
    ],
  };
}

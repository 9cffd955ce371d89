/**
 * The New meeting window (`/zoom-meet` alone, Home's New meeting, the global shortcut, Create
 * again): topic, date and start time on the member's clock (defaulting to now), duration,
 * invitees, where to post; and, said plainly, which account hosts it and that waiting room and
 * passcode are Zoom's defaults for that account.
 */
import type { Translator } from '../../i18n/index.js';
import type { KnownBlock, ModalView, PlainTextOption } from '../blockkit/types.js';
import { context, escapeMrkdwn, LIMITS, option, plain } from './blocks.js';
import { ACTION, BLOCK, CALLBACK } from './ids.js';
import { meetingLength, TOPIC_MAX_LENGTH } from './meeting.js';
import type { NewMeetingModalModel } from './models.js';

/** The durations offered (minutes); Zoom's own scheduler offers the same steps. */
export const MEETING_DURATIONS = [15, 30, 45, 60, 90, 120, 180] as const;
export const DEFAULT_DURATION = 30;
/** Slack's multi_users_select takes at most this many. */
export const MAX_INVITEES = 30;

function durationOptions(current: number, t: Translator): PlainTextOption[] {
  const values: number[] = [...MEETING_DURATIONS];
  if (!values.includes(current)) values.push(current);
  return values.sort((a, b) => a - b).map((minutes) => option(meetingLength(minutes, t), String(minutes)));
}

function hostLine(model: NewMeetingModalModel, t: Translator): string {
  const host = model.host;
  const email = escapeMrkdwn(host?.zoomEmail ?? t('common.unknown'));
  if (!host) return t('meeting_modal.host_unknown');
  return host.source === 'org'
    ? `${t('meeting_modal.host_org', { email })} ${t('meeting_modal.defaults_org')}`
    : `${t('meeting_modal.host_personal', { email })} ${t('meeting_modal.defaults_personal')}`;
}

/** Topic, date and start time (on the member's clock), duration. */
function whatAndWhenBlocks(model: NewMeetingModalModel, t: Translator): KnownBlock[] {
  const duration = model.durationMinutes ?? DEFAULT_DURATION;
  const options = durationOptions(duration, t);
  return [
    {
      type: 'input',
      block_id: BLOCK.meetingTopic,
      optional: true,
      label: plain(t('meeting_modal.topic_label'), LIMITS.inputLabel),
      element: {
        type: 'plain_text_input',
        action_id: ACTION.meetingTopic,
        max_length: TOPIC_MAX_LENGTH,
        placeholder: plain(t('meeting_modal.topic_placeholder'), LIMITS.placeholder),
        ...(model.topic
          ? { initial_value: Array.from(model.topic).slice(0, TOPIC_MAX_LENGTH).join('') }
          : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.meetingDate,
      label: plain(t('meeting_modal.date_label'), LIMITS.inputLabel),
      element: {
        type: 'datepicker',
        action_id: ACTION.meetingDate,
        ...(model.date ? { initial_date: model.date } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.meetingTime,
      label: plain(t('meeting_modal.time_label', { zone: model.timeZone ?? 'UTC' }), LIMITS.inputLabel),
      element: {
        type: 'timepicker',
        action_id: ACTION.meetingTime,
        ...(model.time ? { initial_time: model.time } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.meetingDuration,
      label: plain(t('meeting_modal.duration_label'), LIMITS.inputLabel),
      element: {
        type: 'static_select',
        action_id: ACTION.meetingDuration,
        options,
        initial_option: options.find((o) => o.value === String(duration)) ?? options[0],
      },
    },
  ];
}

/** Who is invited, where it is posted. */
function whoAndWhereBlocks(model: NewMeetingModalModel, t: Translator): KnownBlock[] {
  const invitees = (model.invitees ?? []).slice(0, MAX_INVITEES);
  return [
    {
      type: 'input',
      block_id: BLOCK.meetingInvitees,
      optional: true,
      label: plain(t('meeting_modal.invitees_label'), LIMITS.inputLabel),
      hint: plain(t('meeting_modal.invitees_hint'), LIMITS.inputLabel),
      element: {
        type: 'multi_users_select',
        action_id: ACTION.meetingInvitees,
        max_selected_items: MAX_INVITEES,
        ...(invitees.length > 0 ? { initial_users: invitees } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.meetingChannel,
      label: plain(t('meeting_modal.channel_label'), LIMITS.inputLabel),
      element: {
        type: 'conversations_select',
        action_id: ACTION.meetingChannel,
        ...(model.channelId
          ? { initial_conversation: model.channelId }
          : { default_to_current_conversation: true }),
        filter: { include: ['public', 'private', 'im', 'mpim'], exclude_bot_users: true },
      },
    },
  ];
}

export function newMeetingModal(model: NewMeetingModalModel, t: Translator): ModalView {
  const blocks: KnownBlock[] = [
    ...whatAndWhenBlocks(model, t),
    ...whoAndWhereBlocks(model, t),
    context(hostLine(model, t)),
  ];
  const view: ModalView = {
    type: 'modal',
    callback_id: CALLBACK.newMeeting,
    title: plain(t('meeting_modal.title'), LIMITS.modalTitle),
    submit: plain(t('meeting_modal.submit'), LIMITS.modalTitle),
    close: plain(t('common.close'), LIMITS.modalTitle),
    blocks,
  };
  if (model.privateMetadata !== undefined) view.private_metadata = model.privateMetadata;
  return view;
}

/** /zoom-meet: the in-channel meeting post, and the ephemeral explanations when it cannot be created. */

import type { Translator } from '../../i18n/index.js';
import type { KnownBlock, MessageView, ModalView } from '../blockkit/types.js';
import {
  actions,
  button,
  context,
  escapeMrkdwn,
  LIMITS,
  mention,
  plain,
  section,
  slackDate,
  truncate,
} from './blocks.js';
import { ACTION, BLOCK, CALLBACK } from './ids.js';
import type { MeetingModel, NewMeetingModalModel, NoAccountModel, ZoomUserNotFoundModel } from './models.js';
import { noneExplanation } from './status.js';

/** Zoom accepts topics up to 200 characters. */
export const TOPIC_MAX_LENGTH = 200;

export function meetingMessage(model: MeetingModel, t: Translator): MessageView {
  const rawTopic = model.topic.trim() === '' ? t('meeting.default_topic') : model.topic;
  const topic = escapeMrkdwn(truncate(rawTopic, TOPIC_MAX_LENGTH));
  const via = model.source === 'personal' ? 'meeting.via_personal' : 'meeting.via_org';
  const facts = [t(via, { user: mention(model.createdBy), email: escapeMrkdwn(model.hostEmail) })];
  if (model.startTime) facts.push(t('meeting.starts', { date: slackDate(model.startTime, t) }));
  facts.push(t('meeting.id', { id: escapeMrkdwn(model.meetingId) }));
  const blocks: KnownBlock[] = [
    {
      ...section(
        `:video_camera: *${topic}*`,
        button({
          text: t('meeting.join'),
          actionId: ACTION.joinMeeting,
          url: model.joinUrl,
          style: 'primary',
        }),
      ),
      block_id: BLOCK.meetingJoin,
    },
    context(facts.join(' · ')),
  ];
  if (model.autoStartSummary) blocks.push(context(t('meeting.summary_on')));
  return {
    response_type: 'in_channel',
    text: t('meeting.text', { user: mention(model.createdBy), topic }),
    blocks,
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

/** "New meeting" from the Home tab: a topic and where to post the link. */
export function newMeetingModal(model: NewMeetingModalModel, t: Translator): ModalView {
  const view: ModalView = {
    type: 'modal',
    callback_id: CALLBACK.newMeeting,
    title: plain(t('meeting_modal.title'), LIMITS.modalTitle),
    submit: plain(t('meeting_modal.submit'), LIMITS.modalTitle),
    close: plain(t('common.close'), LIMITS.modalTitle),
    blocks: [
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
          ...(model.topic ? { initial_value: truncate(model.topic, TOPIC_MAX_LENGTH) } : {}),
        },
      },
      {
        type: 'input',
        block_id: BLOCK.meetingChannel,
        label: plain(t('meeting_modal.channel_label'), LIMITS.inputLabel),
        element: {
          type: 'conversations_select',
          action_id: ACTION.meetingChannel,
          default_to_current_conversation: true,
          filter: { include: ['public', 'private', 'im', 'mpim'], exclude_bot_users: true },
        },
      },
    ],
  };
  if (model.privateMetadata !== undefined) view.private_metadata = model.privateMetadata;
  return view;
}

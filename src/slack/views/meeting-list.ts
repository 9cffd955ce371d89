/**
 * The member's upcoming meetings made through the app (`/zoom-meet list`, a Home section): time on
 * the reader's clock, the account that hosts it, the join link, and Cancel behind a confirmation.
 */
import type { Translator } from '../../i18n/index.js';
import type { KnownBlock, MessageView, SectionBlock } from '../blockkit/types.js';
import {
  button,
  confirmDialog,
  context,
  escapeMrkdwn,
  LIMITS,
  section,
  slackDate,
  truncate,
} from './blocks.js';
import { ACTION, MEETING_BLOCK_PREFIX } from './ids.js';
import { meetingLength, topicOf } from './meeting.js';

export interface UpcomingMeetingRow {
  meetingId: string;
  topic: string;
  startTime: Date;
  instant: boolean;
  durationMinutes: number;
  source: 'personal' | 'org';
  hostEmail: string;
  joinUrl: string;
  invitees: number;
}

export interface MeetingListModel {
  meetings: UpcomingMeetingRow[];
  /** All upcoming ones, shown or not. */
  total: number;
}

/** Slack's `<url|label>` needs a URL without `|` or `>`; anything else is not linked. */
function link(url: string, label: string): string {
  return /^https?:\/\/[^\s|<>]+$/.test(url) && url.length <= LIMITS.url ? `<${url}|${label}>` : label;
}

function meetingRow(row: UpcomingMeetingRow, t: Translator): SectionBlock {
  const when = row.instant ? t('meet.starts_now') : slackDate(row.startTime, t);
  const account =
    row.source === 'personal'
      ? t('meet.list.account_personal', { email: escapeMrkdwn(row.hostEmail) })
      : t('meet.list.account_org', { email: escapeMrkdwn(row.hostEmail) });
  const lines = [
    `*${topicOf(row.topic, t)}* — ${when} · ${meetingLength(row.durationMinutes || 60, t)}`,
    `${account} · ${link(row.joinUrl, t('meet.join_link'))}`,
  ];
  const topic = truncate(row.topic.trim() === '' ? t('meeting.default_topic') : row.topic, 120);
  return {
    ...section(
      lines.join('\n'),
      button({
        text: t('button.cancel_meeting'),
        actionId: ACTION.cancelMeeting,
        value: row.meetingId,
        style: 'danger',
        confirm: confirmDialog(
          t('meet.cancel_confirm.title'),
          t('meet.cancel_confirm.text', { topic }),
          t('meet.cancel_confirm.yes'),
          t('meet.cancel_confirm.no'),
        ),
      }),
    ),
    block_id: `${MEETING_BLOCK_PREFIX}${row.meetingId}`,
  };
}

/** The rows (at most `max`), then "and N more". */
export function upcomingMeetingsBlocks(model: MeetingListModel, t: Translator, max: number): KnownBlock[] {
  if (model.meetings.length === 0) return [context(t('meet.list.empty'))];
  const shown = model.meetings.slice(0, max);
  const blocks: KnownBlock[] = shown.map((row) => meetingRow(row, t));
  const hidden = model.total - shown.length;
  if (hidden > 0) blocks.push(context(`_${t('common.and_more', { count: hidden })}_`));
  return blocks;
}

/**
 * Rows in `/zoom-meet list`: each holds about 350 characters (its confirmation dialog included)
 * and Slack refuses a message over ~13,000 (`msg_blocks_too_long`); the rest is "and N more".
 */
export const LIST_MAX_ROWS = 20;

/** `/zoom-meet list` (ephemeral). */
export function meetingListMessage(model: MeetingListModel, t: Translator): MessageView {
  return {
    response_type: 'ephemeral',
    text: t('meet.list.text'),
    blocks: [section(`*${t('meet.list.title')}*`), ...upcomingMeetingsBlocks(model, t, LIST_MAX_ROWS)],
  };
}

/** A cancel's outcome, said where the person clicked. */
export function cancelOutcomeMessage(
  outcome: 'cancelled' | 'not_found' | 'already_ended' | 'no_account' | 'zoom_failed',
  topic: string | null,
  t: Translator,
): MessageView {
  const safe = topic === null ? '' : topicOf(topic, t);
  const text = {
    cancelled: () => t('meet.cancelled', { topic: safe }),
    not_found: () => t('meet.cancel_not_found'),
    already_ended: () => t('meet.cancel_already', { topic: safe }),
    no_account: () => t('meet.cancel_no_account', { topic: safe }),
    zoom_failed: () => t('meet.cancel_failed', { topic: safe }),
  }[outcome]();
  const icon = outcome === 'cancelled' ? ':white_check_mark:' : ':warning:';
  return { response_type: 'ephemeral', text, blocks: [section(`${icon} ${text}`)] };
}

/** A one-line ephemeral notice about a meeting button that can no longer do its job. */
export function meetingNotice(text: string): MessageView {
  return { response_type: 'ephemeral', text, blocks: [section(`:warning: ${text}`)] };
}

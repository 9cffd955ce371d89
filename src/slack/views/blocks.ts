/**
 * Small Block Kit builders that enforce Slack's limits by construction (truncation), plus mrkdwn
 * escaping. Every view goes through these, so no view can emit an over-long text.
 */

import type { Translator } from '../../i18n/index.js';
import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  Confirm,
  ContextBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '../blockkit/types.js';

export const LIMITS = {
  sectionText: 3000,
  header: 150,
  buttonText: 75,
  optionText: 75,
  optionDescription: 75,
  modalTitle: 24,
  contextText: 2000,
  inputLabel: 2000,
  placeholder: 150,
  value: 2000,
  url: 3000,
  /**
   * All the text of one message's blocks: Slack refuses more with `msg_blocks_too_long` (about
   * 13,000 characters, not documented); lists in messages keep to this budget, leaving room for
   * their header and buttons.
   */
  messageListText: 9000,
} as const;

/** Escape the three characters Slack's mrkdwn treats as control (so `<!channel>` or `<http://x|y>` stay literal). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cut to `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Truncate mrkdwn without leaving a dangling `&amp;`-style entity or `<…>` token cut in half. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const lastOpen = cut.lastIndexOf('<');
  if (lastOpen > cut.lastIndexOf('>')) cut = cut.slice(0, lastOpen);
  const lastAmp = cut.lastIndexOf('&');
  if (lastAmp > cut.lastIndexOf(';')) cut = cut.slice(0, lastAmp);
  return `${cut}…`;
}

const SLACK_ID = /^[UWB][A-Z0-9_]{1,20}$/;

/** A user mention; anything that is not a Slack id is shown escaped instead of being trusted. */
export function mention(userId: string): string {
  return SLACK_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A date Slack renders in the reader's own timezone, with a UTC fallback. */
export function slackDate(date: Date, t: Translator): string {
  const seconds = Math.floor(date.getTime() / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(t('common.unknown'));
  return `<!date^${seconds}^${t('common.slack_date_format')}|${escapeMrkdwn(t.formatDate(date))}>`;
}

export function plain(text: string, max?: number): PlainTextElement {
  const safe = text.trim() === '' ? ' ' : text;
  return { type: 'plain_text', text: max ? truncate(safe, max) : safe, emoji: true };
}

export function md(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text === '' ? ' ' : text, max) };
}

export function section(text: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = { type: 'section', text: md(text) };
  if (accessory) block.accessory = accessory;
  return block;
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, LIMITS.header) };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, 10).map((text) => md(text, LIMITS.contextText)) };
}

export function actions(elements: ActionsBlockElement[], blockId?: string): ActionsBlock {
  const block: ActionsBlock = { type: 'actions', elements: elements.slice(0, 25) };
  if (blockId) block.block_id = blockId;
  return block;
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: Confirm;
}

export function button(spec: ButtonSpec): Button {
  const b: Button = { type: 'button', text: plain(spec.text, LIMITS.buttonText), action_id: spec.actionId };
  if (spec.value !== undefined) b.value = truncate(spec.value, LIMITS.value);
  if (spec.url !== undefined) b.url = spec.url;
  if (spec.style) b.style = spec.style;
  if (spec.confirm) b.confirm = spec.confirm;
  return b;
}

export function option(text: string, value: string, description?: string): PlainTextOption {
  const o: PlainTextOption = { text: plain(text, LIMITS.optionText), value };
  if (description) o.description = plain(description, LIMITS.optionDescription);
  return o;
}

export function confirmDialog(title: string, text: string, yes: string, no: string): Confirm {
  return {
    title: plain(title, 100),
    text: plain(text, 300),
    confirm: plain(yes, 30),
    deny: plain(no, 30),
    style: 'danger',
  };
}

/**
 * Pack lines into as few section blocks as possible (each ≤ 3000 chars), using at most
 * `maxBlocks` blocks; lines that do not fit are summarised by the "and N more" line.
 * `extraHidden` counts items the caller already left out (e.g. beyond the page it received).
 */
export function packLines(
  lines: string[],
  maxBlocks: number,
  t: Translator,
  extraHidden = 0,
  /** All the packed text (messages: LIMITS.messageListText); unlimited for Home and modals. */
  maxChars = Number.POSITIVE_INFINITY,
): SectionBlock[] {
  const limit = LIMITS.sectionText;
  const reserve = 80; // room for the "and N more" line in the last block
  const blocks: string[] = [];
  let current = '';
  let shown = 0;
  let packed = 0;
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, limit - reserve);
    if (packed + current.length + line.length + reserve > maxChars) break;
    const candidate = current === '' ? line : `${current}\n${line}`;
    const lastBlock = blocks.length === maxBlocks - 1;
    // Every block keeps room for the "and N more" line: the list may stop in any of them (the
    // message's character budget), not only in the last.
    if (candidate.length <= limit - reserve) {
      current = candidate;
      shown += 1;
      continue;
    }
    if (lastBlock || maxBlocks <= 0) break;
    blocks.push(current);
    packed += current.length;
    current = line;
    shown += 1;
  }
  const hidden = lines.length - shown + extraHidden;
  if (hidden > 0) {
    const more = `_${t('common.and_more', { count: hidden })}_`;
    current = current === '' ? more : `${current}\n${more}`;
  }
  if (current !== '') blocks.push(current);
  return blocks.slice(0, Math.max(1, maxBlocks)).map((text) => section(text));
}

/**
 * `/zoom-meet` text → what the member asked for (DESIGN §2.1): nothing (the New meeting modal),
 * `list`, or a meeting `<topic> [when] [duration] [@invitees]`, in English or French:
 * `Weekly sync tomorrow 10:00 45m @bob`, `Point demain 10h 45 min`, `Revue lundi 14:30 1h`.
 *
 * Dates and times are read by chrono-node (its en and fr parsers) on the member's wall clock;
 * lengths and mentions by the small readers here. The "when" must come after the topic, so a
 * topic that merely contains a date-like word stays a topic; a quoted topic ("…") is never read
 * for a date. What looks like a time but cannot be read is refused with that part named.
 */
import * as chrono from 'chrono-node';
import { MAX_DURATION_MINUTES, trailingDurations } from './meeting-duration.js';
import { instantOf, type WallClock, wallClockAt } from './wall-clock.js';

export type Invitee = { kind: 'id'; userId: string } | { kind: 'handle'; handle: string };

export type UnreadableProblem =
  /** Looks like a date or time, but is not one (`25:00`, `31/02`). */
  | 'time'
  /** A day without a time of day (`tomorrow`). */
  | 'no_time'
  /** A time already gone. */
  | 'past'
  /** A length of 0 or over 24 h. */
  | 'duration';

export type MeetCommand =
  | { kind: 'modal' }
  | { kind: 'list' }
  | {
      kind: 'meeting';
      topic: string;
      /** null: an instant meeting (starts now). */
      start: Date | null;
      durationMinutes: number | null;
      invitees: Invitee[];
    }
  | { kind: 'unreadable'; part: string; problem: UnreadableProblem };

export interface MeetCommandContext {
  now: Date;
  /** The member's Slack time zone (IANA); times typed are on this clock. */
  timeZone: string;
  /** The member's language first; the other one is tried too. */
  language: 'en' | 'fr';
}

const LIST_WORDS = /^(?:list|liste|ls)$/i;
const ID_MENTION = /^<@([UW][A-Z0-9_]{1,20})(?:\|[^>]*)?>$/;
const HANDLE_MENTION = /^@([a-z0-9][a-z0-9._-]{0,79})$/i;
const QUOTED = /^\s*(?:"([^"]*)"|“([^”]*)”|«\s?([^»]*?)\s?»)\s*(.*)$/s;
/** A clock time or a numeric date, as typed: what chrono not reading it means a mistake, not a topic. */
const TIME_LIKE =
  /(?:^|\s)(\d{1,2}\s?[:h]\s?\d{2}|\d{1,2}\s?(?:am|pm)|\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?)\s*$/i;

const PARSERS = { en: chrono.en.casual, fr: chrono.fr.casual } as const;

/** A mention as Slack sends it (`<@U123|bob>` with escaping on) or as typed (`@bob`). */
function mentionOf(token: string): Invitee | null {
  const id = ID_MENTION.exec(token);
  if (id?.[1]) return { kind: 'id', userId: id[1] };
  const handle = HANDLE_MENTION.exec(token);
  return handle?.[1] ? { kind: 'handle', handle: handle[1].toLowerCase() } : null;
}

function sameInvitee(a: Invitee, b: Invitee): boolean {
  return a.kind === 'id' && b.kind === 'id'
    ? a.userId === b.userId
    : a.kind === 'handle' && b.kind === 'handle' && a.handle === b.handle;
}

/**
 * Slack's escaping undone for a Zoom topic: `<@U1|bob>` → `@bob`, `<#C1|general>` → `#general`,
 * `<https://x|label>` → `label`, `<!here>` → `@here`, then the three entities.
 */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<([@#!])([^>|]+)(?:\|([^>]*))?>/g, (_whole, sigil: string, id: string, label?: string) => {
      const shown = label ?? id;
      return sigil === '!' ? `@${shown.replace(/^subteam\^/, '')}` : `${sigil}${shown}`;
    })
    .replace(/<([^>|]+)(?:\|([^>]*))?>/g, (_whole, url: string, label?: string) => label ?? url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Mentions anywhere are invitees; the ones ending the text are not part of the topic. */
function takeMentions(text: string): { rest: string; invitees: Invitee[] } {
  const invitees: Invitee[] = [];
  const add = (invitee: Invitee) => {
    if (!invitees.some((known) => sameInvitee(known, invitee))) invitees.push(invitee);
  };
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  let end = tokens.length;
  while (end > 0) {
    const mention = mentionOf(tokens[end - 1] ?? '');
    if (!mention) break;
    end -= 1;
  }
  for (const token of tokens) {
    const mention = mentionOf(token);
    if (mention) add(mention);
  }
  return { rest: tokens.slice(0, end).join(' '), invitees };
}

interface WhenMatch {
  index: number;
  text: string;
  result: chrono.ParsedResult;
}

/** The date/time that ends `text`, in either language (the member's first on a tie); and any other. */
function readWhen(
  text: string,
  reference: Date,
  language: 'en' | 'fr',
): { ending: WhenMatch | null; first: WhenMatch | null } {
  const order = language === 'fr' ? (['fr', 'en'] as const) : (['en', 'fr'] as const);
  let ending: WhenMatch | null = null;
  let first: WhenMatch | null = null;
  const end = text.trimEnd().length;
  for (const lang of order) {
    for (const result of PARSERS[lang].parse(text, reference, { forwardDate: true })) {
      const match = { index: result.index, text: result.text, result };
      if (!first || match.index < first.index) first = match;
      const reachesEnd = result.index + result.text.length >= end;
      if (reachesEnd && (!ending || match.index < ending.index)) ending = match;
    }
  }
  return { ending, first };
}

/**
 * chrono computes on the process's local clock: it is handed the member's wall clock as local
 * fields, and its components are read back as that wall clock.
 */
function asLocalFields(wall: WallClock): Date {
  return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

function startOf(result: chrono.ParsedResult, timeZone: string): Date {
  const c = result.start;
  const wall: WallClock = {
    year: c.get('year') ?? 1970,
    month: c.get('month') ?? 1,
    day: c.get('day') ?? 1,
    hour: c.get('hour') ?? 0,
    minute: c.get('minute') ?? 0,
  };
  const offset = c.isCertain('timezoneOffset') ? c.get('timezoneOffset') : null;
  if (offset === null || offset === undefined) return instantOf(wall, timeZone);
  // An explicit zone in the text ("10:00 UTC") wins over the member's.
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - offset * 60_000);
}

/** A minute's grace: "now" typed a moment ago is not in the past. */
const PAST_GRACE_MS = 60_000;

export function parseMeetCommand(raw: string, context: MeetCommandContext): MeetCommand {
  const text = raw.trim();
  if (text === '') return { kind: 'modal' };
  if (LIST_WORDS.test(text)) return { kind: 'list' };

  const quoted = QUOTED.exec(text);
  const quotedTopic = quoted ? (quoted[1] ?? quoted[2] ?? quoted[3] ?? '') : null;
  const afterTopic = quoted ? (quoted[4] ?? '') : text;
  const { rest, invitees } = takeMentions(afterTopic);

  let body = rest;
  let durationMinutes: number | null = null;
  let durationText: string | null = null;
  const reference = asLocalFields(wallClockAt(context.now, context.timeZone));
  let when = readWhen(body, reference, context.language);
  for (const candidate of trailingDurations(body)) {
    const before = readWhen(body.slice(0, candidate.index), reference, context.language);
    // "demain 10h", "demain 10h 45 min": hours right after a day are its time, not a length.
    const isTime =
      candidate.hasHours && before.ending !== null && !before.ending.result.start.isCertain('hour');
    if (isTime) continue;
    durationMinutes = candidate.minutes;
    durationText = candidate.text;
    body = body.slice(0, candidate.index).trimEnd();
    when = before;
    break;
  }
  if (
    durationText !== null &&
    (durationMinutes === null || durationMinutes < 1 || durationMinutes > MAX_DURATION_MINUTES)
  ) {
    return { kind: 'unreadable', part: durationText, problem: 'duration' };
  }

  let start: Date | null = null;
  let topicText = body;
  const ending = quotedTopic === null ? when.ending : (when.first ?? when.ending);
  if (ending) {
    const trailing = body.slice(ending.index + ending.text.length).trim();
    if (trailing !== '') return { kind: 'unreadable', part: trailing, problem: 'time' };
    if (quotedTopic !== null && body.slice(0, ending.index).trim() !== '') {
      return { kind: 'unreadable', part: body.slice(0, ending.index).trim(), problem: 'time' };
    }
    if (!ending.result.start.isCertain('hour')) {
      return { kind: 'unreadable', part: ending.text, problem: 'no_time' };
    }
    start = startOf(ending.result, context.timeZone);
    if (start.getTime() < context.now.getTime() - PAST_GRACE_MS) {
      return { kind: 'unreadable', part: ending.text, problem: 'past' };
    }
    topicText = body.slice(0, ending.index);
  } else {
    const unread = quotedTopic === null ? TIME_LIKE.exec(body) : body.trim() === '' ? null : [body, body];
    if (unread?.[1]) return { kind: 'unreadable', part: unread[1].trim(), problem: 'time' };
  }

  const topic = unescapeSlackText(quotedTopic ?? topicText)
    .trim()
    .replace(/\s+/g, ' ');
  return { kind: 'meeting', topic, start, durationMinutes, invitees };
}

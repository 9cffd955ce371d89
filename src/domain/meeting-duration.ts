/**
 * A meeting length as people type it after the time, in English or French: `45m`, `45 min`,
 * `90 minutes`, `1h`, `1h30`, `1 h 30 min`, `2 hours`, `1 heure`. chrono-node reads dates and
 * times, not lengths (it takes `45m` for a clock time), so this small reader comes first.
 */

/** Zoom schedules at most 24 h. */
export const MAX_DURATION_MINUTES = 24 * 60;

const HOURS = String.raw`(\d{1,2})\s?(?:h|hr|hrs|hours?|heures?)`;
const MINUTES_UNIT = '(?:m|min|mins|minutes?|mn)';
const WITH_HOURS = new RegExp(String.raw`^${HOURS}(?:\s?(\d{1,2})\s?${MINUTES_UNIT}?)?$`, 'i');
const MINUTES_ONLY = new RegExp(String.raw`^(\d{1,4})\s?${MINUTES_UNIT}$`, 'i');
/** The same shapes at the end of a text, after a space (or alone). */
const TRAILING = new RegExp(
  String.raw`(?:^|\s)(${HOURS}(?:\s?\d{1,2}\s?${MINUTES_UNIT}?)?|\d{1,4}\s?${MINUTES_UNIT})\s*$`,
  'i',
);

const TRAILING_MINUTES = new RegExp(String.raw`(?:^|\s)(\d{1,4}\s?${MINUTES_UNIT})\s*$`, 'i');

export interface DurationToken {
  /** Where the token starts in the text it was found in. */
  index: number;
  /** As typed. */
  text: string;
  minutes: number;
  /** Written with hours and no minute unit (`10h`, `1h30`): in French that is also a clock time. */
  hourForm: boolean;
  /** Has an hours part (`10h`, `10h 45 min`): after a day, those hours are its time of day. */
  hasHours: boolean;
}

/** Minutes of a whole duration token; null when it is not one. */
export function readDuration(token: string): { minutes: number; hourForm: boolean } | null {
  const trimmed = token.trim();
  const minutesOnly = MINUTES_ONLY.exec(trimmed);
  if (minutesOnly) return { minutes: Number(minutesOnly[1]), hourForm: false };
  const withHours = WITH_HOURS.exec(trimmed);
  if (!withHours) return null;
  const minutes = withHours[2] === undefined ? 0 : Number(withHours[2]);
  if (minutes >= 60) return null;
  const explicitMinutes = new RegExp(`${MINUTES_UNIT}$`, 'i').test(trimmed);
  return { minutes: Number(withHours[1]) * 60 + minutes, hourForm: !explicitMinutes };
}

/**
 * Duration tokens ending the text, longest first: `10h 45 min` is read as one length, and as
 * `45 min` after a `10h` that may be a clock time (the caller decides which).
 */
export function trailingDurations(text: string): DurationToken[] {
  const found: DurationToken[] = [];
  const full = trailingDuration(text);
  if (full) found.push(full);
  const minutes = TRAILING_MINUTES.exec(text);
  const raw = minutes?.[1];
  if (minutes && raw !== undefined && (!full || full.text !== raw)) {
    found.push({
      index: minutes.index + minutes[0].indexOf(raw),
      text: raw,
      minutes: Number(/\d+/.exec(raw)?.[0]),
      hourForm: false,
      hasHours: false,
    });
  }
  return found;
}

/** A duration token ending the text, if there is one. */
export function trailingDuration(text: string): DurationToken | null {
  const match = TRAILING.exec(text);
  const raw = match?.[1];
  if (!match || raw === undefined) return null;
  const read = readDuration(raw);
  if (!read) return null;
  return {
    index: match.index + match[0].indexOf(raw),
    text: raw,
    ...read,
    hasHours: WITH_HOURS.test(raw.trim()),
  };
}

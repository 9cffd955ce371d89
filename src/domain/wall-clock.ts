/**
 * A member's wall clock (their Slack time zone, `users.info` `tz`) ↔ instants. Converting a
 * typed "10:00" to an instant is a time-zone rule (daylight saving, gaps, overlaps): it comes
 * from `@date-fns/tz` (Intl's zone data), never from offsets computed by hand.
 */
import { TZDate } from '@date-fns/tz';

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The zone when Intl knows it, else UTC (a profile without `tz`, or a zone this runtime lacks). */
export function usableTimeZone(tz: string | null | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

export function wallClockAt(instant: Date, tz: string): WallClock {
  const local = new TZDate(instant.getTime(), usableTimeZone(tz));
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
  };
}

/** The instant a wall-clock time names in `tz` (a time inside a spring-forward gap moves past it). */
export function instantOf(wall: WallClock, tz: string): Date {
  const local = new TZDate(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, usableTimeZone(tz));
  return new Date(local.getTime());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` (Slack's datepicker value). */
export function dateValue(wall: WallClock): string {
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `HH:mm` (Slack's timepicker value). */
export function timeValue(wall: WallClock): string {
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** A datepicker and a timepicker value read together; null when either is not a real date/time. */
export function wallClockOf(date: string, time: string): WallClock | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = {
    year: Number(d[1]),
    month: Number(d[2]),
    day: Number(d[3]),
    hour: Number(t[1]),
    minute: Number(t[2]),
  };
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  const realDay = check.getUTCMonth() === wall.month - 1 && check.getUTCDate() === wall.day;
  return realDay && wall.hour < 24 && wall.minute < 60 ? wall : null;
}

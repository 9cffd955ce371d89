/**
 * What users.info says about a user's time zone, as Slack shapes it: `tz` (IANA name),
 * `tz_label` ("Pacific Daylight Time") and `tz_offset` (seconds east of UTC, daylight saving
 * included), all for the moment asked. Computed by the platform's Intl (ICU time zone data), so
 * every zone works and DST changes on the right day.
 */

function part(tz: string, atMs: number, style: 'long' | 'longOffset'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style }).formatToParts(atMs);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** Seconds east of UTC at `atMs`: "GMT+02:00" → 7200, "GMT-07:00" → -25200, "GMT" → 0. */
export function timeZoneOffsetSeconds(tz: string, atMs: number): number {
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(part(tz, atMs, 'longOffset'));
  if (!match?.[1]) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

export function timeZoneLabel(tz: string, atMs: number): string {
  return part(tz, atMs, 'long');
}

export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Wall-clock date-times in a named time zone (a person's Slack `tz`), for the date-time picker:
// the page's own zone is the machine's, not the person being played.

function wallClock(epochMs, timeZone) {
  const p = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  for (const part of format.formatToParts(epochMs)) p[part.type] = part.value;
  return p;
}

/** UNIX seconds → "YYYY-MM-DDTHH:mm" on the wall clock of `timeZone` (what datetime-local shows). */
export function zonedFromEpoch(epochSeconds, timeZone) {
  const p = wallClock(epochSeconds * 1000, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** "YYYY-MM-DDTHH:mm" read on the wall clock of `timeZone` → UNIX seconds (undefined if malformed). */
export function epochFromZoned(local, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local ?? '');
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at that moment, found by reading the guess back (twice, for DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i += 1) {
    const p = wallClock(guess, timeZone);
    const shown = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
    );
    guess += asUtc - shown;
  }
  return Math.floor(guess / 1000);
}

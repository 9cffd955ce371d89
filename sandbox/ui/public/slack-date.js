// Slack's date formatting token, `<!date^SECONDS^TEMPLATE[^LINK]|FALLBACK>`, as a reader's client
// shows it: in the reader's own time zone (their Slack `tz`) and language. The template's tokens
// are Slack's ("Formatting text for app surfaces"): {date_num} 2014-02-18, {date} February 18th,
// 2014, {date_short} Feb 18, 2014, {date_long} Tuesday, February 18th, 2014, the *_pretty forms
// (today / yesterday / tomorrow, else the same), {time} 6:39 AM, {time_secs} 6:39:42 AM, {ago}.

const DAY_MS = 86_400_000;

function ordinal(day) {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${{ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'}`;
}

function parts(date, locale, timeZone, options) {
  const out = {};
  for (const p of new Intl.DateTimeFormat(locale, { timeZone, ...options }).formatToParts(date))
    out[p.type] = p.value;
  return out;
}

/** The calendar day of `date` in `timeZone`, as a number of days, to compare "today" with. */
function dayNumber(date, timeZone) {
  const p = parts(date, 'en-US', timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' });
  return Math.round(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) / DAY_MS);
}

function relativeDay(date, nowMs, locale, timeZone) {
  const diff = dayNumber(date, timeZone) - dayNumber(new Date(nowMs), timeZone);
  if (Math.abs(diff) > 1) return undefined;
  const text = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(diff, 'day');
  // "today", "aujourd’hui": Slack writes them lowercase mid-sentence and capitalised alone.
  return text;
}

function dateText(date, style, locale, timeZone) {
  const english = locale.toLowerCase().startsWith('en');
  if (style === 'num') {
    const p = parts(date, 'en-US', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
    return `${p.year}-${p.month}-${p.day}`;
  }
  if (style === 'short')
    return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' }).format(date);
  if (!english) {
    return new Intl.DateTimeFormat(locale, {
      timeZone,
      dateStyle: style === 'long' ? 'full' : 'long',
    }).format(date);
  }
  const p = parts(date, 'en-US', timeZone, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  const core = `${p.month} ${ordinal(Number(p.day))}, ${p.year}`;
  return style === 'long' ? `${p.weekday}, ${core}` : core;
}

function timeText(date, locale, timeZone, seconds) {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(date);
}

function agoText(date, nowMs, locale) {
  const seconds = Math.round((date.getTime() - nowMs) / 1000);
  const units = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
  const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
}

/**
 * The text of a date token for a reader: `{ timeZone, locale, nowMs }` (nowMs for the *_pretty
 * forms and {ago}). Unknown tokens are left as they are, as Slack does.
 */
export function formatSlackDate(epochSeconds, template, reader) {
  const date = new Date(epochSeconds * 1000);
  const { timeZone, locale, nowMs } = reader;
  const pretty = (style) =>
    relativeDay(date, nowMs, locale, timeZone) ?? dateText(date, style, locale, timeZone);
  const tokens = {
    date_num: () => dateText(date, 'num', locale, timeZone),
    date: () => dateText(date, 'plain', locale, timeZone),
    date_short: () => dateText(date, 'short', locale, timeZone),
    date_long: () => dateText(date, 'long', locale, timeZone),
    date_pretty: () => pretty('plain'),
    date_short_pretty: () => pretty('short'),
    date_long_pretty: () => pretty('long'),
    time: () => timeText(date, locale, timeZone, false),
    time_secs: () => timeText(date, locale, timeZone, true),
    ago: () => agoText(date, nowMs, locale),
  };
  return template.replace(/\{(\w+)\}/g, (whole, name) => (tokens[name] ? tokens[name]() : whole));
}

/** `<!date^…>`'s inner text (without `<!` and `>`): seconds, template, optional link, fallback. */
export function parseDateToken(inner) {
  const [spec, fallback] = splitOnce(inner, '|');
  const [, seconds, template, link] = spec.split('^');
  const epoch = Number(seconds);
  if (!Number.isFinite(epoch) || template === undefined) return undefined;
  return { epochSeconds: epoch, template, link, fallback };
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

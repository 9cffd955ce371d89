// Slack's date token formats (public/slack-date.js), for a reader in their own zone and language.
import { describe, expect, it } from 'vitest';
import { formatSlackDate, parseDateToken } from '../public/slack-date.js';

// 2014-02-18 14:39:42 UTC: Slack's own example day.
const AT = Date.UTC(2014, 1, 18, 14, 39, 42) / 1000;
const inNewYork = (nowMs = Date.UTC(2020, 0, 1)) => ({
  timeZone: 'America/New_York',
  locale: 'en-US',
  nowMs,
});

describe('formatSlackDate', () => {
  it('writes each documented token', () => {
    const reader = inNewYork();
    expect(formatSlackDate(AT, '{date_num}', reader)).toBe('2014-02-18');
    expect(formatSlackDate(AT, '{date}', reader)).toBe('February 18th, 2014');
    expect(formatSlackDate(AT, '{date_short}', reader)).toBe('Feb 18, 2014');
    expect(formatSlackDate(AT, '{date_long}', reader)).toBe('Tuesday, February 18th, 2014');
    expect(formatSlackDate(AT, '{time}', reader)).toBe('9:39 AM');
    expect(formatSlackDate(AT, '{time_secs}', reader)).toBe('9:39:42 AM');
  });

  it('says today, yesterday and tomorrow for the *_pretty forms, by the reader’s calendar', () => {
    const sameDay = inNewYork(Date.UTC(2014, 1, 18, 23));
    expect(formatSlackDate(AT, '{date_pretty}', sameDay)).toBe('today');
    expect(formatSlackDate(AT, '{date_short_pretty}', inNewYork(Date.UTC(2014, 1, 19, 15)))).toBe(
      'yesterday',
    );
    expect(formatSlackDate(AT, '{date_long_pretty}', inNewYork(Date.UTC(2014, 1, 17, 15)))).toBe('tomorrow');
    expect(formatSlackDate(AT, '{date_short_pretty}', inNewYork(Date.UTC(2014, 2, 1)))).toBe('Feb 18, 2014');
  });

  it('uses the reader’s zone for the day too: late evening in Los Angeles is the next day in Tokyo', () => {
    const late = Date.UTC(2025, 2, 11, 5, 30) / 1000;
    const nowMs = Date.UTC(2025, 2, 11, 6);
    expect(
      formatSlackDate(late, '{date_num} {time}', { timeZone: 'America/Los_Angeles', locale: 'en-US', nowMs }),
    ).toBe('2025-03-10 10:30 PM');
    expect(
      formatSlackDate(late, '{date_num} {time}', { timeZone: 'Asia/Tokyo', locale: 'en-US', nowMs }),
    ).toBe('2025-03-11 2:30 PM');
  });

  it('writes French for a French reader, and leaves unknown tokens alone', () => {
    const reader = { timeZone: 'Europe/Paris', locale: 'fr-FR', nowMs: Date.UTC(2020, 0, 1) };
    expect(formatSlackDate(AT, '{date_long} à {time} {nope}', reader)).toBe(
      'mardi 18 février 2014 à 15:39 {nope}',
    );
  });

  it('says how long ago', () => {
    expect(formatSlackDate(AT, '{ago}', inNewYork(AT * 1000 + 3 * 60_000))).toBe('3 minutes ago');
  });
});

describe('parseDateToken', () => {
  it('reads seconds, template, optional link and fallback', () => {
    expect(parseDateToken('date^1392734382^{date} at {time}^https://x.test|Feb 18')).toEqual({
      epochSeconds: 1392734382,
      template: '{date} at {time}',
      link: 'https://x.test',
      fallback: 'Feb 18',
    });
    expect(parseDateToken('date^soon^{date}|x')).toBeUndefined();
  });
});

// users.info / users.list time zone fields: every seeded person has a zone, with Slack's label and
// offset for the workspace's current time (daylight saving included).
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../index.js';
import { DEFAULT_SEED, parseSeed, startSlackStandIn } from '../index.js';
import { timeZoneLabel, timeZoneOffsetSeconds } from '../time-zones.js';
import { quietLogger } from './harness.js';

const JANUARY = Date.UTC(2025, 0, 15, 12);
const JULY = Date.UTC(2025, 6, 15, 12);

let standIn: SlackStandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
});

async function userAt(nowMs: number, userId: string) {
  standIn = await startSlackStandIn({ signingSecret: 's', clock: () => nowMs, settleQuietMs: 0 });
  const client = new WebClient('xoxb-acme', { slackApiUrl: standIn.apiUrl, logger: quietLogger });
  const { user } = await client.users.info({ user: userId, include_locale: true });
  return user;
}

describe('time zone facts', () => {
  it('follows daylight saving: Paris is +1 h in January and +2 h in July', () => {
    expect(timeZoneOffsetSeconds('Europe/Paris', JANUARY)).toBe(3_600);
    expect(timeZoneOffsetSeconds('Europe/Paris', JULY)).toBe(7_200);
    expect(timeZoneLabel('Europe/Paris', JANUARY)).toBe('Central European Standard Time');
    expect(timeZoneLabel('Europe/Paris', JULY)).toBe('Central European Summer Time');
  });

  it('handles zones west of UTC, half hours and UTC itself', () => {
    expect(timeZoneOffsetSeconds('America/Los_Angeles', JULY)).toBe(-25_200);
    expect(timeZoneLabel('America/Los_Angeles', JULY)).toBe('Pacific Daylight Time');
    expect(timeZoneOffsetSeconds('Asia/Kolkata', JANUARY)).toBe(19_800);
    expect(timeZoneOffsetSeconds('UTC', JULY)).toBe(0);
  });
});

describe('users.info', () => {
  it("gives Bob (fr-FR) Paris's zone, label and offset for the workspace's time", async () => {
    const user = await userAt(JULY, 'U_BOB');
    expect(user).toMatchObject({
      tz: 'Europe/Paris',
      tz_label: 'Central European Summer Time',
      tz_offset: 7_200,
      locale: 'fr-FR',
    });
  });

  it('gives Sam (Los Angeles) a negative offset in winter', async () => {
    const user = await userAt(JANUARY, 'U_SLACKADMIN');
    expect(user).toMatchObject({
      tz: 'America/Los_Angeles',
      tz_label: 'Pacific Standard Time',
      tz_offset: -28_800,
    });
  });

  it('every seeded person has a time zone and a locale, and they are not all the same zone', () => {
    const seed = parseSeed(DEFAULT_SEED);
    const people = seed.teams.flatMap((t) => t.users);
    expect(people.every((u) => u.tz !== '' && /^[a-z]{2}-[A-Z]{2}$/.test(u.locale))).toBe(true);
    expect(new Set(people.map((u) => u.tz)).size).toBeGreaterThanOrEqual(5);
  });

  it('refuses a seed with an unknown time zone', () => {
    const broken = {
      teams: [
        { id: 'T_X', name: 'X', bot_token: 'xoxb-x', users: [{ id: 'U_X', name: 'x', tz: 'Mars/Base' }] },
      ],
    };
    expect(() => parseSeed(broken)).toThrow(/IANA time zone/);
  });
});

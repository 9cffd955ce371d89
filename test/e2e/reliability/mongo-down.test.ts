/**
 * MongoDB goes away mid-flow (the emulator process this app talks to is stopped) and comes back
 * on the same port: readiness follows, commands answer "temporarily unavailable" inside Slack's
 * 3 s ack, the process stays up, and everything works again after the database returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOrg, meet } from './support/flows.js';
import { type ReliabilityHarness, startReliabilityHarness, T, text, until } from './support/harness.js';

let h: ReliabilityHarness;

beforeAll(async () => {
  h = await startReliabilityHarness('mongo_down', { ownDatabase: true });
});
afterAll(async () => {
  await h?.stop();
});

const readyz = async () => (await fetch(`${h.url}/readyz`)).status;
const healthz = async () => (await fetch(`${h.url}/healthz`)).status;

describe('MongoDB unreachable', () => {
  it('is noticed, answered politely, survived, and recovered from', { timeout: 60_000 }, async () => {
    await connectOrg(h);
    expect(await readyz()).toBe(200);

    await h.stopDatabase();
    await until(async () => (await readyz()) === 503, 15_000, '/readyz 503');
    expect(await healthz()).toBe(200);

    const alice = h.slack.user(T, 'U_ALICE');
    // Every delivery is answered (200, inside Slack's 3 s); within a heartbeat or two the answer
    // itself says "temporarily unavailable".
    await until(
      async () => {
        const answer = await h.slack.deliverCommand(T, 'U_ALICE', '/zoom-status');
        expect(answer.status).toBe(200);
        return /temporarily unavailable/.test(answer.body);
      },
      10_000,
      'the ack to say temporarily unavailable',
    );
    expect(h.slack.errors().filter((e) => e.error === 'operation_timeout')).toEqual([]);
    // A meeting request too, and the button/modal paths do not crash the process either.
    const meetAnswer = await h.slack.deliverCommand(T, 'U_ALICE', '/zoom-meet', 'While down');
    expect(meetAnswer.body).toMatch(/temporarily unavailable/);
    const home = await h.slack.sendEvent(T, { type: 'app_home_opened', user: 'U_ALICE', tab: 'home' });
    expect(home.status).toBeLessThan(600);
    expect(await healthz()).toBe(200);

    await h.restartDatabase();
    await until(async () => (await readyz()) === 200, 30_000, '/readyz 200 again');
    await until(
      async () =>
        !/temporarily unavailable/.test((await h.slack.deliverCommand(T, 'U_ALICE', '/zoom-status')).body),
      30_000,
      'commands to work again',
    );
    await meet(h, 'U_ALICE', 'After the outage');
    expect(text(alice.channelMessages('C_GENERAL').at(-1))).toContain('After the outage');
    const org = await h.app.models.orgConnections.findOne({ workspaceId: T }).lean();
    expect(org?.status).toBe('active');
  });
});

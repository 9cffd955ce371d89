/**
 * Faults injected at the stand-ins (DESIGN §2.4, §2.5): Zoom down during the approval, Zoom
 * 429/5xx/timeouts during meeting creation, a token revoked between two meetings, Slack 429 on
 * DMs. Each time: bounded retries, a clear message for the person, nothing left half done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOrg, meet } from './support/flows.js';
import {
  approvalLinkIn,
  followLink,
  type ReliabilityHarness,
  secretLeaks,
  startReliabilityHarness,
  T,
  text,
  until,
} from './support/harness.js';

let h: ReliabilityHarness;
/** Pages shown to browsers in this suite (checked for secrets at the end). */
const pages: string[] = [];

beforeAll(async () => {
  h = await startReliabilityHarness('faults');
});
afterAll(async () => {
  await h?.stop();
});

const meetingsWithTopic = (topic: string) => h.zoom.control.state().meetings.filter((m) => m.topic === topic);

describe('Zoom faults', () => {
  it('Zoom down during the approval: a readable error page, and the same link works afterwards', async () => {
    const admin = h.slack.user(T, 'U_SLACKADMIN');
    await admin.command('/zoom-connect', 'org');
    await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
    await admin.submit({ connect_recipient: { connect_recipient_pick: 'U_ZOOMADMIN' } });
    const link = approvalLinkIn(admin.lastModal()?.view) ?? '';
    expect(link).not.toBe('');

    h.zoom.control.addFault({ route: 'oauth.token', status: 503, count: 20 });
    const failed = await followLink(h, link, 'zoom-admin@acme.test');
    h.zoom.control.clearFaults();
    pages.push(failed.html);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
    expect(failed.html).not.toMatch(/at .*\.(ts|js):\d+|Error:|stack/);
    expect(await h.app.models.orgConnections.countDocuments({ workspaceId: T, status: 'active' })).toBe(0);

    const retried = await followLink(h, link, 'zoom-admin@acme.test');
    expect(retried.status).toBe(200);
    expect(retried.html).toContain('zoom-admin@acme.test');
    expect(await h.app.models.orgConnections.countDocuments({ workspaceId: T, status: 'active' })).toBe(1);
  });

  it('429 with Retry-After during meeting creation: waited for, then the meeting is created', async () => {
    const fault = h.zoom.control.addFault({
      route: 'meetings.create',
      status: 429,
      retry_after: 1,
      count: 2,
    });
    await meet(h, 'U_ALICE', 'After the rate limit');
    expect(meetingsWithTopic('After the rate limit')).toHaveLength(1);
    expect(h.zoom.control.state().faults.find((f) => f.id === fault.id)?.remaining ?? 0).toBe(0);
    h.zoom.control.clearFaults();
  });

  it('Zoom 5xx that does not stop: bounded retries, then a clear ephemeral message', async () => {
    const fault = h.zoom.control.addFault({ route: 'meetings.create', status: 503, count: 50 });
    const alice = h.slack.user(T, 'U_ALICE');
    const before = alice.ephemerals().length;
    const answer = await alice.command('/zoom-meet', 'During the outage');
    expect(answer.status).toBe(200);
    const reply = await alice.waitFor(() => alice.ephemerals().slice(before).at(-1), 15_000);
    expect(text(reply)).toMatch(/Zoom could not complete the request right now/);
    const remaining = h.zoom.control.state().faults.find((f) => f.id === fault.id)?.remaining ?? 0;
    const attempts = 50 - remaining;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(3);
    h.zoom.control.clearFaults();
    expect(meetingsWithTopic('During the outage')).toHaveLength(0);
  });

  it('a create that times out is not replayed (no double meeting): a clear message', {
    timeout: 40_000,
  }, async () => {
    h.zoom.control.addFault({ route: 'meetings.create', delay_ms: 10_500, count: 1 });
    const alice = h.slack.user(T, 'U_ALICE');
    const before = alice.ephemerals().length;
    await alice.command('/zoom-meet', 'Slow Zoom');
    const reply = await alice.waitFor(() => alice.ephemerals().slice(before).at(-1), 25_000);
    expect(text(reply)).toMatch(/Zoom could not complete the request right now/);
    h.zoom.control.clearFaults();
    // Zoom may have finished the late request; we never sent a second one.
    await until(() => meetingsWithTopic('Slow Zoom').length === 1, 5_000, 'the late create to land');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(meetingsWithTopic('Slow Zoom')).toHaveLength(1);
  });

  it('a token revoked between two meetings: a clear message and the connection marked', async () => {
    await meet(h, 'U_ALICE', 'Before the revocation');
    expect(h.zoom.control.revokeTokens('zoom-admin@acme.test', 'org-app')).toBeGreaterThan(0);
    const alice = h.slack.user(T, 'U_ALICE');
    const before = alice.ephemerals().length;
    await alice.command('/zoom-meet', 'After the revocation');
    const reply = await alice.waitFor(() => alice.ephemerals().slice(before).at(-1), 10_000);
    expect(text(reply)).toMatch(/reconnect/i);
    await until(
      async () =>
        (await h.app.models.orgConnections.findOne({ workspaceId: T }).lean())?.status === 'needs_reconnect',
      5_000,
      'needs_reconnect',
    );
    expect(meetingsWithTopic('After the revocation')).toHaveLength(0);
  });
});

describe('Slack faults', () => {
  it('429 on chat.postMessage: the DM is delivered after the wait', async () => {
    await connectOrg(h);
    const admin = h.slack.user(T, 'U_SLACKADMIN');
    const owner = h.slack.user(T, 'U_OWNER');
    const ownerDms = owner.dms().length;
    h.slack.faults.add({ method: 'chat.postMessage', kind: 'rate_limit', retryAfter: 1, times: 2 });
    h.slack.clearErrors();
    await admin.command('/zoom-connect', 'org');
    await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
    await admin.submit({ connect_recipient: { connect_recipient_pick: 'U_OWNER' } });
    const dm = await owner.waitFor(() => owner.dms().at(ownerDms), 15_000);
    expect(approvalLinkIn(dm)).toBeDefined();
    // Both injected 429s were answered (and waited for) before the DM landed; nothing else failed.
    const limited = h.slack.errors().filter((e) => e.error === 'ratelimited');
    expect(limited.map((e) => e.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(h.slack.errors().filter((e) => e.error !== 'ratelimited')).toEqual([]);
  });
});

describe('secrets', () => {
  it('no secret in any log line, error page or Slack message of the fault scenarios', async () => {
    expect(h.logLines.some((line) => /"level":50/.test(line))).toBe(true); // errors were logged…
    expect(await secretLeaks(h, pages)).toEqual([]); // …without a secret in them
  });
});

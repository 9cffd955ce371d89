/**
 * Deliveries that Slack or Zoom retry are applied once, even when the retry lands on another
 * instance (DESIGN §4.2): the first instance to record the delivery key wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZoomWebhook } from '../../../src/zoom/webhook-signature.js';
import { connectOrg } from './support/flows.js';
import { type ReliabilityHarness, startReliabilityHarness, T, text, until } from './support/harness.js';

let h: ReliabilityHarness;
let secondUrl: string;

beforeAll(async () => {
  h = await startReliabilityHarness('dedupe');
  secondUrl = (await h.startInstance('instance-2')).url;
});
afterAll(async () => {
  await h?.stop();
});

interface Activity {
  seq: number;
  kind: string;
  summary: string;
}

async function slackActivity(since: number): Promise<Activity[]> {
  const response = await fetch(`${h.slack.url}/_sandbox/activity?since=${since}`);
  const body = (await response.json()) as { activity: Activity[] };
  return body.activity;
}

async function lastSeq(): Promise<number> {
  const response = await fetch(`${h.slack.url}/_sandbox/activity?since=0`);
  return ((await response.json()) as { last_seq: number }).last_seq;
}

describe('duplicate deliveries', () => {
  it('the same Slack event delivered again (to either instance) is applied once', async () => {
    await h.slack.settle();
    const since = await lastSeq();
    const first = await h.slack.sendEvent(T, { type: 'app_home_opened', user: 'U_ALICE', tab: 'home' });
    expect(first.status).toBe(200);
    await h.slack.settle();
    const published = (await slackActivity(since)).filter((a) => a.kind === 'home_published');
    expect(published).toHaveLength(1);

    const retry1 = await h.slack.redeliverEvent(first.eventId, 1, 'http_timeout');
    h.slack.setAppUrl(`${secondUrl}/slack/events`);
    const retry2 = await h.slack.redeliverEvent(first.eventId, 2, 'http_timeout');
    h.slack.setAppUrl(`${h.url}/slack/events`);
    expect(retry1.status).toBe(200);
    expect(retry2.status).toBe(200);
    await h.slack.settle();
    expect((await slackActivity(since)).filter((a) => a.kind === 'home_published')).toHaveLength(1);
    const keys = await h.app.models.processedEvents.countDocuments({ key: `slack:${first.eventId}` });
    expect(keys).toBe(1);
  });

  it('the same Zoom webhook delivered twice (to both instances) is applied once', async () => {
    await connectOrg(h);
    const zoomAdmin = h.zoom.control.state().users.find((u) => u.email === 'zoom-admin@acme.test');
    const admin = h.slack.user(T, 'U_SLACKADMIN');
    const before = admin.dms().length;
    // The role changes at Zoom (the app re-checks it there); the event is delivered by hand below.
    const target = h.zoom.control.state().webhook_target;
    h.zoom.control.setWebhookTarget(null);
    await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Member' });
    h.zoom.control.setWebhookTarget(target);
    const body = JSON.stringify({
      event: 'user.updated',
      event_ts: h.clock().getTime(),
      payload: {
        account_id: 'acme',
        operator: 'owner@acme.test',
        object: { id: zoomAdmin?.id, email: 'zoom-admin@acme.test', role_name: 'Member' },
      },
    });
    const deliver = async (url: string) => {
      const timestamp = String(Math.floor(h.clock().getTime() / 1000));
      const response = await fetch(`${url}/zoom/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-zm-request-timestamp': timestamp,
          'x-zm-signature': signZoomWebhook('org-webhook-secret', timestamp, body),
        },
        body,
      });
      return { status: response.status, json: (await response.json()) as { status?: string } };
    };
    const [a, b] = await Promise.all([deliver(h.url), deliver(secondUrl)]);
    const c = await deliver(h.url);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    const outcomes = [a.json.status, b.json.status, c.json.status].sort();
    expect(outcomes).toEqual(['accepted', 'duplicate', 'duplicate']);
    await until(
      async () =>
        (await h.app.models.orgConnections.findOne({ workspaceId: T }).lean())?.status === 'needs_reconnect',
      5_000,
      'needs_reconnect',
    );
    await h.slack.settle();
    const alerts = admin
      .dms()
      .slice(before)
      .filter((m) => /no longer a Zoom admin/.test(text(m)));
    expect(alerts).toHaveLength(1);
  });
});

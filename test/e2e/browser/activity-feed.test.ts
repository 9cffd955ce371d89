// The merged activity feed (sandbox/ui/activity.ts) with fake stand-ins: order by time across
// sources, nothing repeated or lost across pulls, webhooks still in flight held back.
import { describe, expect, it } from 'vitest';
import { createActivityFeed } from '../../../sandbox/ui/activity.js';

interface FakeDelivery {
  event: string;
  client_id: string;
  at: string;
  status?: number;
  error?: string;
}

function fakes() {
  const slack: Array<{ seq: number; at: number; kind: string; team: string; user: string; summary: string }> =
    [];
  const deliveries: FakeDelivery[] = [];
  const feed = createActivityFeed({
    slackControl: async (path) => {
      const since = Number(new URL(path, 'http://x').searchParams.get('since'));
      return { ok: true, activity: slack.filter((a) => a.seq > since) };
    },
    zoomControl: async () => ({ webhook_deliveries: deliveries.map((d) => ({ ...d })) }),
    zoomAppName: (id) => (id === 'org-app' ? 'org app' : 'personal app'),
  });
  return { slack, deliveries, feed };
}

describe('activity feed', () => {
  it('merges the sources in time order and numbers the entries', async () => {
    const { slack, deliveries, feed } = fakes();
    slack.push({ seq: 1, at: 1_000, kind: 'command', team: 'T', user: 'U_A', summary: '/zoom-meet' });
    slack.push({ seq: 2, at: 3_000, kind: 'message', team: 'T', user: 'U_A', summary: 'meeting posted' });
    feed.record({
      at: 2_000,
      source: 'app-zoom',
      kind: 'zoom_call',
      team: null,
      user: null,
      summary: 'POST /v2/users/a@x/meetings → 201',
      ok: true,
    });
    deliveries.push({
      event: 'user.updated',
      client_id: 'org-app',
      at: new Date(4_000).toISOString(),
      status: 200,
    });

    const first = await feed.since(0);
    expect(first.items.map((i) => i.kind)).toEqual(['command', 'zoom_call', 'message', 'user.updated']);
    expect(first.items.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
    expect(first.items[3]?.summary).toContain('org app');
    expect(first.last).toBe(4);
  });

  it('never repeats an entry and holds back a webhook until Zoom has the app’s answer', async () => {
    const { slack, deliveries, feed } = fakes();
    const sameTime = new Date(5_000).toISOString();
    deliveries.push({ event: 'user.updated', client_id: 'org-app', at: sameTime, status: 200 });
    deliveries.push({ event: 'user.deactivated', client_id: 'org-app', at: sameTime });
    const first = await feed.since(0);
    expect(first.items.map((i) => i.kind)).toEqual(['user.updated']);

    // The second delivery completes; a third arrives with the same timestamp; Slack adds one.
    const second = deliveries[1];
    if (second) second.status = 500;
    deliveries.push({ event: 'user.deleted', client_id: 'user-app', at: sameTime, error: 'fetch failed' });
    slack.push({ seq: 1, at: 6_000, kind: 'message', team: 'T', user: 'U_A', summary: 'alert' });
    const next = await feed.since(first.last);
    expect(next.items.map((i) => i.kind)).toEqual(['user.deactivated', 'user.deleted', 'message']);
    expect(next.items.map((i) => i.ok)).toEqual([false, false, true]);

    const again = await feed.since(next.last);
    expect(again.items).toEqual([]);
    const all = await feed.since(0);
    expect(all.items.map((i) => i.kind)).toEqual([
      'user.updated',
      'user.deactivated',
      'user.deleted',
      'message',
    ]);
  });

  it('serialises concurrent reads so no entry is numbered twice', async () => {
    const { slack, feed } = fakes();
    for (let seq = 1; seq <= 20; seq += 1) {
      slack.push({ seq, at: seq, kind: 'command', team: 'T', user: 'U_A', summary: `c${seq}` });
    }
    const reads = await Promise.all([feed.since(0), feed.since(0), feed.since(0)]);
    const final = await feed.since(0);
    expect(final.items.map((i) => i.summary)).toEqual(slack.map((a) => a.summary));
    expect(new Set(final.items.map((i) => i.seq)).size).toBe(20);
    for (const read of reads) expect(read.items.length).toBe(20);
  });
});

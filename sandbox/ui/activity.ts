/**
 * One ordered activity feed for the UI, merged from three places: the Slack stand-in's change
 * feed (commands, clicks, DMs, modals), the recording proxies (the app's Slack and Zoom API
 * calls) and the Zoom stand-in's webhook deliveries. Sources are pulled together on each read and
 * each batch is sorted by time, so entries appear in the order they happened.
 */
import { z } from 'zod';

export type ActivitySource = 'slack' | 'app-slack' | 'app-zoom' | 'browser-zoom' | 'zoom-webhook' | 'zoom';

export interface ActivityItem {
  seq: number;
  at: number;
  source: ActivitySource;
  kind: string;
  team: string | null;
  user: string | null;
  summary: string;
  ok: boolean;
  /** The Slack conversation concerned (C… or D…), when the stand-in says. */
  channel?: string | null;
}

export type NewActivity = Omit<ActivityItem, 'seq'>;

const slackActivitySchema = z.object({
  activity: z.array(
    z.object({
      seq: z.number(),
      at: z.number(),
      kind: z.string(),
      team: z.string().nullish(),
      user: z.string().nullish(),
      summary: z.string(),
      channel: z.string().nullish(),
    }),
  ),
});

const zoomStateSchema = z.object({
  webhook_deliveries: z.array(
    z.object({
      event: z.string(),
      client_id: z.string(),
      status: z.number().optional(),
      error: z.string().optional(),
      at: z.string(),
    }),
  ),
});

export interface ActivityDeps {
  /** GET on the Slack stand-in's control API (`/_sandbox` + path). */
  slackControl(path: string): Promise<unknown>;
  zoomControl(path: string): Promise<unknown>;
  /** client_id → readable app name, for webhook lines. */
  zoomAppName(clientId: string): string;
}

const MAX_ITEMS = 5_000;

export function createActivityFeed(deps: ActivityDeps) {
  const items: ActivityItem[] = [];
  const pending: NewActivity[] = [];
  let seq = 0;
  let slackSeq = 0;
  let webhookAt = '';
  let webhooksSeenAtThatTime = 0;
  let running: Promise<void> = Promise.resolve();

  async function pullSlack(): Promise<NewActivity[]> {
    const { activity } = slackActivitySchema.parse(await deps.slackControl(`/activity?since=${slackSeq}`));
    const last = activity.at(-1);
    if (last) slackSeq = last.seq;
    return activity.map((a) => ({
      at: a.at,
      source: 'slack',
      kind: a.kind,
      team: a.team ?? null,
      user: a.user ?? null,
      summary: a.summary,
      channel: a.channel ?? null,
      ok: a.kind !== 'error',
    }));
  }

  async function pullWebhooks(): Promise<NewActivity[]> {
    const { webhook_deliveries: deliveries } = zoomStateSchema.parse(await deps.zoomControl('/state'));
    const fresh: NewActivity[] = [];
    let sameTime = 0;
    for (const delivery of deliveries) {
      // A delivery still in flight has neither status nor error: stop there and keep the order.
      if (delivery.status === undefined && delivery.error === undefined) break;
      if (delivery.at < webhookAt) continue;
      if (delivery.at === webhookAt) {
        sameTime += 1;
        if (sameTime <= webhooksSeenAtThatTime) continue;
      }
      if (delivery.at > webhookAt) {
        webhookAt = delivery.at;
        sameTime = 1;
        webhooksSeenAtThatTime = 0;
      }
      webhooksSeenAtThatTime = sameTime;
      const ok = delivery.status !== undefined && delivery.status < 300;
      fresh.push({
        at: Date.parse(delivery.at),
        source: 'zoom-webhook',
        kind: delivery.event,
        team: null,
        user: null,
        summary: `${delivery.event} → app (${deps.zoomAppName(delivery.client_id)}): ${
          delivery.status !== undefined ? `HTTP ${delivery.status}` : (delivery.error ?? '')
        }`,
        ok,
      });
    }
    return fresh;
  }

  async function sync(): Promise<void> {
    const [slack, webhooks] = await Promise.all([pullSlack(), pullWebhooks()]);
    const batch = [...pending.splice(0), ...slack, ...webhooks].sort((a, b) => a.at - b.at);
    for (const entry of batch) {
      seq += 1;
      items.push({ ...entry, seq });
    }
    if (items.length > MAX_ITEMS) items.splice(0, items.length - MAX_ITEMS);
  }

  return {
    /** Notes something seen directly (a proxied API call, a Zoom panel action). */
    record(entry: NewActivity): void {
      pending.push(entry);
    },
    /** Entries after `since`, pulling the sources first; reads are serialised so none is lost. */
    async since(after: number): Promise<{ items: ActivityItem[]; last: number }> {
      const next = running.then(sync);
      running = next.catch(() => undefined);
      await next;
      return { items: items.filter((i) => i.seq > after), last: seq };
    },
  };
}

export type ActivityFeed = ReturnType<typeof createActivityFeed>;

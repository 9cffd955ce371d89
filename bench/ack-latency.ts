/**
 * Benchmark 1: `/zoom-status` ack latency (p50, p99, max) and throughput at fixed request rates,
 * against our app and against a bare Bolt app that only acks (the framework's floor), in the same
 * run on the same machine. Both are separate processes; autocannon generates the load.
 */
import { loadavg } from 'node:os';
import { probe, statusBodies } from './support/commands.js';
import { type LoadRun, runSignedLoad } from './support/load.js';
import { waitForQuiet, withCpu } from './support/processes.js';
import { type BenchResult, check, type Figure } from './support/report.js';
import { SIGNING_SECRET } from './support/scenario.js';
import type { Stack } from './support/stack.js';
import { percentile, round } from './support/stats.js';

/** The English "busy" refusal (src/slack/i18n/en.ts, `error.busy`), as the ack carries it. */
const BUSY_TEXT = 'is very busy right now';

export interface AckOptions {
  rates: number[];
  durationS: number;
  warmupS: number;
  /** The rate whose p99s are compared (200 in the issue). */
  compareRate: number;
}

/** Does the app answer `/zoom-status` at all (the Slack listeners are wired)? */
export async function appAnswersStatus(stack: Stack): Promise<{ ok: boolean; detail: string }> {
  const body = statusBodies(stack.responseUrls)(0);
  try {
    const answer = await probe(stack.app.url, SIGNING_SECRET, body);
    if (answer.status === 200 && answer.ms < 3_000)
      return { ok: true, detail: `200 in ${round(answer.ms)} ms` };
    return {
      ok: false,
      detail: `HTTP ${answer.status} after ${round(answer.ms)} ms: ${answer.body.slice(0, 120)}`,
    };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The processes whose CPU use is shown next to each run (the database only when it is ours). */
export function busyPids(stack: Stack): Record<string, number> {
  const pids: Record<string, number> = { app: stack.app.pid, bare: stack.bare.pid, slack: stack.slack.pid };
  if (stack.database.process) pids.db = stack.database.process.pid;
  return pids;
}

function row(run: LoadRun, cpu: Record<string, number | null>): Record<string, Figure> {
  return {
    target: run.target,
    'rate (req/s)': run.rate,
    'throughput (req/s)': run.throughput,
    'p50 (ms)': run.p50Ms,
    'p90 (ms)': run.p90Ms,
    'p99 (ms)': run.p99Ms,
    'max (ms)': run.maxMs,
    completed: run.completed,
    non2xx: run.non2xx,
    errors: run.errors + run.timeouts,
    'CPU% app': cpu.app ?? null,
    'CPU% bare': cpu.bare ?? null,
    'CPU% db': cpu.db ?? null,
    'CPU% slack': cpu.slack ?? null,
    'CPU% runner': cpu['runner (load generator)'] ?? null,
    // Other work on the machine (other people's test runs) shows here: runnable processes, 1-minute average.
    'load 1m': round(loadavg()[0] ?? 0, 1),
  };
}

/** `[poolIndex, epochMs]` of every reply that reached the Slack stand-in since the last call. */
export async function repliesSinceLastCall(stack: Stack): Promise<Array<[number, number]>> {
  const answer = stack.slack.waitForLine('replies ', 30_000);
  stack.slack.child.stdin?.write('replies\n');
  return JSON.parse(await answer) as Array<[number, number]>;
}

/** Request → reply times of one run: each reply is matched with the oldest unanswered send of its URL. */
export function replyLatencies(
  sent: ReadonlyMap<number, readonly number[]>,
  replies: ReadonlyArray<readonly [number, number]>,
): { latenciesMs: number[]; unanswered: number } {
  const waiting = new Map([...sent].map(([index, times]) => [index, [...times]]));
  const latenciesMs: number[] = [];
  for (const [index, at] of [...replies].sort((a, b) => a[1] - b[1])) {
    const sentAt = waiting.get(index)?.shift();
    if (sentAt !== undefined) latenciesMs.push(at - sentAt);
  }
  const unanswered = [...waiting.values()].reduce((sum, times) => sum + times.length, 0);
  return { latenciesMs, unanswered };
}

export async function benchAckLatency(
  stack: Stack,
  options: AckOptions,
): Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>> {
  const ready = await appAnswersStatus(stack);
  if (!ready.ok) {
    return {
      skipped: `the app does not answer /zoom-status yet (${ready.detail})`,
      rows: [],
      checks: [],
      notes: [],
    };
  }
  // Requests of our app that were acked (2xx, not "busy") owe a reply: when each was sent, by the
  // pool URL it carries (for request → reply times). Requests still in flight when the load
  // generator stops at the end of a run were never acked and owe nothing.
  let owed = new Map<number, number[]>();
  let lastUrlIndex = -1;
  const statusBody = statusBodies(stack.responseUrls, '/zoom-status', (urlIndex) => {
    lastUrlIndex = urlIndex;
  });
  const appBody = (i: number, connection: Record<string, unknown>) => {
    const body = statusBody(i);
    connection.urlIndex = lastUrlIndex;
    connection.sentAt = Date.now();
    return body;
  };
  // A command refused in its ack ("very busy, try again") was answered there: it owes no reply.
  let refusedBusy = 0;
  const onAppResponse = (status: number, body: string, connection: Record<string, unknown>) => {
    const { urlIndex, sentAt } = connection;
    if (typeof urlIndex !== 'number' || typeof sentAt !== 'number') return;
    if (body.includes(BUSY_TEXT)) {
      refusedBusy += 1;
    } else if (status >= 200 && status < 300) {
      owed.set(urlIndex, [...(owed.get(urlIndex) ?? []), sentAt]);
    }
  };
  // The bare app never calls respond(), so its bodies need no live response_url.
  const bareBody = statusBodies([]);
  const targets = [
    {
      name: 'bare Bolt (ack only)',
      url: `${stack.bare.url}/slack/events`,
      body: bareBody,
      onResponse: undefined,
    },
    { name: 'our app', url: `${stack.app.url}/slack/events`, body: appBody, onResponse: onAppResponse },
  ];
  // Warm-up: JIT, connection pools, the admin cache; not recorded.
  for (const target of targets) {
    await runSignedLoad({
      target: target.name,
      url: target.url,
      rate: 50,
      durationS: options.warmupS,
      signingSecret: SIGNING_SECRET,
      body: target.body,
    });
  }
  const pids = busyPids(stack);
  await waitForQuiet(Object.values(pids));
  await repliesSinceLastCall(stack);
  const runs: LoadRun[] = [];
  const rows: Array<Record<string, Figure>> = [];
  const replyRows: Array<Record<string, Figure>> = [];
  let settleMs = 0;
  let slowestReplyMs = 0;
  let unansweredInAll = 0;
  let busyInAll = 0;
  for (const rate of options.rates) {
    for (const target of targets) {
      // Each run starts from idle: the app may still be answering (respond()) the previous run.
      settleMs += await waitForQuiet(Object.values(pids));
      owed = new Map();
      refusedBusy = 0;
      const { value: run, cpu } = await withCpu(pids, () =>
        runSignedLoad({
          target: target.name,
          url: target.url,
          rate,
          durationS: options.durationS,
          signingSecret: SIGNING_SECRET,
          body: target.body,
          ...(target.onResponse ? { onResponse: target.onResponse } : {}),
        }),
      );
      runs.push(run);
      rows.push(row(run, cpu));
      if (target.name === 'our app') {
        // The replies of this run, once the app has sent them all (it answers after the acks).
        settleMs += await waitForQuiet(Object.values(pids));
        const { latenciesMs, unanswered } = replyLatencies(owed, await repliesSinceLastCall(stack));
        const within3s = latenciesMs.filter((ms) => ms <= 3_000).length;
        slowestReplyMs = Math.max(slowestReplyMs, ...latenciesMs);
        unansweredInAll += unanswered;
        busyInAll += refusedBusy;
        replyRows.push({
          target: 'our app: request → reply (respond() at the Slack stand-in)',
          'rate (req/s)': rate,
          replies: latenciesMs.length,
          'refused busy (in the ack)': refusedBusy,
          unanswered,
          'p50 (ms)': round(percentile(latenciesMs, 50)),
          'p90 (ms)': round(percentile(latenciesMs, 90)),
          'p99 (ms)': round(percentile(latenciesMs, 99)),
          'max (ms)': round(Math.max(0, ...latenciesMs)),
          'within 3 s': `${latenciesMs.length > 0 ? round((within3s / latenciesMs.length) * 100, 1) : 0}%`,
        });
      }
    }
  }
  rows.push(...replyRows);
  const at = (name: string, rate: number) => runs.find((r) => r.target === name && r.rate === rate);
  const ours = at('our app', options.compareRate);
  const floor = at('bare Bolt (ack only)', options.compareRate);
  const ratio = ours && floor && floor.p99Ms > 0 ? round(ours.p99Ms / floor.p99Ms) : null;
  const appRuns = runs.filter((r) => r.target === 'our app');
  const maxAck = Math.max(...appRuns.map((r) => r.maxMs));
  const failed = appRuns.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  return {
    rows,
    checks: [
      check(
        `p99 ratio ours/bare at ${options.compareRate} req/s`,
        '<= 1.5',
        ratio,
        ratio === null ? null : ratio <= 1.5,
      ),
      check('max ack latency of our app, all rates (ms)', '< 3000', maxAck, maxAck < 3_000),
      check('our app: non-2xx, errors and timeouts', '0', failed, failed === 0),
      check('acked requests of our app that got no reply', '0', unansweredInAll, unansweredInAll === 0),
      check('slowest request → reply of our app, all rates (ms)', 'reported', round(slowestReplyMs), null),
      check('commands of our app refused "busy" in the ack, all rates', 'reported', busyInAll, null),
    ],
    notes: [
      `${options.durationS} s per rate and target after a ${options.warmupS} s warm-up at 50 req/s. autocannon sends each second's requests as a burst at the start of the second (one in flight per connection, rate/5 connections), for both targets alike; latencies are raw per-request times.`,
      'Request → reply rows: from the moment the runner made a request to the moment its respond() reply reached the Slack stand-in (both clocks on this machine). The app acks first and does the work after, through a bounded queue (src/slack/follow-ups.ts): when the app cannot keep up, replies wait in that queue while acks stay fast.',
      `CPU% columns: share of one core each process used during the run (2 cores in all); the runner is the load generator; "load 1m" is the machine's 1-minute load average after the run (above 2, processes were waiting for a core). Before each run the harness waited for the processes to go idle (${round(settleMs / 1000, 1)} s in all).`,
    ],
  };
}

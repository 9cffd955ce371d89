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
import { round } from './support/stats.js';

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
  const appBody = statusBodies(stack.responseUrls);
  // The bare app never calls respond(), so its bodies need no live response_url.
  const bareBody = statusBodies([]);
  const targets = [
    { name: 'bare Bolt (ack only)', url: `${stack.bare.url}/slack/events`, body: bareBody },
    { name: 'our app', url: `${stack.app.url}/slack/events`, body: appBody },
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
  const runs: LoadRun[] = [];
  const rows: Array<Record<string, Figure>> = [];
  let settleMs = 0;
  for (const rate of options.rates) {
    for (const target of targets) {
      // Each run starts from idle: the app may still be answering (respond()) the previous run.
      settleMs += await waitForQuiet(Object.values(pids));
      const { value: run, cpu } = await withCpu(pids, () =>
        runSignedLoad({
          target: target.name,
          url: target.url,
          rate,
          durationS: options.durationS,
          signingSecret: SIGNING_SECRET,
          body: target.body,
        }),
      );
      runs.push(run);
      rows.push(row(run, cpu));
    }
  }
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
    ],
    notes: [
      `${options.durationS} s per rate and target after a ${options.warmupS} s warm-up at 50 req/s. autocannon sends each second's requests as a burst at the start of the second (one in flight per connection, rate/5 connections), for both targets alike; latencies are raw per-request times.`,
      `CPU% columns: share of one core each process used during the run (2 cores in all); the runner is the load generator; "load 1m" is the machine's 1-minute load average after the run (above 2, processes were waiting for a core). Before each run the harness waited for the processes to go idle (${round(settleMs / 1000, 1)} s in all).`,
    ],
  };
}

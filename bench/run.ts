/**
 * `npm run bench`: every benchmark in one go (issue 9), against separate processes on loopback.
 * Prints each benchmark's figures as a table and writes them all to bench/results/latest.json.
 *   --quick   short durations and a 10,000-member "large" workspace (for trying the harness; the
 *             figures are not the ones to report)
 *   --skip-emulator   leave out bench/mongo-emulator.ts
 *   --only 1,2   run only these benchmarks (by number; 6 comes with 1, the emulator is left out;
 *                without 2 the workspace is never grown to 100,000 members)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { benchAckLatency, busyPids } from './ack-latency.js';
import { benchConnectedUsers } from './connected-users.js';
import { benchDisconnect } from './disconnect.js';
import { benchEmulator } from './emulator.js';
import { benchOrgSize } from './org-size.js';
import { benchRefreshRace } from './refresh-race.js';
import { rssMiB, waitForQuiet } from './support/processes.js';
import { type BenchResult, check, printResult, runBench } from './support/report.js';
import { memberEmail, SMALL_TEAM_ID, TEAM_ID, ZOOM_ADMIN_FOR } from './support/scenario.js';
import { type Stack, startStack } from './support/stack.js';
import { round } from './support/stats.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-emulator': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
  strict: true,
});
const quick = values.quick === true;
const only = z
  .string()
  .regex(/^[1-6](,[1-6])*$/, '--only takes benchmark numbers, e.g. --only 1,3')
  .transform((v) => new Set(v.split(',')))
  .optional()
  .parse(values.only);
const wanted = (id: string) => only === undefined || only.has(id.slice(0, 1));

const settings = {
  ack: { rates: [50, 200, 500], durationS: quick ? 3 : 10, warmupS: quick ? 1 : 3, compareRate: 200 },
  orgSize: {
    small: 100,
    large: quick ? 10_000 : 100_000,
    statusCalls: quick ? 100 : 400,
    commandRate: 50,
    commandDurationS: quick ? 3 : 8,
  },
  connectedUsers: { calls: quick ? 5 : 25 },
  disconnect: { workspaces: [SMALL_TEAM_ID, TEAM_ID], repeats: 3 },
  race: { instances: 3, creations: 200, refreshDelayMs: 200 },
};

const log = (line: string) => console.log(line);
const slackErrors = z.object({ errors: z.array(z.object({ method: z.string(), error: z.string() })) });

/** Heap in use (MiB) from the app's Prometheus /metrics, to tell retained memory from a leak. */
async function appHeapMiB(stack: Stack): Promise<number | null> {
  try {
    const text = await (
      await fetch(`${stack.app.metricsUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })
    ).text();
    const match = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
    return match ? round(Number(match[1]) / 1024 / 1024, 1) : null;
  } catch {
    return null;
  }
}

async function slackErrorSummary(stack: Stack): Promise<string> {
  const response = await fetch(`${stack.slack.url}/_sandbox/errors`);
  const { errors } = slackErrors.parse(await response.json());
  if (errors.length === 0)
    return 'the Slack stand-in recorded no error (every respond()/Web API call it got was valid)';
  const byKind = new Map<string, number>();
  for (const e of errors)
    byKind.set(`${e.method}: ${e.error}`, (byKind.get(`${e.method}: ${e.error}`) ?? 0) + 1);
  return `the Slack stand-in recorded ${errors.length} error(s): ${[...byKind].map(([k, n]) => `${k} ×${n}`).join(', ')}`;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg().map((v) => round(v, 2));
  log(
    `zoom-org-connect benchmarks${quick ? ' (--quick: NOT the figures to report)' : ''} — ${cpus().length} CPU(s), Node ${process.version}`,
  );
  // The app runs as production does (node dist/main.js): build it from the current sources first.
  log('building the app (npm run build) …');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`);
  const stack = await startStack(log);
  const results: BenchResult[] = [];
  try {
    // The baseline world: the bench workspace with 100 members and an active org connection, and a
    // second 100-member workspace for the small side of the disconnect benchmark.
    await stack.world.seedMembers(TEAM_ID, 0, settings.orgSize.small, (i) => memberEmail(TEAM_ID, i));
    await stack.world.connectOrg(TEAM_ID, ZOOM_ADMIN_FOR[TEAM_ID] ?? '');
    await stack.world.seedMembers(SMALL_TEAM_ID, 0, 100, (i) => memberEmail(SMALL_TEAM_ID, i));
    await stack.world.connectOrg(SMALL_TEAM_ID, ZOOM_ADMIN_FOR[SMALL_TEAM_ID] ?? '');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idle = { app: rssMiB(stack.app.pid), bare: rssMiB(stack.bare.pid), heap: await appHeapMiB(stack) };

    if (wanted('1') || wanted('6')) {
      const ack = await runBench(
        '1-ack-latency',
        '/zoom-status ack latency and throughput vs a bare Bolt app',
        () => benchAckLatency(stack, settings.ack),
      );
      if (!ack.skipped)
        ack.notes.push(
          await slackErrorSummary(stack).catch((e: unknown) => `Slack stand-in errors: ${String(e)}`),
        );
      results.push(ack);
      printResult(ack);

      const after = {
        app: rssMiB(stack.app.pid),
        bare: rssMiB(stack.bare.pid),
        heap: await appHeapMiB(stack),
      };
      const settledAfterMs = await waitForQuiet(Object.values(busyPids(stack)));
      const settled = {
        app: rssMiB(stack.app.pid),
        bare: rssMiB(stack.bare.pid),
        heap: await appHeapMiB(stack),
      };
      const memory: BenchResult = {
        id: '6-memory',
        title: 'RSS of one app instance, idle and after benchmark 1',
        rows: [
          {
            process: 'our app: RSS',
            'idle (MiB)': idle.app,
            'right after benchmark 1 (MiB)': after.app,
            'after it went idle again (MiB)': settled.app,
          },
          {
            process: 'our app: V8 heap used (/metrics)',
            'idle (MiB)': idle.heap,
            'right after benchmark 1 (MiB)': after.heap,
            'after it went idle again (MiB)': settled.heap,
          },
          {
            process: 'bare Bolt app: RSS',
            'idle (MiB)': idle.bare,
            'right after benchmark 1 (MiB)': after.bare,
            'after it went idle again (MiB)': settled.bare,
          },
        ],
        checks: [
          check('app RSS idle (MiB)', 'reported', idle.app, null),
          check('app RSS after benchmark 1 (MiB)', 'reported', after.app, null),
        ],
        notes: [
          `VmRSS from /proc/<pid>/status of the app process (node dist/main.js, the production entry)${ack.skipped ? '; benchmark 1 was skipped, so "after" saw no load' : ''}. "Went idle again": ${round(settledAfterMs / 1000, 1)} s after the last run, once the processes used under 10% of a core.`,
        ],
        durationS: 0,
      };
      results.push(memory);
      printResult(memory);
    }

    const steps: Array<[string, string, () => Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>>]> = [
      [
        '2-org-size',
        `getStatus and /zoom-status with ${settings.orgSize.small} vs ${settings.orgSize.large} members`,
        () => benchOrgSize(stack, settings.orgSize),
      ],
      [
        '3-connected-users',
        `connected-users first page and counts at ${settings.orgSize.large} members`,
        () =>
          benchConnectedUsers(stack, {
            calls: settings.connectedUsers.calls,
            members: settings.orgSize.large,
          }),
      ],
      [
        '4-org-disconnect',
        'organization disconnect: time and database writes',
        () => benchDisconnect(stack, settings.disconnect),
      ],
      [
        '5-refresh-race',
        `${settings.race.creations} meeting creations across ${settings.race.instances} instances at token expiry`,
        () => benchRefreshRace(stack, settings.race),
      ],
    ];
    for (const [id, title, body] of steps) {
      if (!wanted(id)) continue;
      await waitForQuiet(Object.values(busyPids(stack)));
      const result = await runBench(id, title, body);
      results.push(result);
      printResult(result);
    }
    // Does the app's memory keep growing, or was it a one-off? Its state at the very end says.
    const memory = results.find((r) => r.id === '6-memory');
    if (memory && results.length > 2) {
      await waitForQuiet(Object.values(busyPids(stack)));
      const end = { app: rssMiB(stack.app.pid), bare: rssMiB(stack.bare.pid), heap: await appHeapMiB(stack) };
      const [rssRow, heapRow, bareRow] = memory.rows;
      if (rssRow) rssRow['at the end of the run (MiB)'] = end.app;
      if (heapRow) heapRow['at the end of the run (MiB)'] = end.heap;
      if (bareRow) bareRow['at the end of the run (MiB)'] = end.bare;
      memory.notes.push(
        '"At the end of the run": after benchmarks 2-5, once idle (the app served benchmark 2\'s /zoom-status load too).',
      );
      printResult(memory);
    }
  } finally {
    await stack.stop();
  }
  if (!values['skip-emulator'] && only === undefined) {
    const emulator = await runBench(
      'mongo-emulator',
      'MongoDB emulator: driver operations at 100 and 100,000 documents',
      benchEmulator,
    );
    results.push(emulator);
    printResult(emulator);
  }

  const report = {
    date: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    quick,
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      platform: `${platform()} ${release()}`,
      node: process.version,
    },
    // The machine is shared: a load average above the core count means our processes waited for CPU.
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((v) => round(v, 2)) },
    database: { kind: stack.database.kind, label: stack.database.label },
    settings,
    note: 'Absolute times come from a noisy 2-core machine running the app, the stand-ins, the database and the load generator together; the ratios are what we track.',
    results,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
  log('');
  log(`database: ${stack.database.label}`);
  log(
    `machine load average (1, 5, 15 min): ${report.loadAverage.atStart.join(' ')} at start, ${report.loadAverage.atEnd.join(' ')} at end, on ${cpus().length} cores`,
  );
  const failed = results.flatMap((r) =>
    r.checks.filter((c) => c.pass === false).map((c) => `${r.id}: ${c.name}`),
  );
  const skipped = results.filter((r) => r.skipped).map((r) => r.id);
  log(
    `checks failed: ${failed.length === 0 ? 'none' : failed.join('; ')}${skipped.length ? ` — skipped: ${skipped.join(', ')}` : ''}`,
  );
  log(`written bench/results/latest.json (${report.durationS} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

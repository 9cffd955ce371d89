/**
 * Benchmark 3: the admin's connected-users list at 100,000 members: the first page, the counts, and
 * both together (what the list view needs), through the core service in the runner's process.
 */
import { type BenchResult, check, type Figure } from './support/report.js';
import { ADMIN_ID, TEAM_ID } from './support/scenario.js';
import type { Stack } from './support/stack.js';
import { median, percentile, round, timeEach } from './support/stats.js';

export async function benchConnectedUsers(
  stack: Stack,
  options: { calls: number; members: number },
): Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>> {
  const { connectedUsers } = stack.world.services;
  const total = await stack.world.models.members.countDocuments({ workspaceId: TEAM_ID, deleted: false });
  const probes: Array<{ name: string; run: () => Promise<unknown> }> = [
    { name: 'list: first page (all)', run: () => connectedUsers.list(TEAM_ID, ADMIN_ID) },
    { name: 'list: first page (org)', run: () => connectedUsers.list(TEAM_ID, ADMIN_ID, { filter: 'org' }) },
    { name: 'counts', run: () => connectedUsers.counts(TEAM_ID, ADMIN_ID) },
    {
      name: 'first page + counts',
      run: () =>
        Promise.all([connectedUsers.list(TEAM_ID, ADMIN_ID), connectedUsers.counts(TEAM_ID, ADMIN_ID)]),
    },
  ];
  const rows: Array<Record<string, Figure>> = [];
  const medians = new Map<string, number>();
  for (const probe of probes) {
    await timeEach(3, probe.run);
    const samples = await timeEach(options.calls, probe.run);
    medians.set(probe.name, median(samples));
    rows.push({
      operation: probe.name,
      members: total,
      calls: options.calls,
      'median (ms)': round(median(samples), 2),
      'p90 (ms)': round(percentile(samples, 90), 2),
      'max (ms)': round(Math.max(...samples), 2),
    });
  }
  // Which of the counts costs what: the driver's own round-trip time of each command of one call.
  const commands = await stack.world.timeCommands(() => connectedUsers.counts(TEAM_ID, ADMIN_ID));
  const perCommand = commands
    .filter((c) => c.name === 'aggregate' || c.name === 'count')
    .map((c) => `${round(c.durationMs, 1)} ms ${c.name} ${c.filter}`);
  const page = round(medians.get('list: first page (all)') ?? Number.NaN, 2);
  const counts = round(medians.get('counts') ?? Number.NaN, 2);
  const both = round(medians.get('first page + counts') ?? Number.NaN, 2);
  return {
    rows,
    checks: [
      check('first page median (ms)', '< 150', page, page < 150),
      check('counts median (ms)', '< 150', counts, counts < 150),
      check('first page + counts median (ms)', '< 150', both, both < 150),
    ],
    notes: [
      `${options.calls} sequential calls per operation after 3 warm-up calls; ${total} members in the workspace.`,
      `One counts() call, command by command (driver-measured round trips; the service sends them in parallel, so each includes waiting for the others): ${perCommand.join('; ')}`,
    ],
  };
}

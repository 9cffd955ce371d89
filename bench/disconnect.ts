/**
 * Benchmark 4: disconnecting the organization connection must be constant work, whatever the number
 * of members. Time and database writes (insert/update/delete/findAndModify commands, counted with the
 * driver's command monitoring on the runner's connection) at 100 and at 100,000 members. Each
 * measured disconnect is followed by an unmeasured reconnect through the full approval flow.
 */
import { type BenchResult, check, type Figure } from './support/report.js';
import { ADMIN_ID, ZOOM_ADMIN_FOR } from './support/scenario.js';
import type { Stack } from './support/stack.js';
import { median, round } from './support/stats.js';
import { WRITE_COMMANDS } from './support/world.js';

interface Measured {
  workspaceId: string;
  members: number;
  timesMs: number[];
  writes: number[];
  commands: Record<string, number>;
}

export async function benchDisconnect(
  stack: Stack,
  options: { workspaces: string[]; repeats: number },
): Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>> {
  const { world } = stack;
  const results: Measured[] = [];
  for (const workspaceId of options.workspaces) {
    const zoomAdmin = ZOOM_ADMIN_FOR[workspaceId];
    if (!zoomAdmin) throw new Error(`no Zoom admin for ${workspaceId}`);
    const members = await world.models.members.countDocuments({ workspaceId });
    const measured: Measured = { workspaceId, members, timesMs: [], writes: [], commands: {} };
    for (let i = 0; i < options.repeats; i += 1) {
      const org = await world.models.orgConnections.findOne({ workspaceId }, { status: 1 }).lean();
      if (org?.status !== 'active') await world.connectOrg(workspaceId, zoomAdmin);
      const stop = world.writes.start();
      const start = process.hrtime.bigint();
      await world.services.connectionLoss.lose(workspaceId, {
        reason: 'admin_disconnected',
        actorId: ADMIN_ID,
      });
      measured.timesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
      const commands = stop();
      measured.writes.push(
        Object.entries(commands)
          .filter(([name]) => WRITE_COMMANDS.has(name))
          .reduce((sum, [, n]) => sum + n, 0),
      );
      measured.commands = commands;
    }
    // Leave the workspace connected, as it was.
    await world.connectOrg(workspaceId, zoomAdmin);
    results.push(measured);
  }
  const rows: Array<Record<string, Figure>> = results.map((m) => ({
    workspace: m.workspaceId,
    members: m.members,
    'median time (ms)': round(median(m.timesMs), 2),
    'max time (ms)': round(Math.max(...m.timesMs), 2),
    'writes per disconnect': m.writes.join(', '),
    'all commands (last run)': Object.entries(m.commands)
      .map(([name, n]) => `${name} ${n}`)
      .join(', '),
  }));
  const allWrites = results.flatMap((m) => m.writes);
  const constant = allWrites.every((n) => n === allWrites[0]);
  const large = results.at(-1);
  return {
    rows,
    checks: [
      check('writes per disconnect, every size and run', 'the same number', allWrites.join(' / '), constant),
      check(
        `writes per disconnect at ${large?.members ?? '?'} members`,
        'constant (no per-member writes)',
        large?.writes[0] ?? null,
        large ? (large.writes[0] ?? Number.POSITIVE_INFINITY) < 10 : null,
      ),
      check(
        'median disconnect time at the largest size (ms)',
        'reported',
        large ? round(median(large.timesMs), 2) : null,
        null,
      ),
    ],
    notes: [
      `${options.repeats} disconnects per workspace. "all commands" lists every command the runner's connection sent during the last disconnect (reads included); the Zoom revoke call is part of the time.`,
    ],
  };
}

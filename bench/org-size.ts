/**
 * Benchmark 2: does the cost of answering one member depend on the size of the organization?
 * Active-account resolution (`services.status.getStatus`, in the runner's process) and `/zoom-status`
 * (over HTTP against the app process) with 100 members in the workspace, then again after the same
 * workspace grew to 100,000 members (bulk-inserted straight into the collection).
 */
import { appAnswersStatus, busyPids, repliesSinceLastCall, replyLatencies } from './ack-latency.js';
import { statusBodies } from './support/commands.js';
import { runSignedLoad } from './support/load.js';
import { waitForQuiet } from './support/processes.js';
import { type BenchResult, check, type Figure } from './support/report.js';
import { COMMAND_USERS, memberEmail, SIGNING_SECRET, TEAM_ID, userId } from './support/scenario.js';
import type { Stack } from './support/stack.js';
import { median, percentile, round, timeEach } from './support/stats.js';

export interface OrgSizeOptions {
  small: number;
  large: number;
  statusCalls: number;
  commandRate: number;
  commandDurationS: number;
}

interface Phase {
  members: number;
  getStatus: number[];
  command: {
    p50: number;
    p99: number;
    max: number;
    completed: number;
    /** Request → reply at the Slack stand-in: the whole job (reads, view, respond()). */
    replyMs: number[];
    unanswered: number;
  } | null;
}

export async function benchOrgSize(
  stack: Stack,
  options: OrgSizeOptions,
): Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>> {
  const answers = (await appAnswersStatus(stack)).ok;
  const notes: string[] = [];
  if (!answers) notes.push('the app does not answer /zoom-status yet: only getStatus was measured');

  async function measure(members: number, pick: (i: number) => string): Promise<Phase> {
    // Start from idle: neither a previous load nor the bulk insert may still be running.
    await waitForQuiet(Object.values(busyPids(stack)));
    // Warm-up, then one call at a time: this is the latency of one resolution, not a load test.
    await timeEach(200, (i) => stack.world.services.status.getStatus(TEAM_ID, pick(i)));
    const getStatus = await timeEach(options.statusCalls, (i) =>
      stack.world.services.status.getStatus(TEAM_ID, pick(i)),
    );
    let command: Phase['command'] = null;
    if (answers) {
      const sentAt = new Map<number, number[]>();
      await repliesSinceLastCall(stack);
      const run = await runSignedLoad({
        target: `app, ${members} members`,
        url: `${stack.app.url}/slack/events`,
        rate: options.commandRate,
        durationS: options.commandDurationS,
        signingSecret: SIGNING_SECRET,
        body: statusBodies(stack.responseUrls, '/zoom-status', (urlIndex) => {
          sentAt.set(urlIndex, [...(sentAt.get(urlIndex) ?? []), Date.now()]);
        }),
      });
      await waitForQuiet(Object.values(busyPids(stack)));
      const replies = replyLatencies(sentAt, await repliesSinceLastCall(stack));
      command = {
        p50: run.p50Ms,
        p99: run.p99Ms,
        max: run.maxMs,
        completed: run.completed,
        replyMs: replies.latenciesMs,
        unanswered: replies.unanswered,
      };
    }
    return { members, getStatus, command };
  }

  const small = await measure(options.small, (i) => userId(i % Math.min(COMMAND_USERS, options.small)));
  const seedStart = Date.now();
  await stack.world.seedMembers(TEAM_ID, options.small, options.large - options.small, (i) =>
    memberEmail(TEAM_ID, i),
  );
  notes.push(
    `${options.large - options.small} members inserted with insertMany in ${round((Date.now() - seedStart) / 1000, 1)} s`,
  );
  // Sample members spread over the whole (now large) workspace.
  const stride = Math.floor(options.large / options.statusCalls) || 1;
  const large = await measure(options.large, (i) => userId((i * stride + 7) % options.large));

  const rows: Array<Record<string, Figure>> = [small, large].map((phase) => ({
    members: phase.members,
    'getStatus median (ms)': round(median(phase.getStatus), 3),
    'getStatus p99 (ms)': round(percentile(phase.getStatus, 99), 3),
    '/zoom-status p50 (ms)': phase.command?.p50 ?? null,
    '/zoom-status p99 (ms)': phase.command?.p99 ?? null,
    '/zoom-status max (ms)': phase.command?.max ?? null,
    '/zoom-status reply p50 (ms)': phase.command ? round(median(phase.command.replyMs)) : null,
    '/zoom-status reply p99 (ms)': phase.command ? round(percentile(phase.command.replyMs, 99)) : null,
    'no reply': phase.command?.unanswered ?? null,
  }));
  const statusRatio = round(median(large.getStatus) / median(small.getStatus));
  const commandRatio =
    small.command && large.command && small.command.p50 > 0
      ? round(large.command.p50 / small.command.p50)
      : null;
  const replyRatio =
    small.command && large.command && small.command.replyMs.length > 0 && large.command.replyMs.length > 0
      ? round(median(large.command.replyMs) / median(small.command.replyMs))
      : null;
  notes.push(
    '/zoom-status p50/p99/max: the ack (sent before any database read, so it cannot depend on size; at a few ms, 1 ms of noise moves this ratio by 0.1 or more). Reply: from the request to its respond() reply at the Slack stand-in, the whole job.',
  );
  notes.push(
    `getStatus: ${options.statusCalls} sequential calls per size (after 200 warm-up calls); /zoom-status: autocannon at ${options.commandRate} req/s for ${options.commandDurationS} s per size.`,
  );
  return {
    rows,
    checks: [
      check('getStatus median ratio 100k/100', '< 1.3', statusRatio, statusRatio < 1.3),
      check(
        '/zoom-status ack p50 ratio 100k/100',
        '< 1.3',
        commandRatio,
        commandRatio === null ? null : commandRatio < 1.3,
      ),
      check(
        '/zoom-status request → reply p50 ratio 100k/100',
        '< 1.3',
        replyRatio,
        replyRatio === null ? null : replyRatio < 1.3,
      ),
      check(
        '/zoom-status requests without a reply',
        '0',
        (small.command?.unanswered ?? 0) + (large.command?.unanswered ?? 0),
        (small.command?.unanswered ?? 0) + (large.command?.unanswered ?? 0) === 0,
      ),
    ],
    notes,
  };
}

/**
 * Lease-based jobs (DESIGN §4.2) across two app instances on one database, an instance dying
 * mid-run, and what the jobs do for people: the health check notices a demoted Zoom admin before
 * any member hits the failure, the 24 h reminder, and expiry with a DM to the requester. Time is
 * driven by the harness clock shared by both instances and the Zoom stand-in.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../../../src/app.js';
import { createLeaseManager } from '../../../src/jobs/leases.js';
import { createJobScheduler } from '../../../src/jobs/scheduler.js';
import { connectOrg } from './support/flows.js';
import {
  approvalLinkIn,
  createTestClock,
  type ReliabilityHarness,
  startReliabilityHarness,
  T,
  text,
  until,
} from './support/harness.js';

const HOUR = 3600_000;
let h: ReliabilityHarness;
let second: BuiltApp;

beforeAll(async () => {
  h = await startReliabilityHarness('jobs');
  second = (await h.startInstance('instance-2')).app;
});
afterAll(async () => {
  await h?.stop();
});

async function jobRunsMetric(app: BuiltApp, job: string, outcome: string): Promise<number> {
  const metric = await app.metrics.jobRuns.get();
  return metric.values.find((v) => v.labels.job === job && v.labels.outcome === outcome)?.value ?? 0;
}

describe('two instances, one database', () => {
  it('ticking both at once runs each job exactly once', async () => {
    const [a, b] = await Promise.all([h.app.jobs.tick(), second.jobs.tick()]);
    const names = ['expire-requests', 'approval-reminders', 'org-health', 'directory-sync'];
    for (const job of names) {
      const ran = [...a, ...b].filter((r) => r.job === job && r.outcome === 'ran');
      expect(ran, job).toHaveLength(1);
      const viaMetrics = (await jobRunsMetric(h.app, job, 'ran')) + (await jobRunsMetric(second, job, 'ran'));
      expect(viaMetrics, job).toBe(1);
    }
    expect([...a, ...b].filter((r) => r.outcome === 'failed')).toEqual([]);
    // Ticking again right away runs nothing: every lease is held until the next due time.
    const again = await Promise.all([h.app.jobs.tick(), second.jobs.tick()]);
    expect(again.flat().filter((r) => r.outcome === 'ran')).toEqual([]);
  });

  it('an instance that dies mid-run: another takes over once the lease expires', async () => {
    const clock = createTestClock();
    const logger = pino({ level: 'silent' });
    const runs: string[] = [];
    const job = (holder: string, hang: boolean) => ({
      name: `takeover-${Date.now()}`,
      intervalMs: 10 * 60_000,
      maxRunMs: 2 * 60_000,
      run: () => {
        runs.push(holder);
        // The "dead" instance never finishes and never releases its lease.
        return hang ? new Promise<void>(() => undefined) : Promise.resolve();
      },
    });
    const deadJob = job('dead', true);
    const liveJob = { ...job('alive', false), name: deadJob.name };
    const dead = createJobScheduler({
      jobs: [deadJob],
      leases: createLeaseManager({ leases: h.app.models.leases, holder: 'dead', clock }),
      logger,
      clock,
    });
    const alive = createJobScheduler({
      jobs: [liveJob],
      leases: createLeaseManager({ leases: h.app.models.leases, holder: 'alive', clock }),
      logger,
      clock,
    });
    void dead.tick();
    await until(() => runs.includes('dead'), 5_000, 'the dead instance to start');
    expect(await alive.tick()).toEqual([{ job: deadJob.name, outcome: 'skipped' }]);
    clock.advance(60_000);
    expect(await alive.tick()).toEqual([{ job: deadJob.name, outcome: 'skipped' }]);
    clock.advance(61_000); // past maxRunMs
    expect(await alive.tick()).toEqual([{ job: deadJob.name, outcome: 'ran' }]);
    expect(runs).toEqual(['dead', 'alive']);
    const lease = await h.app.models.leases.findOne({ name: `job:${deadJob.name}` }).lean();
    expect(lease?.holder).toBe('alive');
  });
});

describe('database unavailable', () => {
  it('a scheduler told the database is down does not wait on leases at all', async () => {
    let ran = 0;
    const scheduler = createJobScheduler({
      jobs: [
        {
          name: 'never',
          intervalMs: 60_000,
          maxRunMs: 60_000,
          run: async () => {
            ran += 1;
          },
        },
      ],
      leases: createLeaseManager({ leases: h.app.models.leases, holder: 'x' }),
      logger: pino({ level: 'silent' }),
      isDatabaseUp: () => false,
    });
    expect(await scheduler.tick()).toEqual([]);
    expect(ran).toBe(0);
    expect(await h.app.models.leases.countDocuments({ name: 'job:never' })).toBe(0);
  });
});

describe('what the jobs do', () => {
  it('health check: a demoted Zoom admin is noticed and admins alerted before any member fails', async () => {
    await connectOrg(h);
    const admin = h.slack.user(T, 'U_SLACKADMIN');
    const alice = h.slack.user(T, 'U_ALICE');
    const adminDms = admin.dms().length;
    // No webhook reaches us: only the job can notice.
    h.zoom.control.setWebhookTarget(null);
    try {
      await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Member' });
      const org = await h.app.models.orgConnections.findOne({ workspaceId: T }).lean();
      expect(org?.status).toBe('active');
      h.clock.advance(HOUR); // org-health is due again (30 min interval)
      const ran = await Promise.all([h.app.jobs.tick(), second.jobs.tick()]);
      expect(ran.flat().filter((r) => r.job === 'org-health' && r.outcome === 'ran')).toHaveLength(1);
      const after = await h.app.models.orgConnections.findOne({ workspaceId: T }).lean();
      expect(after?.status).toBe('needs_reconnect');
      const alert = await admin.waitFor(
        () =>
          admin
            .dms()
            .slice(adminDms)
            .find((m) => /no longer a Zoom admin/.test(text(m))),
        5_000,
      );
      expect(text(alert)).toContain('Reconnect');
      // Alice has not tried anything yet, and already sees why it will not work.
      const status = await alice.command('/zoom-status');
      expect(status.status).toBe(200);
      await alice.waitFor(() => /reconnect/i.test(text(alice.ephemerals().at(-1))), 5_000);
      // Metrics: org connections by state, set by the job.
      const gauge = await h.app.metrics.orgConnections.get();
      const total = gauge.values.concat((await second.metrics.orgConnections.get()).values);
      expect(total.some((v) => v.labels.status === 'needs_reconnect' && v.value === 1)).toBe(true);
    } finally {
      await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Admin' });
      h.zoom.control.setWebhookTarget(`${h.url}/zoom/webhooks`);
    }
  });

  it('24 h reminder to the recipient, then expiry with a DM to the requester', async () => {
    const admin = h.slack.user(T, 'U_SLACKADMIN');
    const owner = h.slack.user(T, 'U_OWNER');
    await admin.command('/zoom-connect', 'org');
    await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
    await admin.submit({ connect_recipient: { connect_recipient_pick: 'U_OWNER' } });
    const link = approvalLinkIn(admin.lastModal()?.view);
    expect(link).toBeDefined();
    await owner.waitFor(() => owner.dms().some((m) => approvalLinkIn(m) === link), 5_000);
    const ownerDms = owner.dms().length;

    h.clock.advance(23 * HOUR);
    await Promise.all([h.app.jobs.tick(), second.jobs.tick()]);
    await h.slack.settle();
    expect(owner.dms().length).toBe(ownerDms); // not yet

    h.clock.advance(2 * HOUR);
    await Promise.all([h.app.jobs.tick(), second.jobs.tick()]);
    const reminder = await owner.waitFor(() => owner.dms().at(ownerDms), 5_000);
    expect(approvalLinkIn(reminder)).toBe(link);
    // Once only.
    h.clock.advance(HOUR);
    await Promise.all([h.app.jobs.tick(), second.jobs.tick()]);
    await h.slack.settle();
    expect(owner.dms().length).toBe(ownerDms + 1);

    const adminDms = admin.dms().length;
    h.clock.advance(7 * 24 * HOUR);
    await Promise.all([h.app.jobs.tick(), second.jobs.tick()]);
    const expired = await admin.waitFor(
      () =>
        admin
          .dms()
          .slice(adminDms)
          .find((m) => /expired/i.test(text(m))),
      5_000,
    );
    expect(expired).toBeDefined();
    expect(
      admin
        .dms()
        .slice(adminDms)
        .filter((m) => /expired/i.test(text(m))),
    ).toHaveLength(1);
    const page = await fetch(link ?? '');
    expect(page.status).toBe(410);
    expect(h.slack.errors()).toEqual([]);
  });
});

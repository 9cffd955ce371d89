/**
 * DESIGN §1.8 end to end: Zoom tells us (signed webhooks sent by the Zoom stand-in to the real
 * route) that the Zoom user behind the organization connection is gone, demoted, or removed the
 * app; admins are told with a Reconnect button, members with upcoming meetings through it get one
 * DM listing them, and `/zoom-status` shows the change. Then the personal app's removal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOrg, connectPersonal, meet, statusOf } from './support/flows.js';
import {
  type ReliabilityHarness,
  secretLeaks,
  startReliabilityHarness,
  T,
  text,
  until,
} from './support/harness.js';

let h: ReliabilityHarness;

beforeAll(async () => {
  h = await startReliabilityHarness('zoom_webhooks');
});
afterAll(async () => {
  await h?.stop();
});

async function orgStatus(): Promise<string | undefined> {
  const org = await h.app.models.orgConnections.findOne({ workspaceId: T }).lean();
  return org?.status;
}

/** Admin DMs and Alice's DMs after `act`, once the expected state is reached. */
async function expectOrgLost(
  act: () => Promise<unknown>,
  expected: 'disconnected' | 'needs_reconnect',
  reason: RegExp,
  topic: string,
) {
  const admin = h.slack.user(T, 'U_SLACKADMIN');
  const alice = h.slack.user(T, 'U_ALICE');
  const adminBefore = admin.dms().length;
  const aliceBefore = alice.dms().length;
  await act();
  await until(async () => (await orgStatus()) === expected, 5_000, `org ${expected}`);
  await h.slack.settle();
  expect(await orgStatus()).toBe(expected);
  const alert = await admin.waitFor(
    () =>
      admin
        .dms()
        .slice(adminBefore)
        .find((m) => /Reconnect/.test(text(m))),
    5_000,
  );
  expect(text(alert)).toMatch(reason);
  expect(text(alert)).toMatch(/"type":"button"/);
  // Alice created `topic` through the organization connection: one DM naming it.
  const aliceDm = await alice.waitFor(
    () =>
      alice
        .dms()
        .slice(aliceBefore)
        .find((m) => text(m).includes(topic)),
    5_000,
  );
  expect(aliceDm).toBeDefined();
  expect(
    alice
      .dms()
      .slice(aliceBefore)
      .filter((m) => text(m).includes(topic)),
  ).toHaveLength(1);
  expect(await statusOf(h, 'U_ALICE')).toMatch(
    expected === 'disconnected' ? /No Zoom account is active/ : /reconnect/i,
  );
  // And on her Home tab.
  await alice.openHome();
  expect(text(alice.home())).toMatch(
    expected === 'disconnected' ? /No Zoom account is active/ : /reconnect/i,
  );
}

describe('Zoom webhooks about the organization connection', () => {
  it('app_deauthorized for the org app → disconnected, everyone told', async () => {
    await connectOrg(h);
    await meet(h, 'U_ALICE', 'Deauth review');
    expect(await statusOf(h, 'U_ALICE')).toMatch(/organization/i);
    await expectOrgLost(
      () => h.zoom.control.deauthorize('org-app', 'zoom-admin@acme.test'),
      'disconnected',
      /removed from the Zoom account/,
      'Deauth review',
    );
  });

  it('user.updated losing Owner/Admin → needs_reconnect', async () => {
    await connectOrg(h);
    expect(await orgStatus()).toBe('active');
    await meet(h, 'U_ALICE', 'Demotion sync');
    try {
      await expectOrgLost(
        () => h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Member' }),
        'needs_reconnect',
        /no longer a Zoom admin/,
        'Demotion sync',
      );
    } finally {
      await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Admin' });
    }
    // Getting the role back does not silently revive the connection: a new approval is needed.
    expect(await orgStatus()).toBe('needs_reconnect');
    // Zoe, whose Zoom role change stopped it (not a Slack admin), is told it was her Zoom user.
    const zoe = h.slack.user(T, 'U_ZOOMADMIN');
    expect(zoe.dms().some((m) => m.allText.includes('ran through your Zoom user zoom-admin@acme.test'))).toBe(
      true,
    );
  });

  it('once reconnected, the admins’ alert says it is resolved and offers Reconnect no more', async () => {
    const admin = h.slack.user(T, 'U_SLACKADMIN');
    const alert = admin.dms().findLast((m) => m.allText.includes('Zoom connection needs reconnecting'));
    expect(text(alert?.blocks)).toContain('connect_org');
    await connectOrg(h);
    await until(
      () =>
        admin
          .dms()
          .find((m) => m.ts === alert?.ts)
          ?.allText.includes('Resolved on') ?? false,
      5_000,
      'alert rewritten',
    );
    expect(text(admin.dms().find((m) => m.ts === alert?.ts)?.blocks)).not.toContain('connect_org');
  });

  it('user.deactivated → disconnected', async () => {
    await connectOrg(h);
    await meet(h, 'U_ALICE', 'Deactivation standup');
    try {
      await expectOrgLost(
        () => h.zoom.control.setUser('zoom-admin@acme.test', { status: 'inactive' }),
        'disconnected',
        /zoom-admin@acme\.test was deactivated/,
        'Deactivation standup',
      );
    } finally {
      await h.zoom.control.setUser('zoom-admin@acme.test', { status: 'active' });
    }
  });

  it('user.disassociated → disconnected', async () => {
    await connectOrg(h);
    await meet(h, 'U_ALICE', 'Disassociation retro');
    const zoomAdmin = h.zoom.control.state().users.find((u) => u.email === 'zoom-admin@acme.test');
    expect(zoomAdmin).toBeDefined();
    await expectOrgLost(
      () =>
        h.zoom.control.sendWebhook('org-app', 'user.disassociated', {
          account_id: 'acme',
          operator: 'owner@acme.test',
          object: { id: zoomAdmin?.id, email: 'zoom-admin@acme.test' },
        }),
      'disconnected',
      /zoom-admin@acme\.test was removed from the Zoom account/,
      'Disassociation retro',
    );
  });

  it('user.deleted → disconnected; a reconnect with another Zoom admin works', async () => {
    await connectOrg(h);
    await meet(h, 'U_ALICE', 'Deletion planning');
    await expectOrgLost(
      () => h.zoom.control.deleteUser('zoom-admin@acme.test'),
      'disconnected',
      /zoom-admin@acme\.test was deleted\./,
      'Deletion planning',
    );
    // The Owner can take over.
    const owner = h.slack.user(T, 'U_OWNER');
    await owner.command('/zoom-connect', 'org');
    expect(owner.lastModal()?.callbackId).toBe('zoom_connect');
  });
});

describe('Zoom webhooks about a personal connection', () => {
  it('app_deauthorized for the user app → that personal connection removed, member told', async () => {
    await connectPersonal(h, 'U_BOB', 'bob@acme.test');
    const before = await h.app.models.personalConnections.countDocuments({
      workspaceId: T,
      slackUserId: 'U_BOB',
    });
    expect(before).toBe(1);
    const bob = h.slack.user(T, 'U_BOB');
    const dmsBefore = bob.dms().length;
    await h.zoom.control.deauthorize('user-app', 'bob@acme.test');
    await until(
      async () =>
        (await h.app.models.personalConnections.countDocuments({ workspaceId: T, slackUserId: 'U_BOB' })) ===
        0,
      5_000,
      'personal connection removed',
    );
    const dm = await bob.waitFor(() => bob.dms().at(dmsBefore), 5_000);
    expect(text(dm)).toMatch(/bob@acme\.test|Zoom/);
    // Bob is served by nothing personal any more.
    expect(await statusOf(h, 'U_BOB')).not.toMatch(/bob@acme\.test/);
    expect(h.slack.errors()).toEqual([]);
  });
});

describe('secrets', () => {
  it('no secret in any log line or Slack message of these scenarios', async () => {
    expect(await secretLeaks(h)).toEqual([]);
  });
});

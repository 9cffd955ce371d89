import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoomWebhookEvent } from '../../../src/zoom/webhooks.js';
import { connectOrg, connectPersonal, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;

function userEvent(
  app: 'org' | 'user',
  event: 'user.deleted' | 'user.deactivated' | 'user.disassociated',
  id: string,
  accountId = 'acme',
): ZoomWebhookEvent {
  return { app, event, eventTs: Date.now(), accountId, key: `k-${Math.random()}`, user: { id } };
}

beforeAll(async () => {
  h = await startHarness('zoom_events');
});
afterAll(async () => {
  await h?.stop();
});

describe('Zoom events', () => {
  it('the org admin losing its role → needs_reconnect; deleted → disconnected; admins and affected members told', async () => {
    const W = 'TZEV001';
    const s = await seedWorkspace(h, W);
    const owner = h.zoom.addUser({ email: 'ev-owner@acme.test', roleName: 'Owner' });
    h.zoom.addUser({ email: s.member.email ?? '' });
    await connectOrg(h, W, s.admin.id, owner.email);
    await h.services.meetings.create(W, s.member.id, {
      topic: 'Soon',
      startTime: new Date(h.now.value.getTime() + 3600_000).toISOString(),
    });
    const handler = h.services.zoomEvents;

    const demoted: ZoomWebhookEvent = {
      app: 'org',
      event: 'user.updated',
      eventTs: Date.now(),
      accountId: 'acme',
      key: 'k1',
      user: { id: owner.id },
      changes: { id: owner.id, role_name: 'Member' },
    };
    // The role is re-checked at Zoom: a payload saying "Member" while Zoom still says Owner changes nothing.
    expect(await handler.handle(demoted)).toEqual([]);
    await h.flush();
    expect(h.told.org).toHaveLength(0);
    const zoomOwner = h.zoom.users.get(owner.email.toLowerCase());
    if (!zoomOwner) throw new Error('owner not in the fake Zoom');
    zoomOwner.roleName = 'Member';
    expect(await handler.handle(demoted)).toEqual([
      { workspaceId: W, kind: 'org', status: 'needs_reconnect', reason: 'admin_role_lost' },
    ]);
    await h.flush();
    expect(h.told.org[0]).toMatchObject({
      workspaceId: W,
      status: 'needs_reconnect',
      zoomEmail: owner.email,
    });
    expect(h.told.org[0]?.meetings.map((m) => m.slackUserId)).toEqual([s.member.id]);
    // Replaying changes nothing and tells nobody again.
    expect(await handler.handle(demoted)).toEqual([]);
    await h.flush();
    expect(h.told.org).toHaveLength(1);

    expect(await handler.handle(userEvent('org', 'user.deleted', owner.id))).toEqual([
      { workspaceId: W, kind: 'org', status: 'disconnected', reason: 'zoom_user_deleted' },
    ]);
    const org = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
    expect(org?.status).toBe('disconnected');
    expect(org?.grantId ?? null).toBeNull();
    // Events about unrelated Zoom users change nothing.
    expect(await handler.handle(userEvent('org', 'user.deleted', 'someone-else'))).toEqual([]);
  });

  it('user.updated: an admin-scope call decides (not the role name in the payload); nothing is concluded when Zoom cannot be asked', async () => {
    const W = 'TZEV003';
    const s = await seedWorkspace(h, W);
    const admin = h.zoom.addUser({ email: 'ev3-admin@acme.test', roleName: 'Admin' });
    await connectOrg(h, W, s.admin.id, admin.email);
    const handler = h.services.zoomEvents;
    const updated = (changes: Record<string, unknown>): ZoomWebhookEvent => ({
      app: 'org',
      event: 'user.updated',
      eventTs: Date.now(),
      accountId: 'acme',
      key: `k-${Math.random()}`,
      user: { id: admin.id },
      changes: { id: admin.id, ...changes },
    });
    // A name change: the admin-scope call still succeeds.
    expect(await handler.handle(updated({ first_name: 'Ada' }))).toEqual([]);
    // Zoom cannot be asked: a role name in the payload cannot tell a custom admin role from a
    // member's, so nothing is concluded (the health check looks again).
    h.zoom.failNext('isAdmin', new Error('Zoom is down'));
    expect(await handler.handle(updated({ role: 'Member' }))).toEqual([]);
    expect((await h.services.connections.getOrg(W))?.status).toBe('active');
    // A custom admin role is still an admin.
    const zoomAdmin = h.zoom.users.get(admin.email);
    if (!zoomAdmin) throw new Error('admin not in the fake Zoom');
    zoomAdmin.roleName = 'IT Admin';
    expect(await handler.handle(updated({ role: 'IT Admin' }))).toEqual([]);
    // The payload names no role at all, but the admin-scope call now fails: the role is gone.
    zoomAdmin.roleName = 'Member';
    expect(await handler.handle(updated({ dept: 'Sales' }))).toEqual([
      { workspaceId: W, kind: 'org', status: 'needs_reconnect', reason: 'admin_role_lost' },
    ]);
  });

  it('personal: deactivated → needs_reconnect (org serves); app removed → connection removed', async () => {
    const W = 'TZEV002';
    const s = await seedWorkspace(h, W);
    h.zoom.addUser({ email: 'ev2-owner@acme.test', roleName: 'Owner' });
    const mine = h.zoom.addUser({ email: 'ev2-mine@home.test', accountId: 'home' });
    await connectOrg(h, W, s.admin.id, 'ev2-owner@acme.test');
    await connectPersonal(h, W, s.member.id, mine.email);
    const handler = h.services.zoomEvents;
    // The event names the member's Zoom user but another account: not theirs, ignored.
    await handler.dispatch(userEvent('user', 'user.deactivated', mine.id, 'acme'));
    expect((await h.services.status.getStatus(W, s.member.id)).reason).toBe('personal_active');
    await handler.dispatch(userEvent('user', 'user.deactivated', mine.id, 'home'));
    expect((await h.services.status.getStatus(W, s.member.id)).reason).toBe(
      'personal_needs_reconnect_org_serves',
    );
    const removed = await handler.handle({
      app: 'user',
      event: 'app_deauthorized',
      eventTs: Date.now(),
      accountId: 'home',
      key: 'k2',
      userId: mine.id,
      clientId: 'user-app',
      deauthorizationTime: new Date().toISOString(),
      userDataRetention: true,
    });
    expect(removed).toEqual([
      {
        workspaceId: W,
        kind: 'personal',
        slackUserId: s.member.id,
        status: 'removed',
        reason: 'app_removed_in_zoom',
      },
    ]);
    expect(await h.services.connections.getPersonal(W, s.member.id)).toBeNull();
    expect((await h.services.status.getStatus(W, s.member.id)).active).toBe('org');
    expect(h.told.personal.map((p) => p.slackUserId)).toContain(s.member.id);
  });
});

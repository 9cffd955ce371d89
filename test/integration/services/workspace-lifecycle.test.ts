/**
 * Leaving cleanly (issue 14 §8): an uninstall releases the workspace's Zoom grants at once
 * (revoked at Zoom unless another workspace shares them), ends its connections and links, marks it
 * uninstalled (jobs skip it), purges its personal data after the retention period and keeps its
 * settings; a Zoom user who asks that their data be deleted is forgotten everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOrg, connectPersonal, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
const A = 'TLIFEA1';
const B = 'TLIFEB1';
let adminA: string;
let memberA: string;
let adminB: string;

beforeAll(async () => {
  h = await startHarness('lifecycle');
  const a = await seedWorkspace(h, A);
  const b = await seedWorkspace(h, B);
  adminA = a.admin.id;
  memberA = a.member.id;
  adminB = b.admin.id;
  h.zoom.addUser({ email: 'owner@acme.test', roleName: 'Owner', accountId: 'acme' });
  h.zoom.addUser({ email: 'own@home.test', accountId: 'home' });
  // One Zoom admin approves both workspaces: one grant, two holders.
  expect((await connectOrg(h, A, adminA, 'owner@acme.test')).outcome).toBe('completed');
  expect((await connectOrg(h, B, adminB, 'owner@acme.test')).outcome).toBe('completed');
  expect((await connectPersonal(h, A, memberA, 'own@home.test')).outcome).toBe('completed');
  await h.services.settings.update(A, adminA, { autoStartSummary: true });
});
afterAll(async () => {
  await h?.stop();
});

describe('uninstalling the Slack app', () => {
  it('releases the grants: a shared one stays for the other workspace, its own is revoked at Zoom', async () => {
    const revokedBefore = h.zoom.revoked.length;
    const pending = await h.services.approvals.create(A, {
      kind: 'org',
      requesterId: adminA,
      recipientId: memberA,
    });
    const result = await h.services.lifecycle.uninstalled(A, 'app_uninstalled');
    expect(result).toMatchObject({ grantsReleased: 2, revoked: 1, requestsClosed: 1 });
    expect(h.zoom.revoked.slice(revokedBefore).map((r) => r.app)).toEqual(['user']);
    // B still works on the shared org grant.
    expect((await h.services.connections.getOrg(B))?.status).toBe('active');
    const grant = await h.models.zoomGrants.findOne({ app: 'org' }).lean();
    expect(grant?.holders.map((x) => x.workspaceId)).toEqual([B]);
    // A: nothing serves, no token is reachable, the link is dead.
    expect((await h.services.connections.getOrg(A))?.status).toBe('disconnected');
    expect(await h.models.personalConnections.countDocuments({ workspaceId: A })).toBe(0);
    expect((await h.services.approvals.get(A, pending.request.id))?.status).toBe('cancelled');
    await expect(h.services.approvals.viewLink(pending.link.split('/').at(-1) ?? '')).resolves.toMatchObject({
      status: 'cancelled',
    });
  });

  it('jobs no longer visit it', async () => {
    const ids = await h.services.lifecycle.listInstalled({ limit: 100 });
    expect(ids).toContain(B);
    expect(ids).not.toContain(A);
  });

  it('its personal data is deleted after the retention period, its settings kept; reinstalling un-marks it', async () => {
    expect(await h.services.lifecycle.purgeDue()).toBe(0);
    expect(await h.models.members.countDocuments({ workspaceId: A })).toBeGreaterThan(0);
    h.advance(31 * 24 * 3600_000);
    expect(await h.services.lifecycle.purgeDue()).toBe(1);
    for (const model of [
      h.models.members,
      h.models.approvalRequests,
      h.models.orgConnections,
      h.models.auditEvents,
    ]) {
      expect(await (model as typeof h.models.members).countDocuments({ workspaceId: A })).toBe(0);
    }
    expect(await h.models.members.countDocuments({ workspaceId: B })).toBeGreaterThan(0);
    expect((await h.services.settings.get(A)).autoStartSummary).toBe(true);
    expect(await h.services.lifecycle.reinstalled({ workspaceId: A })).toBe(1);
    expect(await h.services.lifecycle.listInstalled({ limit: 100 })).toContain(A);
    expect(await h.services.lifecycle.reinstalled({ workspaceId: A })).toBe(0);
  });
});

describe('a Zoom user who asks that their data be deleted', () => {
  it('app_deauthorized with user_data_retention false: connections scrubbed or deleted, meetings and grant gone', async () => {
    const zoomUser = (await h.services.connections.getOrg(B))?.zoomUserId ?? '';
    await h.services.meetings.create(B, adminB, { topic: 'Before deletion' });
    expect(await h.models.meetings.countDocuments({ workspaceId: B })).toBeGreaterThan(0);
    await h.services.zoomEvents.handle({
      event: 'app_deauthorized',
      app: 'org',
      accountId: 'acme',
      userId: zoomUser,
      clientId: 'org-app',
      deauthorizationTime: new Date().toISOString(),
      userDataRetention: false,
      eventTs: Date.now(),
      key: 'lifecycle-deauth-1',
    });
    await h.flush();
    const org = await h.models.orgConnections.findOne({ workspaceId: B }).lean();
    expect(org?.status).toBe('disconnected');
    expect(org?.zoomEmail).toBe('');
    expect(org?.zoomUserId).not.toBe(zoomUser);
    expect(await h.models.meetings.countDocuments({ zoomUserId: zoomUser })).toBe(0);
    expect(await h.models.zoomGrants.countDocuments({ app: 'org', zoomUserId: zoomUser })).toBe(0);
  });
});

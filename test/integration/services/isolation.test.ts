// Workspace A must not see or change anything of workspace B, even holding B's ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../src/services/errors.js';
import {
  connectOrg,
  connectPersonal,
  type Harness,
  seedWorkspace,
  startHarness,
  tokenOf,
} from './harness.js';

let h: Harness;
const A = 'TISOA01';
const B = 'TISOB01';
let adminA: string;
let adminB: string;
let memberB: string;
let requestB: { id: string; link: string };
let stateB: string;

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  h = await startHarness('isolation');
  const a = await seedWorkspace(h, A);
  const b = await seedWorkspace(h, B);
  adminA = a.admin.id;
  adminB = b.admin.id;
  memberB = b.member.id;
  h.zoom.addUser({ email: 'b-owner@acme.test', roleName: 'Owner' });
  h.zoom.addUser({ email: 'b-personal@home.test', accountId: 'home' });
  await connectOrg(h, B, adminB, 'b-owner@acme.test');
  await connectPersonal(h, B, memberB, 'b-personal@home.test');
  const created = await h.services.approvals.create(B, {
    kind: 'org',
    requesterId: adminB,
    recipientId: memberB,
  });
  requestB = { id: created.request.id, link: created.link };
  const url = new URL((await h.services.approvals.open(tokenOf(created.link))).authorizeUrl);
  stateB = url.searchParams.get('state') ?? '';
});
afterAll(async () => {
  await h?.stop();
});

describe('workspace isolation', () => {
  it('approvals: B’s request is invisible and untouchable under A’s key', async () => {
    expect(await h.services.approvals.get(A, requestB.id)).toBeNull();
    for (const call of [
      () => h.services.approvals.cancel(A, requestB.id, adminA),
      () => h.services.approvals.decline(A, requestB.id, memberB),
      () => h.services.approvals.resend(A, requestB.id, adminA),
      () => h.services.approvals.recordSent(A, requestB.id, adminA),
    ]) {
      expect(isServiceError(await errorOf(call()), 'request_not_found')).toBe(true);
    }
    expect((await h.services.approvals.listPending(A, adminA)).map((r) => r.id)).not.toContain(requestB.id);
    expect(await h.services.approvals.expireDue(A)).toEqual([]);
    // B's secrets re-labelled with A's workspace key match nothing.
    const swappedToken = tokenOf(requestB.link).replace(`${B}.`, `${A}.`);
    expect(
      isServiceError(await errorOf(h.services.approvals.viewLink(swappedToken)), 'request_not_found'),
    ).toBe(true);
    expect(isServiceError(await errorOf(h.services.approvals.open(swappedToken)), 'request_not_found')).toBe(
      true,
    );
    const swappedState = stateB.replace(`${B}.`, `${A}.`);
    expect(
      isServiceError(
        await errorOf(h.services.approvals.handleCallback({ state: swappedState, code: 'c' })),
        'state_invalid',
      ),
    ).toBe(true);
    // And B's request is still intact.
    expect((await h.services.approvals.get(B, requestB.id))?.status).toBe('pending');
    expect(
      await h.models.approvalRequests.countDocuments({ workspaceId: B, 'attempts.0': { $exists: true } }),
    ).toBe(1);
  });

  it('B’s admin is not an admin of A', async () => {
    expect(await h.services.directory.isAdmin(A, adminB)).toBe(false);
    expect(
      isServiceError(
        await errorOf(h.services.approvals.create(A, { kind: 'org', requesterId: adminB })),
        'not_admin',
      ),
    ).toBe(true);
    expect(await h.services.directory.getMember(A, memberB)).toBeNull();
  });

  it('connections: A cannot read or change B’s org or personal connection', async () => {
    expect(await h.services.connections.getOrg(A)).toBeNull();
    expect(await h.services.connections.getPersonal(A, memberB)).toBeNull();
    expect(
      isServiceError(await errorOf(h.services.connections.disconnectPersonal(A, memberB)), 'not_connected'),
    ).toBe(true);
    expect(
      isServiceError(
        await errorOf(h.services.connectionLoss.lose(A, { reason: 'admin_disconnected', actorId: adminA })),
        'not_connected',
      ),
    ).toBe(true);
    expect(await h.services.connections.markPersonalNeedsReconnect(A, memberB, 'x')).toBe(false);
    expect((await h.services.connectionLoss.lose(A, { reason: 'token_rejected' })).changed).toBe(false);
    expect((await h.services.connectionLoss.lose(A, { reason: 'app_removed' })).changed).toBe(false);
    const orgB = await h.services.connections.getOrg(B);
    if (!orgB?.grant) throw new Error('B has no org grant');
    // A's references to B's grant (as if A had learned its id): they read nothing, lease nothing.
    const { store } = h.services.grants.ref(orgB.grant, {
      workspaceId: A,
      kind: 'org',
      generation: orgB.generation,
    });
    expect(await store.read()).toBeNull();
    expect(await store.claimRefreshLease('intruder', new Date(Date.now() + 60_000))).toBeNull();
    const personalB = await h.services.connections.getPersonal(B, memberB);
    if (!personalB?.grant) throw new Error('B has no personal grant');
    const { store: personalStore } = h.services.grants.ref(personalB.grant, {
      workspaceId: A,
      kind: 'personal',
      slackUserId: memberB,
    });
    expect(await personalStore.read()).toBeNull();
    // B is untouched.
    expect(orgB?.status).toBe('active');
    expect((await h.services.connections.getPersonal(B, memberB))?.status).toBe('active');
    const orgDoc = await h.models.orgConnections.findOne({ workspaceId: B }).lean();
    expect((await h.credentialOf(orgDoc))?.refreshLease ?? null).toBeNull();
  });

  it('status, connected users, settings, audit and meetings stay inside A', async () => {
    const status = await h.services.status.getStatus(A, memberB);
    expect(status).toMatchObject({ active: 'none', personal: null, org: null });
    const list = await h.services.connectedUsers.list(A, adminA);
    expect(list.items.map((m) => m.slackUserId)).not.toContain(memberB);
    const counts = await h.services.connectedUsers.counts(A, adminA);
    expect(counts.total).toBe(2);
    expect(counts.personal).toBe(0);

    await h.services.settings.update(A, adminA, { autoStartSummary: true, allowUserOptOut: true });
    expect(await h.services.settings.get(B)).toMatchObject({
      autoStartSummary: false,
      allowUserOptOut: false,
    });

    const auditA = await h.services.audit.list(A, adminA);
    expect(auditA.items.map((e) => e.type)).toEqual(['settings_changed']);

    const error = await errorOf(h.services.meetings.create(A, memberB, { topic: 'x' }));
    expect(isServiceError(error, 'no_active_account')).toBe(true);
    expect(h.zoom.meetings).toHaveLength(0);
  });

  it('malformed workspace keys never reach a query', async () => {
    for (const bad of ['', 'T1.x', '{"$ne":1}', 'a'.repeat(65)]) {
      expect(isServiceError(await errorOf(h.services.status.getStatus(bad, memberB)), 'invalid_input')).toBe(
        true,
      );
      expect(isServiceError(await errorOf(h.services.settings.get(bad)), 'invalid_input')).toBe(true);
    }
  });
});

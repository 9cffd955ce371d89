import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../src/services/errors.js';
import { buildSlackProfile } from '../../support/factories.js';
import { connectOrg, connectPersonal, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('connections');
});
afterAll(async () => {
  await h?.stop();
});

describe('precedence through the services', () => {
  const W = 'TPREC01';
  let admin: string;
  let member: string;
  let zoomMemberEmail: string;

  beforeAll(async () => {
    const seeded = await seedWorkspace(h, W);
    admin = seeded.admin.id;
    member = seeded.member.id;
    zoomMemberEmail = seeded.member.email ?? '';
    h.zoom.addUser({ email: 'owner@acme.test', roleName: 'Owner', accountId: 'acme' });
    h.zoom.addUser({ email: zoomMemberEmail, accountId: 'acme' });
    h.zoom.addUser({ email: 'personal@home.test', accountId: 'home' });
    const result = await connectOrg(h, W, admin, 'owner@acme.test');
    expect(result.outcome).toBe('completed');
  });

  it('with only the org connection, the member uses org', async () => {
    const status = await h.services.status.getStatus(W, member);
    expect(status.active).toBe('org');
    expect(status.account).toMatchObject({
      source: 'org',
      zoomEmail: zoomMemberEmail,
      connectedVia: 'owner@acme.test',
    });
    expect(status.backup).toBeNull();
  });

  it('the member fields the caller already read give the same status as a fresh read', async () => {
    const { member: view } = await h.services.directory.actor(W, member);
    expect(view).not.toBeNull();
    const fromRead = await h.services.status.getStatus(W, member);
    expect(await h.services.status.getStatus(W, member, view)).toEqual(fromRead);
    // An opt-out the caller saw is used as given (it only counts while opt-out is allowed).
    const optedOut = await h.services.status.getStatus(W, member, {
      optedOut: true,
      email: zoomMemberEmail,
      zoomMatch: 'unknown',
    });
    expect(optedOut.optedOut).toBe(true);
    expect(optedOut.zoomMatch).toBe('unknown');
  });

  it('personal beats org, and org is named as the backup', async () => {
    const result = await connectPersonal(h, W, member, 'personal@home.test');
    expect(result.outcome).toBe('completed');
    const status = await h.services.status.getStatus(W, member);
    expect(status.active).toBe('personal');
    expect(status.account).toMatchObject({ source: 'personal', zoomEmail: 'personal@home.test' });
    expect(status.backup).toBe('org');
    expect(status.backupAccount).toMatchObject({ connectedVia: 'owner@acme.test' });
  });

  it('a broken personal connection falls back to org and says so', async () => {
    const changed = await h.services.connections.markPersonalNeedsReconnect(W, member, 'invalid_grant');
    expect(changed).toBe(true);
    const status = await h.services.status.getStatus(W, member);
    expect(status.active).toBe('org');
    expect(status.reason).toBe('personal_needs_reconnect_org_serves');
    expect(status.hint).toBe('reconnect_personal');
    const m = await h.models.members.findOne({ workspaceId: W, slackUserId: member }).lean();
    expect(m?.personalStatus).toBe('needs_reconnect');
  });

  it('disconnecting personal falls back to org', async () => {
    await connectPersonal(h, W, member, 'personal@home.test');
    expect((await h.services.status.getStatus(W, member)).active).toBe('personal');
    const revokedBefore = h.zoom.revoked.length;
    const { after } = await h.services.connections.disconnectPersonal(W, member);
    expect(after.active).toBe('org');
    expect((await h.services.status.getStatus(W, member)).active).toBe('org');
    expect(h.zoom.revoked.length).toBe(revokedBefore + 1);
    const m = await h.models.members.findOne({ workspaceId: W, slackUserId: member }).lean();
    expect(m?.personalStatus).toBe('none');
    await expect(h.services.connections.disconnectPersonal(W, member)).rejects.toMatchObject({
      code: 'not_connected',
    });
  });

  it('opt-out is refused while not allowed, and counts only while allowed', async () => {
    await expect(h.services.connections.optOut(W, member)).rejects.toMatchObject({ code: 'not_allowed' });
    await h.services.settings.update(W, admin, { allowUserOptOut: true });
    await h.services.connections.optOut(W, member);
    let status = await h.services.status.getStatus(W, member);
    expect(status).toMatchObject({ active: 'none', reason: 'opted_out', hint: 'opt_back_in' });
    // The admin turns the setting off: the stale flag no longer counts.
    await h.services.settings.update(W, admin, { allowUserOptOut: false });
    status = await h.services.status.getStatus(W, member);
    expect(status.active).toBe('org');
    await h.services.connections.optIn(W, member);
    await h.services.settings.update(W, admin, { allowUserOptOut: true });
    expect((await h.services.status.getStatus(W, member)).active).toBe('org');
    await h.services.settings.update(W, admin, { allowUserOptOut: false });
  });

  it('non-admins are refused every admin action', async () => {
    const calls: Array<() => Promise<unknown>> = [
      () => h.services.approvals.create(W, { kind: 'org', requesterId: member }),
      () => h.services.approvals.listPending(W, member),
      () => h.services.connectionLoss.preview(W, member),
      () => h.services.connectionLoss.lose(W, { reason: 'admin_disconnected', actorId: member }),
      () => h.services.settings.update(W, member, { autoStartSummary: true }),
      () => h.services.connectedUsers.list(W, member),
      () => h.services.connectedUsers.counts(W, member),
      () => h.services.status.getStatusFor(W, member, admin),
      () => h.services.audit.list(W, member),
    ];
    for (const call of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(isServiceError(error, 'not_admin')).toBe(true);
    }
    expect((await h.services.connections.getOrg(W))?.status).toBe('active');
  });

  it('a deleted admin is not an admin', async () => {
    const gone = h.slack.add(W, buildSlackProfile({ isAdmin: true, deleted: true }));
    expect(await h.services.directory.isAdmin(W, gone.id)).toBe(false);
  });

  it('previews the impact, then disconnects the org with one document update', async () => {
    h.advance(1000);
    const preview = await h.services.connectionLoss.preview(W, admin);
    // admin + member rely on the org connection (the deleted admin is excluded).
    expect(preview.membersRelying).toBe(2);
    expect(preview.connection?.zoomEmail).toBe('owner@acme.test');
    const memberDocsBefore = await h.models.members.find({ workspaceId: W }).lean();
    const { changed, previous } = await h.services.connectionLoss.lose(W, {
      reason: 'admin_disconnected',
      actorId: admin,
    });
    expect(changed).toBe(true);
    expect(previous?.status).toBe('active');
    const org = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
    expect(org?.status).toBe('disconnected');
    expect(org?.grantId ?? null).toBeNull();
    // No member document is written (the acting admin's own one is refreshed by the fresh admin check).
    const others = (docs: Array<{ slackUserId: string }>) => docs.filter((d) => d.slackUserId !== admin);
    const memberDocsAfter = await h.models.members.find({ workspaceId: W }).lean();
    expect(others(memberDocsAfter)).toEqual(others(memberDocsBefore));
    expect(org?.statusReason).toBe('admin_disconnected');
    expect(org?.disconnectedBy).toBe(admin);
    const status = await h.services.status.getStatus(W, member);
    expect(status).toMatchObject({ active: 'none', reason: 'org_disconnected' });
    // Told after the answer: the admins, with who did it and how many members relied on it.
    await h.flush();
    expect(h.told.org.at(-1)).toMatchObject({
      workspaceId: W,
      status: 'disconnected',
      reason: 'admin_disconnected',
      actorId: admin,
      membersRelying: 2,
    });
    await expect(
      h.services.connectionLoss.lose(W, { reason: 'admin_disconnected', actorId: admin }),
    ).rejects.toMatchObject({ code: 'not_connected' });
  });
});

describe('handover', () => {
  const W = 'THAND01';
  it('replaces the active org connection atomically and revokes the old grant afterwards', async () => {
    const { admin } = await seedWorkspace(h, W);
    const first = h.zoom.addUser({ email: 'first-admin@acme.test', roleName: 'Admin' });
    h.zoom.addUser({ email: 'second-admin@acme.test', roleName: 'Owner' });
    await connectOrg(h, W, admin.id, first.email);
    const before = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
    const beforeCredential = await h.credentialOf(before);
    expect(h.zoom.isLive(beforeCredential)).toBe(true);

    // Start the second approval; while Zoom exchanges the code, the old connection keeps working.
    h.zoom.exchangeDelayMs = 50;
    const pending = connectOrg(h, W, admin.id, 'second-admin@acme.test');
    const observed: Array<{ status: string | undefined; live: boolean }> = [];
    let done = false;
    const watcher = (async () => {
      while (!done) {
        const doc = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
        observed.push({ status: doc?.status, live: h.zoom.isLive(await h.credentialOf(doc)) });
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const result = await pending;
    done = true;
    await watcher;
    h.zoom.exchangeDelayMs = 0;

    expect(result).toMatchObject({
      outcome: 'completed',
      handedOverFrom: { zoomEmail: 'first-admin@acme.test' },
    });
    expect(observed.length).toBeGreaterThan(0);
    for (const o of observed) expect(o).toEqual({ status: 'active', live: true });
    const after = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
    expect(after?.zoomEmail).toBe('second-admin@acme.test');
    expect(after?.generation).toBe((before?.generation ?? 0) + 1);
    expect(h.zoom.isLive(await h.credentialOf(after))).toBe(true);
    // The first admin's grant had no other holder: revoked once the new one served.
    expect(h.zoom.isLive(beforeCredential)).toBe(false);
    expect(await h.models.zoomGrants.countDocuments({ app: 'org', zoomUserId: first.id })).toBe(0);
    expect(await h.models.orgConnections.countDocuments({ workspaceId: W })).toBe(1);
    const audit = await h.services.audit.list(W, admin.id);
    expect(audit.items[0]?.type).toBe('org_handed_over');
  });

  it('the same Zoom admin approving again does not revoke (Zoom already replaced the grant)', async () => {
    const W2 = 'THAND02';
    const { admin } = await seedWorkspace(h, W2);
    const owner = h.zoom.addUser({ email: 'same-admin@acme.test', roleName: 'Owner' });
    await connectOrg(h, W2, admin.id, owner.email);
    const revokes = h.zoom.calls.revoke;
    await connectOrg(h, W2, admin.id, owner.email);
    expect(h.zoom.calls.revoke).toBe(revokes);
    const doc = await h.models.orgConnections.findOne({ workspaceId: W2 }).lean();
    expect(h.zoom.isLive(await h.credentialOf(doc))).toBe(true);
  });

  it('a stale needs_reconnect for an older generation does not touch the new connection', async () => {
    const W3 = 'THAND03';
    const { admin } = await seedWorkspace(h, W3);
    h.zoom.addUser({ email: 'a3@acme.test', roleName: 'Owner' });
    h.zoom.addUser({ email: 'b3@acme.test', roleName: 'Admin' });
    const first = await connectOrg(h, W3, admin.id, 'a3@acme.test');
    await connectOrg(h, W3, admin.id, 'b3@acme.test');
    const oldGeneration = first.outcome === 'completed' ? first.generation : -1;
    const { changed } = await h.services.connectionLoss.lose(W3, {
      reason: 'token_rejected',
      generation: oldGeneration,
    });
    expect(changed).toBe(false);
    expect((await h.services.connections.getOrg(W3))?.status).toBe('active');
  });
});

describe('credential store for the gateway', () => {
  it('leases single-flight, saves only for the holder, and reads null once the connection is broken', async () => {
    const W = 'TCRED01';
    const { admin } = await seedWorkspace(h, W);
    h.zoom.addUser({ email: 'cred-admin@acme.test', roleName: 'Owner' });
    await connectOrg(h, W, admin.id, 'cred-admin@acme.test');
    const org = await h.services.connections.getOrg(W);
    if (!org) throw new Error('no org connection');
    const { store } = h.services.connections.orgRef(W, org);
    const until = new Date(Date.now() + 30_000);
    const a = await store.claimRefreshLease('instance-a', until);
    const b = await store.claimRefreshLease('instance-b', until);
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    const next = {
      accessToken: 'new-at',
      refreshToken: 'new-rt',
      expiresAt: new Date(Date.now() + 3600_000),
      scope: 's',
    };
    expect(await store.saveRefreshed('instance-b', next)).toBe(false);
    expect(await store.saveRefreshed('instance-a', next)).toBe(true);
    expect((await store.read())?.accessToken).toBe('new-at');
    expect(await store.claimRefreshLease('instance-b', until)).not.toBeNull();
    await store.releaseRefreshLease('instance-b');
    await h.services.connectionLoss.lose(W, { reason: 'token_rejected' });
    expect(await store.read()).toBeNull();
  });
});

describe('concurrent first connections', () => {
  it('two org approvals completing at once leave exactly one working connection', async () => {
    const W = 'TCONC01';
    const { admin } = await seedWorkspace(h, W);
    h.zoom.addUser({ email: 'conc-a@acme.test', roleName: 'Owner' });
    h.zoom.addUser({ email: 'conc-b@acme.test', roleName: 'Admin' });
    const results = await Promise.all([
      connectOrg(h, W, admin.id, 'conc-a@acme.test'),
      connectOrg(h, W, admin.id, 'conc-b@acme.test'),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['completed', 'completed']);
    expect(await h.models.orgConnections.countDocuments({ workspaceId: W })).toBe(1);
    const org = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
    expect(org?.generation).toBe(2);
    expect(org?.status).toBe('active');
    expect(h.zoom.isLive(await h.credentialOf(org))).toBe(true);
  });
});

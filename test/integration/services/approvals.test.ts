import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../src/services/errors.js';
import { ZoomError } from '../../../src/zoom/contracts.js';
import { connectOrg, type Harness, PUBLIC_URL, seedWorkspace, startHarness, tokenOf } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('approvals');
  h.zoom.addUser({ email: 'zoom-owner@acme.test', roleName: 'Owner' });
  h.zoom.addUser({ email: 'zoom-member@acme.test', roleName: 'Member' });
});
afterAll(async () => {
  await h?.stop();
});

const DAY = 24 * 3600_000;

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
}

describe('approval links', () => {
  const W = 'TAPPR01';
  let admin: string;
  let member: string;
  beforeAll(async () => {
    const s = await seedWorkspace(h, W);
    admin = s.admin.id;
    member = s.member.id;
  });

  it('creates an org request addressed to a Slack user, with a scoped link and hashed token', async () => {
    const { request, link } = await h.services.approvals.create(W, {
      kind: 'org',
      requesterId: admin,
      recipientId: member,
    });
    expect(link.startsWith(`${PUBLIC_URL}/zoom/approve/${W}.`)).toBe(true);
    expect(request).toMatchObject({
      kind: 'org',
      status: 'pending',
      requesterId: admin,
      recipientId: member,
    });
    expect(request.expiresAt.getTime() - request.createdAt.getTime()).toBe(7 * DAY);
    const doc = await h.models.approvalRequests.findOne({ workspaceId: W, _id: request.id }).lean();
    expect(doc?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(doc)).not.toContain(tokenOf(link));

    const page = await h.services.approvals.viewLink(tokenOf(link), 'org');
    expect(page).toMatchObject({
      status: 'pending',
      workspaceName: `Workspace ${W}`,
      requesterName: `Admin of ${W}`,
    });
    // The personal route does not accept an org link.
    expect(
      isServiceError(
        await errorOf(h.services.approvals.viewLink(tokenOf(link), 'personal')),
        'request_not_found',
      ),
    ).toBe(true);
  });

  it('viewing the link (e.g. an unfurler) changes nothing', async () => {
    const { request, link } = await h.services.approvals.create(W, { kind: 'org', requesterId: admin });
    const before = await h.models.approvalRequests.findOne({ workspaceId: W, _id: request.id }).lean();
    await h.services.approvals.viewLink(tokenOf(link));
    await h.services.approvals.viewLink(tokenOf(link));
    const after = await h.models.approvalRequests.findOne({ workspaceId: W, _id: request.id }).lean();
    expect(after).toEqual(before);
  });

  it('rejects malformed and unknown tokens with request_not_found', async () => {
    for (const bad of [
      '',
      'nope',
      `${W}.short`,
      `${W}.${'A'.repeat(43)}`,
      '../../etc',
      `bad id.${'A'.repeat(43)}`,
    ]) {
      expect(isServiceError(await errorOf(h.services.approvals.viewLink(bad)), 'request_not_found')).toBe(
        true,
      );
      expect(isServiceError(await errorOf(h.services.approvals.open(bad)), 'request_not_found')).toBe(true);
    }
  });

  it('each click gets a fresh state and PKCE challenge; the link can be retried after abandoning', async () => {
    const { link } = await h.services.approvals.create(W, { kind: 'org', requesterId: admin });
    const a = new URL((await h.services.approvals.open(tokenOf(link))).authorizeUrl);
    const b = new URL((await h.services.approvals.open(tokenOf(link))).authorizeUrl);
    expect(a.searchParams.get('state')).not.toBe(b.searchParams.get('state'));
    expect(a.searchParams.get('code_challenge')).not.toBe(b.searchParams.get('code_challenge'));
    expect(a.searchParams.get('state')?.startsWith(`${W}.`)).toBe(true);
    // The first attempt was abandoned; the second completes.
    const { state, code } = h.zoom.consent(b.toString(), 'zoom-owner@acme.test');
    const result = await h.services.approvals.handleCallback({ state, code });
    expect(result.outcome).toBe('completed');
    expect(
      isServiceError(await errorOf(h.services.approvals.open(tokenOf(link))), 'request_not_pending'),
    ).toBe(true);
    expect((await h.services.approvals.viewLink(tokenOf(link))).status).toBe('completed');
  });

  it('a state is single-use and expires after 10 minutes', async () => {
    const { link } = await h.services.approvals.create(W, { kind: 'org', requesterId: admin });
    const url = (await h.services.approvals.open(tokenOf(link))).authorizeUrl;
    const { state, code } = h.zoom.consent(url, 'zoom-owner@acme.test');
    h.advance(11 * 60_000);
    expect(
      isServiceError(await errorOf(h.services.approvals.handleCallback({ state, code })), 'state_invalid'),
    ).toBe(true);
    // Consumed even though it was rejected.
    expect(
      isServiceError(await errorOf(h.services.approvals.handleCallback({ state, code })), 'state_invalid'),
    ).toBe(true);
    for (const bad of ['x', `${W}.${'B'.repeat(43)}`, `TOTHER.${'C'.repeat(43)}`]) {
      expect(
        isServiceError(
          await errorOf(h.services.approvals.handleCallback({ state: bad, code: 'c' })),
          'state_invalid',
        ),
      ).toBe(true);
    }
  });

  it('a non-admin Zoom user is refused: nothing stored, request still pending, the requester can be told', async () => {
    const W2 = 'TAPPR02';
    const s = await seedWorkspace(h, W2);
    const { request, link } = await h.services.approvals.create(W2, { kind: 'org', requesterId: s.admin.id });
    const url = (await h.services.approvals.open(tokenOf(link))).authorizeUrl;
    const { state, code } = h.zoom.consent(url, 'zoom-member@acme.test');
    const result = await h.services.approvals.handleCallback({ state, code });
    expect(result).toMatchObject({
      outcome: 'not_admin',
      email: 'zoom-member@acme.test',
      roleName: 'Member',
    });
    expect(result.request.requesterId).toBe(s.admin.id);
    expect(await h.models.orgConnections.countDocuments({ workspaceId: W2 })).toBe(0);
    expect((await h.services.approvals.get(W2, request.id))?.status).toBe('pending');
    // The link still works for the right person.
    const retry = await connectOrgWith(W2, tokenOf(link), 'zoom-owner@acme.test');
    expect(retry.outcome).toBe('completed');
  });

  it('a failed exchange releases the claim so the link can be retried', async () => {
    const W3 = 'TAPPR03';
    const s = await seedWorkspace(h, W3);
    const { link } = await h.services.approvals.create(W3, { kind: 'org', requesterId: s.admin.id });
    const url = (await h.services.approvals.open(tokenOf(link))).authorizeUrl;
    const { state, code } = h.zoom.consent(url, 'zoom-owner@acme.test');
    h.zoom.failNext('completeAuthorization', new ZoomError('server_error', 'Zoom is down'));
    expect(
      isServiceError(await errorOf(h.services.approvals.handleCallback({ state, code })), 'zoom_failed'),
    ).toBe(true);
    const retry = await connectOrgWith(W3, tokenOf(link), 'zoom-owner@acme.test');
    expect(retry.outcome).toBe('completed');
  });

  it('Zoom access_denied consumes the state but keeps the request pending', async () => {
    const { request, link } = await h.services.approvals.create(W, { kind: 'org', requesterId: admin });
    const url = new URL((await h.services.approvals.open(tokenOf(link))).authorizeUrl);
    const state = url.searchParams.get('state') ?? '';
    const error = await errorOf(h.services.approvals.handleCallback({ state, error: 'access_denied' }));
    expect(isServiceError(error, 'authorization_denied')).toBe(true);
    expect((await h.services.approvals.get(W, request.id))?.status).toBe('pending');
  });
});

async function connectOrgWith(workspaceId: string, token: string, email: string) {
  const url = (await h.services.approvals.open(token)).authorizeUrl;
  const { state, code } = h.zoom.consent(url, email);
  expect(workspaceId.length).toBeGreaterThan(0);
  return h.services.approvals.handleCallback({ state, code });
}

describe('completing exactly once', () => {
  it('two callbacks racing on one approval produce one connection and one Zoom exchange', async () => {
    const W = 'TRACE01';
    const s = await seedWorkspace(h, W);
    const { request, link } = await h.services.approvals.create(W, { kind: 'org', requesterId: s.admin.id });
    const first = h.zoom.consent(
      (await h.services.approvals.open(tokenOf(link))).authorizeUrl,
      'zoom-owner@acme.test',
    );
    const second = h.zoom.consent(
      (await h.services.approvals.open(tokenOf(link))).authorizeUrl,
      'zoom-owner@acme.test',
    );
    const exchanges = h.zoom.calls.completeAuthorization;
    h.zoom.exchangeDelayMs = 30;
    const results = await Promise.allSettled([
      h.services.approvals.handleCallback(first),
      h.services.approvals.handleCallback(second),
    ]);
    h.zoom.exchangeDelayMs = 0;
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    const reason = rejected[0]?.status === 'rejected' ? rejected[0].reason : null;
    expect(isServiceError(reason, 'request_busy') || isServiceError(reason, 'request_not_pending')).toBe(
      true,
    );
    expect(h.zoom.calls.completeAuthorization - exchanges).toBe(1);
    expect(await h.models.orgConnections.countDocuments({ workspaceId: W })).toBe(1);
    const org = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
    expect(h.zoom.isLive(await h.credentialOf(org))).toBe(true);
    expect(org?.generation).toBe(1);
    expect((await h.services.approvals.get(W, request.id))?.status).toBe('completed');
  });

  it('a claim left by a dead process expires and the request can complete', async () => {
    const W = 'TRACE02';
    const s = await seedWorkspace(h, W);
    const { request, link } = await h.services.approvals.create(W, { kind: 'org', requesterId: s.admin.id });
    await h.models.approvalRequests.updateOne(
      { workspaceId: W, _id: request.id },
      { $set: { completion: { holder: 'dead', until: new Date(h.now.value.getTime() + 60_000) } } },
    );
    const busy = await errorOf(connectOrgWith(W, tokenOf(link), 'zoom-owner@acme.test'));
    expect(isServiceError(busy, 'request_busy')).toBe(true);
    h.advance(61_000);
    expect((await connectOrgWith(W, tokenOf(link), 'zoom-owner@acme.test')).outcome).toBe('completed');
  });
});

describe('lifecycle: decline, cancel, expire, resend, reminders, list', () => {
  const W = 'TLIFE01';
  let admin: string;
  let member: string;
  beforeAll(async () => {
    const s = await seedWorkspace(h, W);
    admin = s.admin.id;
    member = s.member.id;
  });

  it('only the recipient declines', async () => {
    const { request, link } = await h.services.approvals.create(W, {
      kind: 'org',
      requesterId: admin,
      recipientId: member,
    });
    expect(
      isServiceError(await errorOf(h.services.approvals.decline(W, request.id, admin)), 'not_allowed'),
    ).toBe(true);
    const declined = await h.services.approvals.decline(W, request.id, member);
    expect(declined.status).toBe('declined');
    expect(
      isServiceError(await errorOf(h.services.approvals.open(tokenOf(link))), 'request_not_pending'),
    ).toBe(true);
    expect(
      isServiceError(
        await errorOf(h.services.approvals.decline(W, request.id, member)),
        'request_not_pending',
      ),
    ).toBe(true);
  });

  it('the requester or an admin cancels; a stranger cannot', async () => {
    const { request, link } = await h.services.approvals.create(W, { kind: 'org', requesterId: admin });
    expect(
      isServiceError(await errorOf(h.services.approvals.cancel(W, request.id, member)), 'not_allowed'),
    ).toBe(true);
    expect((await h.services.approvals.cancel(W, request.id, admin)).status).toBe('cancelled');
    expect((await h.services.approvals.viewLink(tokenOf(link))).status).toBe('cancelled');
  });

  it('expires due requests once, reads expired before the sweep, and resend revives with a fresh link', async () => {
    const { request, link } = await h.services.approvals.create(W, {
      kind: 'org',
      requesterId: admin,
      recipientId: member,
    });
    h.advance(7 * DAY + 1000);
    expect((await h.services.approvals.viewLink(tokenOf(link))).status).toBe('expired');
    expect(isServiceError(await errorOf(h.services.approvals.open(tokenOf(link))), 'request_expired')).toBe(
      true,
    );
    const expired = await h.services.approvals.expireDue(W);
    expect(expired.map((r) => r.id)).toContain(request.id);
    expect(await h.services.approvals.expireDue(W)).toEqual([]);

    const resent = await h.services.approvals.resend(W, request.id, admin);
    expect(resent.link).not.toBe(link);
    expect(resent.request.status).toBe('pending');
    expect(
      isServiceError(await errorOf(h.services.approvals.viewLink(tokenOf(link))), 'request_not_found'),
    ).toBe(true);
    expect((await h.services.approvals.viewLink(tokenOf(resent.link))).status).toBe('pending');
    expect(
      isServiceError(await errorOf(h.services.approvals.resend(W, request.id, member)), 'not_allowed'),
    ).toBe(true);
  });

  it('a reminder is due once after 24 h for requests with a recipient', async () => {
    const withRecipient = await h.services.approvals.create(W, {
      kind: 'org',
      requesterId: admin,
      recipientId: member,
    });
    const noRecipient = await h.services.approvals.create(W, { kind: 'org', requesterId: admin });
    // The request resent in the previous test counts from its resend, not its creation.
    expect(await h.services.approvals.claimDueReminders(W)).toEqual([]);
    h.advance(DAY + 1000);
    const due = await h.services.approvals.claimDueReminders(W);
    const ids = due.map((d) => d.request.id);
    expect(ids).toContain(withRecipient.request.id);
    expect(ids).not.toContain(noRecipient.request.id);
    expect(due.find((d) => d.request.id === withRecipient.request.id)?.link).toBe(withRecipient.link);
    expect(await h.services.approvals.claimDueReminders(W)).toEqual([]);
  });

  it('lists pending org requests with recipient, expiry and link (admins only)', async () => {
    const list = await h.services.approvals.listPending(W, admin);
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) {
      expect(r.status).toBe('pending');
      expect(r.expiresAt.getTime()).toBeGreaterThan(h.now.value.getTime());
      expect(r.link.startsWith(`${PUBLIC_URL}/zoom/approve/`)).toBe(true);
    }
    expect(list.some((r) => r.recipientId === member)).toBe(true);
  });

  it('members create personal requests for themselves only', async () => {
    const { request, link } = await h.services.approvals.create(W, {
      kind: 'personal',
      requesterId: member,
      recipientId: admin,
    });
    expect(request.recipientId).toBe(member);
    expect(link.startsWith(`${PUBLIC_URL}/zoom/connect/`)).toBe(true);
    const mine = await h.services.approvals.listPending(W, member, { kind: 'personal' });
    expect(mine.map((r) => r.id)).toContain(request.id);
  });

  it('rejects malformed input with invalid_input', async () => {
    const bad = await errorOf(
      h.services.approvals.create(W, { kind: 'org', requesterId: admin, note: 'x'.repeat(600) }),
    );
    expect(isServiceError(bad, 'invalid_input')).toBe(true);
    expect(
      isServiceError(await errorOf(h.services.approvals.cancel(W, 'not-an-id', admin)), 'request_not_found'),
    ).toBe(true);
  });

  it('connectOrg helper works end to end (sanity)', async () => {
    expect((await connectOrg(h, W, admin, 'zoom-owner@acme.test')).outcome).toBe('completed');
  });
});

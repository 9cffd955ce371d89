/**
 * Cross-workspace isolation through the running app: workspace A (T_ACME, served over Slack) and
 * workspace B (T_OTHER; the single-workspace app holds only A's Slack token, so B is driven through
 * the services of the same running app). Links, OAuth states, cookies, Slack requests and Zoom
 * events of one workspace never read or change the other's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignIn } from '../../support/link-browser.js';
import { connectOrg } from '../reliability/support/flows.js';
import {
  T as A,
  followLink,
  type ReliabilityHarness,
  startReliabilityHarness,
  text,
  until,
} from '../reliability/support/harness.js';

const B = 'T_OTHER';
let h: ReliabilityHarness;

const orgOf = (workspaceId: string) => h.app.models.orgConnections.findOne({ workspaceId }).lean();

beforeAll(async () => {
  h = await startReliabilityHarness('isolation');
  await connectOrg(h); // A: zoom-admin@acme.test
  await h.app.services.directory.applyUser(B, {
    id: 'U_OTHERADMIN',
    name: 'otheradmin',
    email: 'admin@other.test',
    deleted: false,
    isAdmin: true,
    isOwner: false,
    isPrimaryOwner: false,
  });
  // A member of B who is also a user of the Acme Zoom account: an approval there covers B.
  await h.app.services.directory.applyUser(B, {
    id: 'U_OTHERDEV',
    name: 'otherdev',
    email: 'owner@acme.test',
    deleted: false,
    isAdmin: false,
    isOwner: false,
    isPrimaryOwner: false,
  });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

async function newRequest(workspaceId: string, requesterId: string) {
  return h.app.services.approvals.create(workspaceId, { kind: 'org', requesterId });
}

/** The link page, then its button: the authorize URL and the browser's cookies. */
async function start(link: string) {
  const started = await startSignIn(link);
  if (!started.ok) throw new Error(`the link did not start a sign-in: ${started.status}`);
  return { authorizeUrl: started.authorizeUrl, cookie: started.jar.header() };
}

describe('cross-workspace isolation', () => {
  it('B’s org connection is completed only by B’s own link; A’s stays as it was', async () => {
    const b = await newRequest(B, 'U_OTHERADMIN');
    const done = await followLink(h, b.link, 'owner@acme.test');
    expect(done.status).toBe(200);
    expect((await orgOf(B))?.zoomEmail).toBe('owner@acme.test');
    expect((await orgOf(A))?.zoomEmail).toBe('zoom-admin@acme.test');
    expect((await orgOf(A))?.status).toBe('active');
  });

  it('a state or cookie of one workspace cannot complete the other’s request', async () => {
    const a = await newRequest(A, 'U_SLACKADMIN');
    const b = await newRequest(B, 'U_OTHERADMIN');
    const startA = await start(a.link);
    const startB = await start(b.link);
    const consentB = h.zoom.control.consent(startB.authorizeUrl, 'zoom-admin@acme.test');
    if ('refused' in consentB) throw new Error(consentB.refused);
    const callbackB = new URL(consentB.location);
    const stateA = new URL(startA.authorizeUrl).searchParams.get('state') ?? '';
    const before = { a: await orgOf(A), b: await orgOf(B) };

    // B's callback presented with A's browser cookie: refused before anything is exchanged.
    const crossCookie = await fetch(callbackB, { headers: { cookie: startA.cookie } });
    expect(crossCookie.status).toBe(400);
    // A's state (with A's cookie) carrying the code Zoom issued for B's request: refused.
    const swapped = new URL(callbackB);
    swapped.searchParams.set('state', stateA);
    const crossState = await fetch(swapped, { headers: { cookie: startA.cookie } });
    expect(crossState.status).toBeGreaterThanOrEqual(400);
    expect(await crossState.text()).not.toContain('zoom-admin@acme.test');
    // A's token relabelled with B's workspace key matches nothing.
    const tokenA = a.link.split('/').at(-1) ?? '';
    const relabelled = tokenA.replace(`${A}.`, `${B}.`);
    expect(relabelled).not.toBe(tokenA);
    expect((await fetch(`${h.url}/zoom/approve/${relabelled}`)).status).toBe(404);

    expect(await h.app.services.approvals.get(A, a.request.id)).toMatchObject({ status: 'pending' });
    expect(await h.app.services.approvals.get(B, b.request.id)).toMatchObject({ status: 'pending' });
    expect(await orgOf(A)).toEqual(before.a);
    expect(await orgOf(B)).toEqual(before.b);
    // Neither request is visible under the other workspace's key.
    expect(await h.app.services.approvals.get(A, b.request.id)).toBeNull();
    expect(await h.app.services.approvals.get(B, a.request.id)).toBeNull();
  });

  it('a Slack request from B’s team reveals nothing of A', async () => {
    const other = h.slack.user(B, 'U_OTHERADMIN');
    for (const [command, args] of [
      ['/zoom-status', 'users'],
      ['/zoom-status', ''],
      ['/zoom-status', 'requests'],
    ] as const) {
      const answer = await h.slack.deliverCommand(B, 'U_OTHERADMIN', command, args);
      expect(answer.status).toBe(200);
      expect(answer.body).not.toMatch(/acme\.test|U_ALICE|U_SLACKADMIN/);
    }
    await h.slack.settle();
    expect(text([other.ephemerals(), other.dms(), other.modals()])).not.toMatch(
      /acme\.test|U_ALICE|U_SLACKADMIN/,
    );
  });

  it('services: status, lists and settings are per workspace', async () => {
    const users = await h.app.services.connectedUsers.list(B, 'U_OTHERADMIN', {});
    // B's own members only (U_OTHERDEV's email is an Acme Zoom user's, but the member is B's).
    expect(text(users)).not.toMatch(/U_ALICE|U_SLACKADMIN|alice@acme\.test|slack-admin@acme\.test/);
    const statusOfA = await h.app.services.status.getStatus(B, 'U_ALICE');
    expect(statusOfA.org?.zoomEmail ?? null).not.toBe('zoom-admin@acme.test');
    // (A's admin changes A's settings: B's stay as they are. B's own changes need its admin read
    // fresh from Slack, which this single-workspace app cannot do for another team.)
    await h.app.services.settings.update(A, 'U_SLACKADMIN', { autoStartSummary: true });
    expect((await h.app.services.settings.get(A)).autoStartSummary).toBe(true);
    expect((await h.app.services.settings.get(B)).autoStartSummary).toBe(false);
    await h.app.services.settings.update(A, 'U_SLACKADMIN', { autoStartSummary: false });
  });

  it('a Zoom event about A’s Zoom user changes only A', async () => {
    await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Member' });
    await until(async () => (await orgOf(A))?.status === 'needs_reconnect', 5_000, 'A needs reconnecting');
    expect((await orgOf(B))?.status).toBe('active');
    await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Admin' });
  });
});

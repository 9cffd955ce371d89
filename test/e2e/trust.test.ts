/**
 * Issue 13 as an attacker and a careless colleague would try it, end to end through the stand-ins:
 * a personal link finished by someone else's Zoom user, an org link finished by another Zoom
 * account's Owner, an old forwarded link, sibling requests, and DMs whose buttons must stop working
 * once they no longer apply. Each answer is what the people involved see (pages, DMs, Home, status).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignIn } from '../support/link-browser.js';
import { connectOrg, connectPersonal, meet, statusOf } from './reliability/support/flows.js';
import {
  approvalLinkIn,
  followLink,
  type ReliabilityHarness,
  startReliabilityHarness,
  T,
  text,
  until,
} from './reliability/support/harness.js';

let h: ReliabilityHarness;
const user = (id: string) => h.slack.user(T, id);

beforeAll(async () => {
  h = await startReliabilityHarness('trust');
});
afterAll(async () => {
  await h?.stop();
});

/** Alice's personal link, as the connect modal shows it to her. */
async function personalLinkOf(userId: string): Promise<string> {
  const member = user(userId);
  await member.command('/zoom-connect', 'personal');
  await member.submit({});
  const link = approvalLinkIn(member.lastModal()?.view);
  if (!link) throw new Error('no personal link');
  return link;
}

/** An org request from Sam to `recipient`; the link in the result modal. */
async function orgRequestTo(recipient: string): Promise<string> {
  const admin = user('U_SLACKADMIN');
  await admin.command('/zoom-connect', 'org');
  await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
  await admin.submit({ connect_recipient: { connect_recipient_pick: recipient } });
  const link = approvalLinkIn(admin.lastModal()?.view);
  if (!link) throw new Error('no org link');
  return link;
}

/** The live grants Zoom holds for `email` and the app `clientId`. */
function grantOf(email: string, clientId: string) {
  return h.zoom.control
    .state()
    .grants.filter((g) => g.email === email && g.clientId === clientId && g.active);
}

describe('a personal link finished by another Zoom user', () => {
  it('is parked: the page names Alice, Alice is asked in Slack, nothing serves her meanwhile; Cancel keeps Bob’s own connection', async () => {
    await connectOrg(h);
    await connectPersonal(h, 'U_BOB', 'bob@acme.test');
    const alice = user('U_ALICE');
    const link = await personalLinkOf('U_ALICE');
    // Alice forwards "please click this" to Bob, who signs in with his own Zoom user.
    const page = await followLink(h, link, 'bob@acme.test');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Waiting for Alice');
    expect(page.html).toContain('bob@acme.test');
    const ask = await alice.waitFor(
      () => alice.dms().find((m) => m.allText.includes('Is this your Zoom account?')),
      5_000,
    );
    expect(ask?.allText).toContain('bob@acme.test');
    expect(ask?.allText).toContain('alice@acme.test');
    // Not used meanwhile: Alice still uses the organization's account, and status shows the question.
    const status = await statusOf(h, 'U_ALICE');
    expect(status).toMatch(/Using: organization/);
    expect(status).toContain('Waiting for your confirmation');
    await alice.openHome();
    expect(text(alice.home()?.view)).toContain('confirm_parked');

    await alice.click({ actionId: 'cancel_parked', surface: 'message', target: ask?.ts });
    await until(
      () =>
        alice
          .dms()
          .find((m) => m.ts === ask?.ts)
          ?.allText.includes('is not used') ?? false,
      5_000,
      'parked DM rewritten',
    );
    expect(text(alice.dms().find((m) => m.ts === ask?.ts)?.blocks)).not.toContain('confirm_parked');
    expect(
      await h.app.models.personalConnections.countDocuments({ workspaceId: T, slackUserId: 'U_ALICE' }),
    ).toBe(0);
    // Bob's own grant is shared (one per Zoom user and app), so it is not revoked: he still meets.
    expect(grantOf('bob@acme.test', 'user-app')).toHaveLength(1);
    await meet(h, 'U_BOB', 'Bob still meets');
  });

  it('“Use this account”: Alice says yes and the account serves her', async () => {
    const alice = user('U_ALICE');
    const link = await personalLinkOf('U_ALICE');
    const before = alice.dms().length;
    await followLink(h, link, 'owner@acme.test');
    const ask = await alice.waitFor(
      () =>
        alice
          .dms()
          .slice(before)
          .find((m) => m.allText.includes('owner@acme.test')),
      5_000,
    );
    await alice.click({ actionId: 'confirm_parked', surface: 'message', target: ask?.ts });
    await until(
      async () => /Using: personal \(owner@acme\.test\)/.test(await statusOf(h, 'U_ALICE')),
      5_000,
      'personal active',
    );
    expect(alice.dms().find((m) => m.ts === ask?.ts)?.allText).toContain('is now your personal Zoom account');
  });

  it('only the member can decide: Bob pressing Alice’s button is refused', async () => {
    const link = await personalLinkOf('U_CAROL');
    await followLink(h, link, 'bob@acme.test');
    const carol = user('U_CAROL');
    const ask = await carol.waitFor(
      () => carol.dms().find((m) => m.allText.includes('bob@acme.test')),
      5_000,
    );
    const requestId = /"value":"([0-9a-f]{24})"/.exec(text(ask?.blocks))?.[1] ?? '';
    await expect(h.app.services.approvals.confirmParked(T, requestId, 'U_BOB')).rejects.toMatchObject({
      code: 'not_allowed',
    });
  });
});

describe('an org link finished by another Zoom account', () => {
  it('is parked while Acme’s account keeps serving; a Slack admin switches in Slack; the request DM loses Approve', async () => {
    const link = await orgRequestTo('U_OWNER');
    const owner = user('U_OWNER');
    const request = await owner.waitFor(
      () => owner.dms().find((m) => m.allText.includes('Approve in Zoom')),
      5_000,
    );
    const page = await followLink(h, link, 'owner@globex.test');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Waiting for a Slack admin');
    expect(page.html).toContain('Globex');
    const admin = user('U_SLACKADMIN');
    const ask = await admin.waitFor(
      () => admin.dms().find((m) => m.allText.includes('Switch account')),
      5_000,
    );
    expect(ask?.allText).toContain('Zoom account Globex (globex): 0 of');
    expect(ask?.allText).toContain('zoom-admin@acme.test');
    // The recipient's request no longer offers Approve / Decline / forward.
    await until(
      () => !text(owner.dms().find((m) => m.ts === request?.ts)?.blocks).includes('decline_request'),
      5_000,
      'request DM closed',
    );
    // Meanwhile Acme's connection still serves.
    expect((await h.app.models.orgConnections.findOne({ workspaceId: T }).lean())?.zoomAccountId).toBe(
      'acme',
    );

    await admin.click({ actionId: 'confirm_parked', surface: 'message', target: ask?.ts });
    await until(
      async () =>
        (await h.app.models.orgConnections.findOne({ workspaceId: T }).lean())?.zoomAccountId === 'globex',
      5_000,
      'switched to Globex',
    );
    await until(
      () =>
        admin
          .dms()
          .find((m) => m.ts === ask?.ts)
          ?.allText.includes('confirmed') ?? false,
      5_000,
      'decided',
    );
    // Acme's grant was the last holder of zoom-admin's org grant: revoked at Zoom.
    await until(() => grantOf('zoom-admin@acme.test', 'org-app').length === 0, 5_000, 'old grant revoked');
  });
});

describe('siblings and forwards', () => {
  it('when one org request completes, the others close: their DMs lose their buttons and their pages say who connected', async () => {
    const first = await orgRequestTo('U_OWNER');
    const second = await orgRequestTo('U_ZOOMADMIN');
    const zoe = user('U_ZOOMADMIN');
    const dm = await zoe.waitFor(
      () => zoe.dms().findLast((m) => m.allText.includes('Approve in Zoom')),
      5_000,
    );
    // Back to Acme's account: another account than Globex, so parked; Sam confirms.
    await followLink(h, first, 'owner@acme.test');
    const admin = user('U_SLACKADMIN');
    const ask = await admin.waitFor(
      () =>
        admin
          .dms()
          .findLast((m) => m.allText.includes('Switch account') && m.allText.includes('owner@acme.test')),
      5_000,
    );
    await admin.click({ actionId: 'confirm_parked', surface: 'message', target: ask?.ts });
    await until(
      () =>
        zoe
          .dms()
          .find((m) => m.ts === dm?.ts)
          ?.allText.includes('No longer needed') ?? false,
      5_000,
      'sibling DM closed',
    );
    const page = await fetch(second);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('owner@acme.test');
  });

  it('an old forwarded link stops at once and says to whom it went', async () => {
    const link = await orgRequestTo('U_ALICE');
    const alice = user('U_ALICE');
    await alice.waitFor(() => alice.dms().findLast((m) => m.allText.includes('Not me')), 5_000);
    await alice.click({ actionId: 'forward_request', surface: 'message' });
    await alice.submit({ forward_recipient: { forward_recipient_pick: 'U_ZOOMADMIN' } });
    await until(async () => (await fetch(link)).status === 410, 5_000, 'old link dead');
    const html = await (await fetch(link)).text();
    expect(html).toContain('Zoe');
    const started = await startSignIn(link);
    expect(started.ok).toBe(false);
  });
});

describe('events matched on everything they carry', () => {
  const orgOf = () => h.app.models.orgConnections.findOne({ workspaceId: T }).lean();

  it('a user.deleted or app_deauthorized naming our Zoom user with a foreign account_id is ignored', async () => {
    const org = await orgOf();
    expect(org?.status).toBe('active');
    const zoomUserId = org?.zoomUserId ?? '';
    await h.zoom.control.sendWebhook('org-app', 'user.deleted', {
      account_id: 'globex',
      operator: 'owner@globex.test',
      object: { id: zoomUserId, email: org?.zoomEmail },
    });
    await h.zoom.control.sendWebhook('org-app', 'app_deauthorized', {
      account_id: 'globex',
      user_id: zoomUserId,
      client_id: 'org-app',
      signature: 'x',
      deauthorization_time: new Date().toISOString(),
      user_data_retention: 'true',
      event_ts: String(Date.now()),
    });
    await h.zoom.control.webhooksSettled();
    await h.app.afterAck.drain(5_000);
    // Both were handled (not merely not yet), and changed nothing.
    const handled = h.logLines
      .filter((line) => line.includes('zoom event handled'))
      .map((line) => JSON.parse(line) as { event: string; changes: number });
    expect(handled.filter((e) => e.event === 'user.deleted').at(-1)?.changes).toBe(0);
    expect(handled.filter((e) => e.event === 'app_deauthorized').at(-1)?.changes).toBe(0);
    expect(h.logLines.some((line) => line.includes('another account: ignored'))).toBe(true);
    expect((await orgOf())?.status).toBe('active');
  });

  it('app_deauthorized of the org app by another admin of the same account ends the connection', async () => {
    const org = await orgOf();
    expect(org?.zoomEmail).not.toBe('zoom-admin@acme.test');
    await h.zoom.control.deauthorize('org-app', 'zoom-admin@acme.test');
    await until(async () => (await orgOf())?.status === 'disconnected', 5_000, 'org disconnected');
  });
});

describe('sealed tokens bound to their record', () => {
  it('an access token copied (with database access) into another grant does not open there: nobody is served with it', async () => {
    const grants = h.app.models.zoomGrants;
    await connectPersonal(h, 'U_ALICE', 'alice@acme.test');
    const alice = await h.app.models.personalConnections
      .findOne({ workspaceId: T, slackUserId: 'U_ALICE' })
      .lean();
    const bob = await h.app.models.personalConnections
      .findOne({ workspaceId: T, slackUserId: 'U_BOB' })
      .lean();
    const aliceGrant = await grants.findById(alice?.grantId).lean();
    // The attacker puts Alice's sealed tokens on Bob's grant, hoping Bob's meetings run as Alice.
    await grants.updateOne({ _id: bob?.grantId }, { $set: { credential: aliceGrant?.credential } });
    const before = h.zoom.control.state().meetings.length;
    const member = user('U_BOB');
    const ephemerals = member.ephemerals().length;
    await member.command('/zoom-meet', 'Moved token');
    await member.waitFor(() => member.ephemerals().length > ephemerals, 5_000);
    await h.app.afterAck.drain(5_000);
    expect(h.zoom.control.state().meetings.length).toBe(before);
    // Told the truth (in French, his language): his connection must be reconnected; logged, no value.
    expect(member.ephemerals().at(-1)?.allText).toMatch(/reconnect/i);
    expect((await h.app.services.status.getStatus(T, 'U_BOB')).personal?.status).toBe('needs_reconnect');
    expect(h.logLines.some((l) => l.includes('does not open for its record'))).toBe(true);
  });
});

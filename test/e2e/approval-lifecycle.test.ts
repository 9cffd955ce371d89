/**
 * The approval link's lifecycle (DESIGN §3.3) through Slack and the browser: forwarding to the
 * right Zoom admin, the app's own admin check after authorization, cancel and resend by admins,
 * and the pages a link shows once it no longer works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppHarness,
  approvalLinkIn,
  followLinkAsZoomUser,
  startAppHarness,
} from '../support/app-harness.js';
import { finishSignIn, startSignIn } from '../support/link-browser.js';

let h: AppHarness;
const T = 'T_ACME';
const text = (value: unknown) => JSON.stringify(value);
const user = (id: string) => h.slack.user(T, id);

async function sendRequestTo(recipient: string): Promise<string> {
  const admin = user('U_SLACKADMIN');
  await admin.command('/zoom-connect', 'org');
  await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
  await admin.submit({ connect_recipient: { connect_recipient_pick: recipient } });
  const link = approvalLinkIn(admin.lastModal()?.view);
  expect(link).toBeDefined();
  return link ?? '';
}

beforeAll(async () => {
  h = await startAppHarness('approval_lifecycle');
});
afterAll(async () => {
  await h?.stop();
});

describe('approval link lifecycle', () => {
  it('"Not me — forward": the wrong recipient forwards to the Zoom admin, who gets a new link; the old one says where it went', async () => {
    const link = await sendRequestTo('U_ALICE');
    const alice = user('U_ALICE');
    await alice.waitFor(() => alice.dms().some((m) => text(m).includes('forward_request')), 5_000);
    await alice.click({ actionId: 'forward_request', surface: 'message' });
    expect(alice.lastModal()?.callbackId).toBe('zoom_forward');
    await alice.submit({ forward_recipient: { forward_recipient_pick: 'U_ZOOMADMIN' } });
    const zoomAdmin = user('U_ZOOMADMIN');
    const forwarded = await zoomAdmin.waitFor(
      () =>
        zoomAdmin
          .dms()
          .map((m) => approvalLinkIn(m))
          .find((l) => l !== undefined),
      5_000,
    );
    expect(forwarded).not.toBe(link);
    const admin = user('U_SLACKADMIN');
    await admin.waitFor(() => admin.dms().some((m) => text(m).includes('U_ZOOMADMIN')), 5_000);
    // The person who said "not me" keeps no working link: its page says it was forwarded, to whom.
    const old = await fetch(link);
    expect(old.status).toBe(410);
    expect(await old.text()).toContain('forwarded to Zoe Zoomadmin');
    expect((await startSignIn(forwarded ?? '')).ok).toBe(true);
  });

  it('a Zoom user who lost the admin role before the callback is refused by the app; the requester is told and the link still works', async () => {
    const link = await sendRequestTo('U_ZOOMADMIN');
    const started = await startSignIn(link);
    if (!started.ok) throw new Error(`no sign-in: ${started.status}`);
    const consent = h.zoom.control.consent(started.authorizeUrl, 'zoom-admin@acme.test');
    expect('location' in consent).toBe(true);
    // Between Zoom's consent and the callback, the Zoom account owner demotes the user.
    await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Member' });
    const callback = await finishSignIn('location' in consent ? consent.location : '', started.jar);
    expect(callback.status).toBe(403);
    expect(callback.html).toContain('cannot administer its Zoom account');
    const admin = user('U_SLACKADMIN');
    await admin.waitFor(
      () => admin.dms().some((m) => text(m).includes('zoom-admin@acme.test') && /admin/i.test(text(m))),
      5_000,
    );
    expect(await h.app.services.connections.getOrg(T)).toBeNull();
    // Nothing was stored, and the token Zoom issued was revoked.
    expect(h.zoom.control.state().token_requests.revoke ?? 0).toBeGreaterThanOrEqual(1);
    await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Admin' });
    const retry = await followLinkAsZoomUser(h, link, 'zoom-admin@acme.test');
    expect(retry.status).toBe(200);
  });

  it('admins cancel and resend pending links from /zoom-status requests; old links show a clear page', async () => {
    const first = await sendRequestTo('U_OWNER');
    const second = await sendRequestTo('U_OWNER');
    const admin = user('U_SLACKADMIN');
    const requestsList = async () => {
      const before = admin.ephemerals().length;
      await admin.command('/zoom-status', 'requests');
      return admin.waitFor(
        () => (admin.ephemerals().length > before ? admin.ephemerals().at(-1) : undefined),
        5_000,
      );
    };
    const firstList = await requestsList();
    expect(text(firstList)).toContain('resend_request');
    // The newest request comes first: cancel it, then resend the next one from a fresh list.
    await admin.click({ actionId: 'cancel_request', surface: 'message', target: firstList?.ts });
    await h.slack.settle();
    const secondList = await requestsList();
    await admin.click({ actionId: 'resend_request', surface: 'message', target: secondList?.ts });
    await h.slack.settle();
    const pages = await Promise.all([fetch(first), fetch(second)]);
    // Both links stopped working (one cancelled, one replaced by a fresh link), with readable pages.
    for (const page of pages) {
      expect([404, 410]).toContain(page.status);
      expect(await page.text()).toMatch(/cancelled|not found|expired|Already/i);
    }
  });

  it('an unknown link shows a clear page and reveals nothing', async () => {
    const page = await fetch(`${h.url}/zoom/approve/T_ACME.${'x'.repeat(43)}`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('Link not found');
    expect(html).not.toContain('Acme');
  });

  it('produced no Slack error', () => {
    expect(h.slack.errors()).toEqual([]);
  });
});

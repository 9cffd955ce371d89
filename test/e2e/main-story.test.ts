/**
 * DESIGN §1, walked end to end as the people involved, over HTTP only: the real app against the
 * Slack and Zoom stand-ins. Each step asserts what each person sees in Slack and what Zoom got.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppHarness,
  approvalLinkIn,
  followLinkAsZoomUser,
  startAppHarness,
} from '../support/app-harness.js';

let h: AppHarness;
const T = 'T_ACME';

beforeAll(async () => {
  h = await startAppHarness('main_story');
});
afterAll(async () => {
  await h?.stop();
});

const text = (value: unknown) => JSON.stringify(value);

describe('the main story', () => {
  it('a member with nothing connected is told there is no account and what to do', async () => {
    const alice = h.slack.user(T, 'U_ALICE');
    const result = await alice.command('/zoom-status');
    expect(result.status).toBe(200);
    const reply = await alice.waitFor(() => alice.ephemerals().at(-1), 5_000);
    expect(reply).toBeDefined();
    expect(text(reply)).toMatch(/no active Zoom account|not connected|No Zoom account/i);
  });

  it('a Slack admin sends the request to the Zoom admin, who approves from the DM', async () => {
    const admin = h.slack.user(T, 'U_SLACKADMIN');
    const zoomAdmin = h.slack.user(T, 'U_ZOOMADMIN');
    await admin.command('/zoom-connect');
    expect(admin.lastModal()?.callbackId).toBe('zoom_connect');
    await admin.select({ actionId: 'connect_scope_choice', value: 'org' });
    await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
    const submitted = await admin.submit({
      connect_recipient: { connect_recipient_pick: 'U_ZOOMADMIN' },
      connect_note: { connect_note_text: 'Please approve, thanks!' },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.errors ?? {}).toEqual({});
    expect(admin.lastModal()?.callbackId).toBe('zoom_connect_result');
    const linkForRequester = approvalLinkIn(admin.lastModal()?.view);
    expect(linkForRequester).toMatch(/\/zoom\/approve\//);

    await zoomAdmin.waitFor(() => zoomAdmin.dms().length > 0, 5_000);
    const dm = zoomAdmin.dms().at(-1);
    expect(text(dm)).toContain('U_SLACKADMIN');
    expect(text(dm)).toContain('Please approve, thanks!');
    const link = approvalLinkIn(dm);
    expect(link).toBe(linkForRequester);

    // A member who is not a Zoom admin is stopped by Zoom itself: no callback comes.
    const refused = await followLinkAsZoomUser(h, link ?? '', 'alice@acme.test');
    expect(refused.refused).toMatch(/admin is required/);

    const approved = await followLinkAsZoomUser(h, link ?? '', 'zoom-admin@acme.test');
    expect(approved.status).toBe(200);
    expect(approved.html).toContain('zoom-admin@acme.test');

    await admin.waitFor(() => admin.dms().some((m) => text(m).includes('zoom-admin@acme.test')), 5_000);
    await zoomAdmin.waitFor(() => zoomAdmin.dms().length >= 2, 5_000);
    // The used link now shows a clear page.
    const again = await fetch(link ?? '');
    expect(again.status).toBe(410);
  });

  it('every member can now create a meeting through the organization connection', async () => {
    const alice = h.slack.user(T, 'U_ALICE');
    await alice.command('/zoom-meet', 'Design review');
    await alice.waitFor(
      () => alice.channelMessages('C_GENERAL').some((m) => text(m).includes('Design review')),
      5_000,
    );
    const post = alice.channelMessages('C_GENERAL').at(-1);
    expect(text(post)).toMatch(/zoom\.us|\/j\//);
    const meetings = h.zoom.control.state().meetings;
    expect(meetings.some((m) => m.host_email === 'alice@acme.test' && m.topic === 'Design review')).toBe(
      true,
    );
  });

  it('shows zero Slack errors for the whole flow', () => {
    expect(h.slack.errors()).toEqual([]);
  });
});

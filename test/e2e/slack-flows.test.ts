/**
 * Every numbered behaviour of DESIGN §1 through Slack, as the people involved would do it:
 * the Slack owner who is also the Zoom owner (approves now), members with and without a personal
 * Zoom account, a French-speaking member, a member whose email has no Zoom user, and admins
 * changing settings and disconnecting. Asserts what each person sees and what Zoom received.
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
const text = (value: unknown) => JSON.stringify(value);
const user = (id: string) => h.slack.user(T, id);

async function lastEphemeral(id: string, previous: number) {
  const person = user(id);
  return person.waitFor(
    () => (person.ephemerals().length > previous ? person.ephemerals().at(-1) : undefined),
    5_000,
  );
}

async function command(id: string, name: string, args = '') {
  const person = user(id);
  const before = person.ephemerals().length;
  const result = await person.command(name, args);
  expect(result.status).toBe(200);
  return { person, before, reply: () => lastEphemeral(id, before) };
}

beforeAll(async () => {
  h = await startAppHarness('slack_flows');
});
afterAll(async () => {
  await h?.stop();
});

describe('DESIGN §1 through Slack', () => {
  it('a member cannot ask for the organization connection nor open admin surfaces', async () => {
    for (const [name, args] of [
      ['/zoom-connect', 'org'],
      ['/zoom-settings', ''],
      ['/zoom-status', 'users'],
      ['/zoom-status', 'requests'],
      ['/zoom-status', '<@U_BOB|bob>'],
    ] as const) {
      const { reply } = await command('U_ALICE', name, args);
      expect(text(await reply())).toContain('Only Slack workspace admins and owners can do this.');
    }
    expect(user('U_ALICE').modals()).toEqual([]);
  });

  it('every command answers help', async () => {
    for (const name of [
      '/zoom-connect',
      '/zoom-status',
      '/zoom-settings',
      '/zoom-disconnect',
      '/zoom-meet',
    ]) {
      const { reply } = await command('U_ALICE', name, 'help');
      expect(text(await reply())).toContain(name);
    }
  });

  it('the Slack owner, who is the Zoom owner, approves now from the modal result', async () => {
    const owner = user('U_OWNER');
    await owner.command('/zoom-connect', 'org');
    expect(owner.lastModal()?.callbackId).toBe('zoom_connect');
    await owner.select({ actionId: 'connect_org_path_choice', value: 'self' });
    const result = await owner.submit({});
    expect(result.errors ?? {}).toEqual({});
    expect(owner.lastModal()?.callbackId).toBe('zoom_connect_result');
    const link = approvalLinkIn(owner.lastModal()?.view);
    expect(link).toBeDefined();
    const page = await fetch(link ?? '');
    const html = await page.text();
    expect(html).toContain('Connect Zoom for the whole organization');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const done = await followLinkAsZoomUser(h, link ?? '', 'owner@acme.test');
    expect(done.status).toBe(200);
    await owner.waitFor(() => owner.dms().some((m) => text(m).includes('owner@acme.test')), 5_000);
  });

  it('a member is served by the organization: status, then a meeting for their own Zoom user with the summary setting', async () => {
    const { reply } = await command('U_ALICE', '/zoom-status');
    const status = text(await reply());
    expect(status).toContain('organization');
    expect(status).not.toContain('backup');

    // An admin turns summary auto-start on.
    const admin = user('U_SLACKADMIN');
    await admin.command('/zoom-settings');
    expect(admin.lastModal()?.callbackId).toBe('zoom_settings');
    await admin.submit({
      settings_options: { settings_options_check: ['auto_start_summary', 'allow_user_opt_out'] },
    });
    await admin.waitFor(() => admin.dms().some((m) => text(m).includes('Settings saved')), 5_000);

    const alice = user('U_ALICE');
    await alice.command('/zoom-meet', 'Weekly sync');
    await alice.waitFor(
      () => alice.channelMessages('C_GENERAL').some((m) => text(m).includes('Weekly sync')),
      5_000,
    );
    const meeting = h.zoom.control.state().meetings.find((m) => m.topic === 'Weekly sync');
    expect(meeting?.host_email).toBe('alice@acme.test');
    expect(meeting?.settings.auto_start_meeting_summary).toBe(true);
    expect(text(alice.channelMessages('C_GENERAL').at(-1))).toContain('organization');
  });

  it('a member whose Slack email has no Zoom user is told plainly and pointed to a personal connection', async () => {
    const { reply } = await command('U_CAROL', '/zoom-meet', 'Hello');
    expect(text(await reply())).toMatch(/carol@acme\.test/);
    expect(h.zoom.control.state().meetings.some((m) => m.topic === 'Hello')).toBe(false);
  });

  it('a personal connection takes precedence, shows the organization as backup, and hosts meetings', async () => {
    const alice = user('U_ALICE');
    await alice.command('/zoom-connect');
    // Members get the personal path only: nothing to choose.
    expect(text(alice.lastModal()?.view)).not.toContain('connect_scope_choice');
    await alice.submit({});
    const link = approvalLinkIn(alice.lastModal()?.view);
    expect(link).toMatch(/\/zoom\/connect\//);
    const done = await followLinkAsZoomUser(h, link ?? '', 'alice@acme.test');
    expect(done.status).toBe(200);

    const { reply } = await command('U_ALICE', '/zoom-status');
    const message = await reply();
    const status = text(message);
    expect(status).toContain('personal');
    expect(status).toContain('organization available as backup');
    // The display rule: one "Using" line in what a person sees, never two active accounts.
    expect(JSON.stringify(message?.blocks).match(/Using:/g)).toHaveLength(1);

    await alice.command('/zoom-meet', 'Personal sync');
    await alice.waitFor(
      () => alice.channelMessages('C_GENERAL').some((m) => text(m).includes('Personal sync')),
      5_000,
    );
    const meeting = h.zoom.control.state().meetings.find((m) => m.topic === 'Personal sync');
    expect(meeting?.host_email).toBe('alice@acme.test');
    // Summary auto-start is an organization setting only.
    expect(meeting?.settings.auto_start_meeting_summary).not.toBe(true);
  });

  it('disconnecting the personal connection falls back to the organization', async () => {
    const alice = user('U_ALICE');
    await alice.command('/zoom-disconnect');
    await alice.submit({ disconnect_choice: { disconnect_choice_pick: 'personal' } });
    await alice.waitFor(
      () => alice.dms().some((m) => text(m).includes('personal Zoom account is disconnected')),
      5_000,
    );
    const { reply } = await command('U_ALICE', '/zoom-status');
    const status = text(await reply());
    expect(status).toContain('organization');
    expect(status).not.toContain('backup');
  });

  it('a French-speaking member sees everything in French', async () => {
    const { reply } = await command('U_BOB', '/zoom-status');
    expect(text(await reply())).toContain('Compte utilisé');
    const bob = user('U_BOB');
    await bob.command('/zoom-meet', 'Point hebdo');
    await bob.waitFor(
      () => bob.channelMessages('C_GENERAL').some((m) => text(m).includes('Point hebdo')),
      5_000,
    );
    expect(text(bob.channelMessages('C_GENERAL').at(-1))).toContain('compte Zoom de l’organisation');
  });

  it('opting out is possible while allowed and leaves the member with guidance', async () => {
    const alice = user('U_ALICE');
    await alice.command('/zoom-disconnect');
    await alice.submit({ disconnect_choice: { disconnect_choice_pick: 'opt_out' } });
    await alice.waitFor(() => alice.dms().some((m) => text(m).includes('no longer use')), 5_000);
    const { reply } = await command('U_ALICE', '/zoom-meet', 'After opt-out');
    expect(text(await reply())).toMatch(/opted out/i);
    await alice.command('/zoom-disconnect');
    await alice.submit({ disconnect_choice: { disconnect_choice_pick: 'opt_in' } });
    await alice.waitFor(() => alice.dms().some((m) => text(m).includes('again')), 5_000);
  });

  it('admins see connected users, pending requests and another member’s status', async () => {
    const users = await command('U_SLACKADMIN', '/zoom-status', 'users');
    const list = text(await users.reply());
    expect(list).toContain('Connected users');
    expect(list).toContain('U_ALICE');

    const other = await command('U_SLACKADMIN', '/zoom-status', '<@U_BOB|bob>');
    expect(text(await other.reply())).toContain('bob@acme.test');

    const requests = await command('U_SLACKADMIN', '/zoom-status', 'requests');
    expect(text(await requests.reply())).toContain('Pending approval links');
  });

  it('the Home tab shows the active account, and the admin sections only to admins', async () => {
    const alice = user('U_ALICE');
    await alice.openHome();
    await alice.waitFor(() => alice.home(), 5_000);
    expect(text(alice.home()?.view)).toContain('organization');
    expect(text(alice.home()?.view)).not.toContain('Administration');

    const admin = user('U_SLACKADMIN');
    await admin.openHome();
    await admin.waitFor(() => admin.home(), 5_000);
    const home = text(admin.home()?.view);
    expect(home).toContain('Administration');
    expect(home).toContain('owner@acme.test');
  });

  it('a Zoom admin can decline a request; the requester is told', async () => {
    const admin = user('U_SLACKADMIN');
    const zoomAdmin = user('U_ZOOMADMIN');
    await admin.command('/zoom-connect', 'org');
    await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
    await admin.submit({ connect_recipient: { connect_recipient_pick: 'U_ZOOMADMIN' } });
    await zoomAdmin.waitFor(() => zoomAdmin.dms().some((m) => text(m).includes('decline_request')), 5_000);
    await zoomAdmin.click({ actionId: 'decline_request', surface: 'message' });
    await admin.waitFor(() => admin.dms().some((m) => text(m).includes('declined')), 5_000);
  });

  it('an admin disconnects the organization after seeing the impact; members keep personal connections', async () => {
    const admin = user('U_SLACKADMIN');
    await admin.command('/zoom-disconnect');
    await admin.select({ actionId: 'disconnect_choice_pick', value: 'org' });
    const modal = text(admin.lastModal()?.view);
    expect(modal).toMatch(/members? rel/i);
    // Without ticking the confirmation, Slack's client itself refuses to submit (required input).
    const refused = await admin.submit({ disconnect_choice: { disconnect_choice_pick: 'org' } });
    expect(refused.blocked).toMatch(/disconnect_confirm/);
    await admin.submit({
      disconnect_choice: { disconnect_choice_pick: 'org' },
      disconnect_confirm: { disconnect_confirm_check: ['confirm'] },
    });
    await admin.waitFor(
      () => admin.dms().some((m) => text(m).includes('disconnected for the organization')),
      5_000,
    );
    const { reply } = await command('U_BOB', '/zoom-status');
    expect(text(await reply())).not.toContain('Compte utilisé');
  });

  it('produced no Slack error in the whole suite', () => {
    expect(h.slack.errors()).toEqual([]);
  });
});

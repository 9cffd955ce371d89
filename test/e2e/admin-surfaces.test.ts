/**
 * Issue 14, items 6 and 7, through Slack as an admin and members would use them: the
 * connected-users list (personal rows name their Zoom user, admins marked, filters whose counts
 * and pages agree, "No Zoom user", search in the list modal) and a change of the opt-out setting
 * that reaches the member it moves.
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

/** The admin's latest `/zoom-status users` answer (or its replacement after a click). */
function usersList(admin: ReturnType<typeof user>) {
  return admin.ephemerals().findLast((m) => m.allText.includes('Connected users'));
}

beforeAll(async () => {
  h = await startAppHarness('admin_surfaces');
  const owner = user('U_OWNER');
  await owner.command('/zoom-connect', 'org');
  await owner.select({ actionId: 'connect_org_path_choice', value: 'self' });
  await owner.submit({});
  const link = approvalLinkIn(owner.lastModal()?.view);
  expect((await followLinkAsZoomUser(h, link ?? '', 'owner@acme.test')).status).toBe(200);
  await owner.waitFor(() => owner.dms().some((m) => m.allText.includes('owner@acme.test')), 5_000);

  // Alice connects her own Zoom account.
  const alice = user('U_ALICE');
  await alice.command('/zoom-connect');
  await alice.submit({});
  const personal = approvalLinkIn(alice.lastModal()?.view);
  expect((await followLinkAsZoomUser(h, personal ?? '', 'alice@acme.test')).status).toBe(200);
  await alice.waitFor(() => alice.dms().some((m) => m.allText.includes('alice@acme.test')), 5_000);
});
afterAll(async () => {
  await h?.stop();
});

describe('the connected users list', () => {
  it('names personal Zoom users, marks admins, and lists who has no Zoom user', async () => {
    const admin = user('U_SLACKADMIN');
    await admin.command('/zoom-status', 'users');
    const list = await admin.waitFor(() => usersList(admin), 5_000);
    expect(list.allText).toContain('<@U_ALICE> — personal (alice@acme.test)');
    expect(list.allText).not.toContain('unknown');
    expect(list.allText).toMatch(/<@U_SLACKADMIN> — organization[^\n]*\*admin\*/);
    // Opting out is not allowed (the default): no "Opted out" filter.
    expect(list.allText).not.toContain('Opted out');
    expect(list.allText).toContain('No Zoom user: *1*');

    await admin.select({ actionId: 'users_filter_pick', value: 'zoom_not_found', target: list.ts });
    const filtered = await admin.waitFor(() => {
      const now = usersList(admin);
      return now?.allText.includes('Page 1 of 1 · 1 member') ? now : undefined;
    }, 5_000);
    expect(filtered.allText).toContain('<@U_CAROL>');
    expect(filtered.allText).toContain('no Zoom user for carol@acme.test');
    expect(filtered.allText).not.toContain('<@U_ALICE>');
  });

  it('searches by name or email in the list modal', async () => {
    const admin = user('U_SLACKADMIN');
    const list = usersList(admin);
    await admin.click({ actionId: 'users_open_list', target: list?.ts });
    const modal = await admin.waitFor(() => admin.lastModal(), 5_000);
    expect(modal.callbackId).toBe('zoom_users_list');
    // It opens on the list's filter ("No Zoom user"): Carol.
    expect(modal.allText).toContain('<@U_CAROL>');
    await admin.select({ actionId: 'users_filter_pick', value: 'all', surface: 'modal' });
    await admin.waitFor(() => admin.lastModal()?.allText.includes('<@U_ALICE>'), 5_000);
    await admin.submit({ users_search: { users_search_text: 'BOB@acme' } });
    const found = admin.lastModal();
    expect(found?.allText).toContain('Connected users matching “BOB@acme”');
    expect(found?.allText).toContain('<@U_BOB>');
    expect(found?.allText).not.toContain('<@U_ALICE>');
    expect(found?.allText).toContain('Page 1 of 1 · 1 member');
    // The filter keeps the search.
    await admin.select({ actionId: 'users_filter_pick', value: 'personal', surface: 'modal' });
    const personal = await admin.waitFor(
      () =>
        admin.lastModal()?.allText.includes('No member matches this search.') ? admin.lastModal() : undefined,
      5_000,
    );
    expect(personal.allText).toContain('“BOB@acme”');
    // A pattern is text, not a regex.
    await admin.submit({ users_search: { users_search_text: '.*' } });
    expect(admin.lastModal()?.allText).toContain('No member matches this search.');
  });
});

describe('changing the opt-out setting', () => {
  it('tells the member it moves what changed and what they use now; the admin what changed', async () => {
    const admin = user('U_SLACKADMIN');
    const bob = user('U_BOB');
    await admin.command('/zoom-settings');
    expect(admin.lastModal()?.allText).toContain(
      'Allow members to stop using the organization’s Zoom account',
    );
    await admin.submit({ settings_options: { settings_options_check: ['allow_user_opt_out'] } });
    await admin.waitFor(
      () => admin.dms().some((m) => m.allText.includes('Members may now stop using')),
      5_000,
    );

    // Bob (French) opts out, then the admin turns opting out off again.
    await bob.command('/zoom-disconnect');
    await bob.submit({ disconnect_choice: { disconnect_choice_pick: 'opt_out' } });
    const before = bob.dms().length;
    await admin.command('/zoom-settings');
    expect(admin.lastModal()?.allText).toContain('1 member has chosen to stop using');
    await admin.submit({ settings_options: { settings_options_check: [] } });
    const told = await bob.waitFor(
      () =>
        bob
          .dms()
          .slice(before)
          .find((m) => m.allText.includes('Vous utilisez désormais')),
      5_000,
    );
    expect(told.allText).toContain('<@U_SLACKADMIN> ne permet plus aux membres de *Acme*');
    expect(told.allText).toContain('le compte Zoom de l’organisation');
    expect(told.allText).toContain('bob@acme.test');
    const saved = await admin.waitFor(
      () => admin.dms().findLast((m) => m.allText.includes('Members may no longer stop using')),
      5_000,
    );
    expect(saved.allText).toContain('1 member who had opted out uses the organization’s Zoom account again');
    // Nobody else was told anything about it.
    for (const id of ['U_ALICE', 'U_CAROL', 'U_ZOOMADMIN']) {
      expect(text(user(id).dms())).not.toContain('The Zoom account you use has changed');
    }
    const { status } = await bob.command('/zoom-status');
    expect(status).toBe(200);
  });

  it('produced no Slack error', () => {
    expect(h.slack.errors()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { validateBlockKit } from '../../../sandbox/slack/block-kit/index.js';
import { createTranslator } from '../../../src/i18n/index.js';
import { homeView } from '../../../src/slack/views/home.js';
import { ACTION, BLOCK } from '../../../src/slack/views/ids.js';
import { parseUsersPage } from '../../../src/slack/views/values.js';
import { buildAdminData, buildHome, buildHugeHome, buildOrg, buildStatus, buildUsers } from './factories.js';
import { actionIdsOf, allText, buttonsOf } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr');

const ADMIN_ACTIONS = [
  ACTION.openSettings,
  ACTION.usersFilter,
  ACTION.resendRequest,
  ACTION.cancelRequest,
  ACTION.openDisconnect,
  ACTION.connectOrg,
  ACTION.usersNext,
  ACTION.usersPrev,
];

describe('homeView', () => {
  it('shows no admin section to a member, even if admin data is passed by mistake', () => {
    const view = homeView({ ...buildHugeHome(), isAdmin: false }, en);
    const ids = actionIdsOf(view);
    for (const id of ADMIN_ACTIONS) expect(ids).not.toContain(id);
    const text = allText(view);
    expect(text).not.toContain('Administration');
    expect(text).not.toContain('Pending approval links');
    expect(text).not.toContain('Connected users');
    expect(text).not.toContain('Recent activity');
  });

  it('shows the member section with active account, backup and actions', () => {
    const view = homeView(
      buildHome({
        isAdmin: false,
        admin: null,
        status: buildStatus({
          active: { source: 'personal', zoomEmail: 'me@zoom.test', since: null },
          orgBackup: true,
          personal: 'active',
          optOut: { allowed: true, optedOut: false },
        }),
      }),
      en,
    );
    const text = allText(view);
    expect(text).toContain('*Using: personal (me@zoom.test)* · organization available as backup');
    expect(actionIdsOf(view)).toEqual(
      expect.arrayContaining([ACTION.newMeeting, ACTION.disconnectPersonal, ACTION.optOut]),
    );
  });

  it('shows every admin section to an admin', () => {
    const view = homeView(buildHome(), en);
    const text = allText(view);
    for (const title of [
      'Administration',
      'Organization connection',
      'Pending approval links',
      'Settings',
      'Connected users',
      'Recent activity',
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('Zoom user: zoom-admin@acme.test');
    expect(text).toContain('Last check:');
    const ids = actionIdsOf(view);
    expect(ids).toEqual(
      expect.arrayContaining([
        ACTION.openSettings,
        ACTION.usersFilter,
        ACTION.resendRequest,
        ACTION.cancelRequest,
      ]),
    );
  });

  it('offers Reconnect and shows the reason when the organization connection needs reconnecting', () => {
    const view = homeView(
      buildHome({
        admin: buildAdminData({ org: buildOrg({ status: 'needs_reconnect', reason: 'admin_role_lost' }) }),
      }),
      en,
    );
    const text = allText(view);
    expect(text).toContain('Needs reconnecting');
    expect(text).toContain('is no longer a Zoom admin');
    expect(buttonsOf(view).find((b) => b.action_id === ACTION.connectOrg)?.text).toBe('Reconnect');
  });

  it('stays within 100 blocks and 3000 characters per text with huge inputs, in both languages', () => {
    for (const t of [en, fr]) {
      const view = homeView(buildHugeHome(), t);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(validateBlockKit('home', view)).toEqual([]);
      const text = allText(view);
      // 500 pending requests: 8 shown, the rest summarised.
      expect(text).toContain(t('common.and_more', { count: 492 }));
      // 100,000-member counts are formatted for the reader.
      expect(text).toContain(t.formatNumber(100_000));
    }
  });

  it('shows at most 10 audit events', () => {
    const home = buildHome();
    const view = homeView(
      { ...home, admin: buildAdminData({ audit: buildHugeHome().admin?.audit ?? [] }) },
      en,
    );
    const auditText = allText(view).split('Recent activity')[1] ?? '';
    expect(auditText.match(/^• /gm)).toHaveLength(10);
    expect(auditText).toContain('…and 4,990 more');
  });

  it('pages connected users with previous/next buttons carrying a parseable value', () => {
    const home = buildHome();
    const users = buildUsers({ page: 1, pageSize: 5, total: 12 });
    const view = homeView({ ...home, admin: buildAdminData({ users }) }, en);
    const prev = buttonsOf(view).find((b) => b.action_id === ACTION.usersPrev);
    const next = buttonsOf(view).find((b) => b.action_id === ACTION.usersNext);
    expect(parseUsersPage(prev?.value)).toEqual({ filter: 'all', page: 0 });
    expect(parseUsersPage(next?.value)).toEqual({ filter: 'all', page: 2 });
    expect(allText(view)).toContain('Page 2 of 3 · 12 members');
    const last = homeView({ ...home, admin: buildAdminData({ users: { ...users, page: 2 } }) }, en);
    expect(actionIdsOf(last)).not.toContain(ACTION.usersNext);
    expect(JSON.stringify(last)).toContain(BLOCK.usersPager);
  });
});

// The connected-users list as Home, `/zoom-status users` and the list modal show it.
import { describe, expect, it } from 'vitest';
import { validateBlockKit } from '../../../sandbox/slack/block-kit/index.js';
import { createTranslator } from '../../../src/i18n/index.js';
import { userRowLine } from '../../../src/slack/views/admin-lists.js';
import { ACTION, BLOCK, CALLBACK } from '../../../src/slack/views/ids.js';
import { connectedUsersMessage, connectedUsersModal } from '../../../src/slack/views/index.js';
import { parseUsersListState } from '../../../src/slack/views/values.js';
import { buildUserRow, buildUsers, NASTY_50 } from './factories.js';
import { actionIdsOf, allText, blockIdsOf, buttonsOf } from './inspect.js';

const en = createTranslator('en');
const fr = createTranslator('fr');

describe('a connected user row', () => {
  it('names the Zoom user of a personal connection, never "unknown"', () => {
    const row = buildUserRow(3, { source: 'personal', personal: 'active', zoomEmail: 'own@zoom.test' });
    expect(userRowLine(row, en)).toContain('personal (own@zoom.test)');
    const missing = userRowLine({ ...row, zoomEmail: null }, en);
    expect(missing).toContain('— personal');
    expect(missing).not.toContain('unknown');
  });

  it('marks admins and, only when flagged, opted-out members', () => {
    const admin = userRowLine(buildUserRow(1, { isAdmin: true, optedOut: false }), en);
    expect(admin).toContain('*admin*');
    expect(admin).not.toContain('opted out');
    const member = userRowLine(buildUserRow(1, { isAdmin: false, optedOut: true }), en);
    expect(member).not.toContain('admin');
    expect(member).toContain('opted out');
  });

  it('escapes emails (mrkdwn control characters stay text)', () => {
    const row = buildUserRow(2, { source: 'personal', zoomEmail: '<!channel>@x.test' });
    expect(userRowLine(row, en)).toContain('&lt;!channel&gt;@x.test');
  });
});

describe('the connected users list', () => {
  it('offers only the filters the model lists, with their counts', () => {
    const model = buildUsers({ filters: ['all', 'personal', 'org', 'none', 'needs_reconnect'] });
    const text = allText(connectedUsersMessage(model, en));
    expect(text).toContain('Needs reconnecting: *5*');
    expect(text).not.toContain('Opted out');
    expect(text).not.toContain('No Zoom user:');
  });

  it('has a Search members button (carrying the filter) under the message, not in the modal', () => {
    const message = connectedUsersMessage(buildUsers({ filter: 'personal' }), en);
    expect(buttonsOf(message).find((b) => b.action_id === ACTION.usersOpenList)).toMatchObject({
      text: 'Search members',
      value: 'personal',
    });
    expect(actionIdsOf(connectedUsersModal(buildUsers(), en))).not.toContain(ACTION.usersOpenList);
  });

  it('pages with the same total the counts give', () => {
    const model = buildUsers({ total: 45, pageSize: 20, page: 1 });
    const text = allText(connectedUsersMessage(model, en));
    expect(text).toContain('Page 2 of 3 · 45 members');
    const values = buttonsOf(connectedUsersMessage(model, en)).map((b) => [b.action_id, b.value]);
    expect(values).toEqual(
      expect.arrayContaining([
        [ACTION.usersPrev, 'all:0'],
        [ACTION.usersNext, 'all:2'],
      ]),
    );
  });
});

describe('the list modal', () => {
  it('has a search field (optional, the search applied as its value) and keeps filter and search in metadata', () => {
    const modal = connectedUsersModal(buildUsers({ filter: 'org', search: 'ali' }), en);
    expect(modal.callback_id).toBe(CALLBACK.usersList);
    expect(modal.submit?.text).toBe('Search');
    expect(blockIdsOf(modal)).toEqual(expect.arrayContaining([BLOCK.usersSearch, BLOCK.usersFilter]));
    const input = modal.blocks.find((b) => b.block_id === BLOCK.usersSearch);
    expect(input).toMatchObject({
      type: 'input',
      optional: true,
      element: { type: 'plain_text_input', action_id: ACTION.usersSearch, initial_value: 'ali' },
    });
    expect(parseUsersListState(modal.private_metadata)).toEqual({ filter: 'org', search: 'ali' });
    expect(allText(modal)).toContain('Connected users matching “ali”');
    expect(validateBlockKit('modal', modal)).toEqual([]);
  });

  it('says when the search finds nobody, in French too, with the text escaped', () => {
    const modal = connectedUsersModal(buildUsers({ rows: [], total: 0, search: NASTY_50 }), fr);
    const text = allText(modal);
    expect(text).toContain('Aucun membre ne correspond à cette recherche.');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(validateBlockKit('modal', modal)).toEqual([]);
  });

  it('reads back only well-formed metadata', () => {
    expect(parseUsersListState('{"f":"everyone","q":null}')).toBeNull();
    expect(parseUsersListState('not json')).toBeNull();
    expect(parseUsersListState(JSON.stringify({ f: 'all', q: 'x'.repeat(101) }))).toBeNull();
    expect(parseUsersListState(JSON.stringify({ f: 'opted_out', q: null }))).toEqual({
      filter: 'opted_out',
      search: null,
    });
  });
});

// The sandbox UI's own logic, away from the browser: activity labels, unread DMs, type-to-search,
// the date-time picker's zone arithmetic, and modal forms read from Slack's view state.
import { describe, expect, it } from 'vitest';
import { activityLabel, humanize } from '../public/activity-labels.js';
import { formValueFromState, initialForm } from '../public/blockkit.js';
import { matchChoices } from '../public/search-select.js';
import { compareTs, newestTs, unreadCount } from '../public/unread.js';
import { epochFromZoned, zonedFromEpoch } from '../public/zoned-time.js';

const names = { U_ALICE: 'Alice Martin', U_BOB: 'Bob Dupont' };
const channels = { C_GENERAL: '#general', D0000001: 'DM with Bob Dupont' };

describe('activity labels', () => {
  it('names channel posts as posts in #channel, not as DMs, even when a person is attached', () => {
    const post = {
      kind: 'message',
      user: 'U_ALICE',
      channel: 'C_GENERAL',
      summary: 'post in C_GENERAL (response_url): Weekly sync',
    };
    expect(activityLabel(post, names, channels)).toBe('post in #general');
    expect(humanize(post.summary, names, channels)).toBe('post in #general (response_url): Weekly sync');
  });

  it('names DMs, updates and deletions after who they went to', () => {
    const dm = { kind: 'message', user: 'U_BOB', channel: 'D0000001', summary: '' };
    expect(activityLabel(dm, names, channels)).toBe('DM to Bob Dupont');
    expect(activityLabel({ ...dm, kind: 'message_updated' }, names, channels)).toBe(
      'DM to Bob Dupont updated',
    );
    const post = { kind: 'message_deleted', user: null, channel: 'C_GENERAL', summary: '' };
    expect(activityLabel(post, names, channels)).toBe('post in #general deleted');
  });

  it('says where a command answer went', () => {
    const inChannel = {
      kind: 'ack_message',
      user: 'U_ALICE',
      channel: 'C_GENERAL',
      summary: 'in_channel: Meeting',
    };
    const ephemeral = {
      kind: 'ack_message',
      user: 'U_ALICE',
      channel: 'C_GENERAL',
      summary: 'ephemeral: Status',
    };
    expect(activityLabel(inChannel, names, channels)).toBe('command answer posted in #general');
    expect(activityLabel(ephemeral, names, channels)).toBe('command answer to Alice Martin');
    expect(humanize(ephemeral.summary, names, channels)).toBe('Status');
  });

  it('has no label for kinds it does not know', () => {
    expect(activityLabel({ kind: 'mystery', user: null, summary: '' }, names, channels)).toBeUndefined();
  });
});

describe('unread DMs', () => {
  const dms = [{ ts: '1700000000.000100' }, { ts: '1700000005.000002' }, { ts: '1700000005.000010' }];

  it('counts every DM until the DM was opened, then only newer ones', () => {
    expect(unreadCount(dms, undefined)).toBe(3);
    expect(unreadCount(dms, newestTs(dms))).toBe(0);
    expect(unreadCount([...dms, { ts: '1700000006.000000' }], newestTs(dms))).toBe(1);
  });

  it('compares ts values numerically, microseconds included', () => {
    expect(newestTs(dms)).toBe('1700000005.000010');
    expect(compareTs('1700000005.000010', '1700000005.000002')).toBeGreaterThan(0);
    expect(compareTs('999999999.9', '1000000000.0')).toBeLessThan(0);
  });
});

describe('type-to-search', () => {
  const people = [
    { value: 'U_ZOOMADMIN', label: 'Zoe Zoomadmin', detail: '@zoomadmin' },
    { value: 'U_BOB', label: 'Bob Dupont', detail: '@bob' },
    { value: 'U_ELOISE', label: 'Éloïse Brûlé', detail: '@eloise' },
  ];

  it('matches the start of any word of the name or handle, ignoring case and accents', () => {
    expect(matchChoices(people, 'zoom').map((c) => c.value)).toEqual(['U_ZOOMADMIN']);
    expect(matchChoices(people, 'DUP').map((c) => c.value)).toEqual(['U_BOB']);
    expect(matchChoices(people, 'brule').map((c) => c.value)).toEqual(['U_ELOISE']);
    expect(matchChoices(people, 'upont')).toEqual([]);
  });

  it('offers everyone for an empty query', () => {
    expect(matchChoices(people, '  ')).toHaveLength(3);
  });
});

describe('the date-time picker on the person’s wall clock', () => {
  it('turns Paris wall-clock time into UNIX seconds and back, across daylight saving', () => {
    expect(epochFromZoned('2025-03-11T14:05', 'Europe/Paris')).toBe(Date.UTC(2025, 2, 11, 13, 5) / 1000);
    expect(epochFromZoned('2025-07-11T14:05', 'Europe/Paris')).toBe(Date.UTC(2025, 6, 11, 12, 5) / 1000);
    expect(zonedFromEpoch(Date.UTC(2025, 6, 11, 12, 5) / 1000, 'Europe/Paris')).toBe('2025-07-11T14:05');
    expect(zonedFromEpoch(Date.UTC(2025, 6, 11, 12, 5) / 1000, 'America/Los_Angeles')).toBe(
      '2025-07-11T05:05',
    );
  });

  it('refuses what is not a date-time', () => {
    expect(epochFromZoned('tomorrow', 'Europe/Paris')).toBeUndefined();
    expect(epochFromZoned(undefined, 'Europe/Paris')).toBeUndefined();
  });
});

describe('modal forms', () => {
  it("start from the view's state, where Slack put defaults such as the current conversation", () => {
    const blocks = [
      { type: 'input', block_id: 'where', element: { type: 'conversations_select', action_id: 'where' } },
      { type: 'input', block_id: 'who', element: { type: 'multi_users_select', action_id: 'who' } },
      {
        type: 'input',
        block_id: 'when',
        element: { type: 'datetimepicker', action_id: 'when', initial_date_time: 1 },
      },
      {
        type: 'input',
        block_id: 'topic',
        element: { type: 'plain_text_input', action_id: 'topic', initial_value: 'Hi' },
      },
    ];
    const state = {
      values: {
        where: { where: { type: 'conversations_select', selected_conversation: 'C_GENERAL' } },
        who: { who: { type: 'multi_users_select', selected_users: ['U_BOB'] } },
        when: { when: { type: 'datetimepicker', selected_date_time: 1_741_698_300 } },
      },
    };
    expect(initialForm(blocks, state)).toEqual({
      where: { where: 'C_GENERAL' },
      who: { who: ['U_BOB'] },
      when: { when: 1_741_698_300 },
      topic: { topic: 'Hi' },
    });
  });

  it('read every state shape', () => {
    expect(formValueFromState({ type: 'static_select', selected_option: { value: 'org' } })).toBe('org');
    expect(formValueFromState({ type: 'checkboxes', selected_options: [{ value: 'a' }] })).toEqual(['a']);
    expect(formValueFromState({ type: 'datepicker', selected_date: null })).toBe('');
    expect(formValueFromState({ type: 'timepicker', selected_time: '09:30' })).toBe('09:30');
    expect(formValueFromState(undefined)).toBeUndefined();
  });
});

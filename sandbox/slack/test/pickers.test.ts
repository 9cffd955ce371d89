// The modal elements of issue 14 as Slack's client and payloads have them: date, time and
// date-time pickers, users and conversations selects (initial values, default_to_current_conversation,
// response_url_enabled), their exact state.values shapes, and the client's own refusals.
import type { App, SlackViewAction } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES } from '../client-checks.js';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const input = (blockId: string, element: Record<string, unknown>, optional = false) => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: plain(blockId),
  element: { action_id: blockId, ...element },
});

/** The New meeting modal shape of issue 14: every picker, in Bob's workspace. */
const meetingModal = (extra: Record<string, Record<string, unknown>> = {}) => ({
  type: 'modal' as const,
  callback_id: 'new_meeting',
  title: plain('New meeting'),
  submit: plain('Create'),
  blocks: [
    input('date', { type: 'datepicker', initial_date: '2025-03-10', ...extra.date }),
    input('time', { type: 'timepicker', initial_time: '09:30', timezone: 'Europe/Paris', ...extra.time }),
    input('when', { type: 'datetimepicker', ...extra.when }, true),
    input('invitees', { type: 'multi_users_select', max_selected_items: 3, ...extra.invitees }, true),
    input('host', { type: 'users_select', initial_user: 'U_BOB', ...extra.host }),
    input('where', {
      type: 'conversations_select',
      default_to_current_conversation: true,
      response_url_enabled: true,
      filter: { include: ['public', 'im'], exclude_bot_users: true },
      ...extra.where,
    }),
  ],
});

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function withModal(extra: Record<string, Record<string, unknown>> = {}) {
  const submissions: SlackViewAction[] = [];
  harness = await startHarness((app: App) => {
    app.command('/zoom-meet', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: meetingModal(extra) });
    });
    app.view('new_meeting', async ({ ack, body }) => {
      await ack();
      submissions.push(body);
    });
  });
  const bob = harness.standIn.user('T_ACME', 'U_BOB');
  await bob.command('/zoom-meet', '', { channel: 'C_GENERAL' });
  return { bob, submissions };
}

describe('opening the modal', () => {
  it('reports every picker with its initial value and picks #general as the current conversation', async () => {
    const { bob } = await withModal();
    expect(bob.lastModal()?.view.state).toEqual({
      values: {
        date: { date: { type: 'datepicker', selected_date: '2025-03-10' } },
        time: { time: { type: 'timepicker', selected_time: '09:30' } },
        when: { when: { type: 'datetimepicker', selected_date_time: null } },
        invitees: { invitees: { type: 'multi_users_select', selected_users: [] } },
        host: { host: { type: 'users_select', selected_user: 'U_BOB' } },
        where: { where: { type: 'conversations_select', selected_conversation: 'C_GENERAL' } },
      },
    });
  });

  it('keeps an explicit initial_conversation over the current conversation', async () => {
    const { bob } = await withModal({ where: { initial_conversation: 'C_OTHER' } });
    expect(bob.lastModal()?.view.state).toMatchObject({
      values: { where: { where: { selected_conversation: 'C_OTHER' } } },
    });
  });
});

describe('submitting', () => {
  it('sends selected_date, selected_time, selected_date_time, selected_users, selected_user, selected_conversation', async () => {
    const { bob, submissions } = await withModal();
    const result = await bob.submit({
      date: '2025-03-11',
      time: '14:05',
      when: '2025-03-11T14:05:00+01:00',
      invitees: ['U_ALICE', 'U_CAROL'],
      host: 'U_ALICE',
    });
    expect(result.status).toBe(200);
    const values = submissions[0]?.view.state.values;
    expect(values).toEqual({
      date: { date: { type: 'datepicker', selected_date: '2025-03-11' } },
      time: { time: { type: 'timepicker', selected_time: '14:05' } },
      when: { when: { type: 'datetimepicker', selected_date_time: 1_741_698_300 } },
      invitees: { invitees: { type: 'multi_users_select', selected_users: ['U_ALICE', 'U_CAROL'] } },
      host: { host: { type: 'users_select', selected_user: 'U_ALICE' } },
      where: { where: { type: 'conversations_select', selected_conversation: 'C_GENERAL' } },
    });
  });

  it('gives response_url_enabled selects a response_url that posts into the picked conversation', async () => {
    const { bob, submissions } = await withModal();
    await bob.submit({});
    const urls = (submissions[0] as unknown as { response_urls: Record<string, string>[] }).response_urls;
    expect(urls).toEqual([
      {
        block_id: 'where',
        action_id: 'where',
        channel_id: 'C_GENERAL',
        response_url: expect.stringContaining('/response/'),
      },
    ]);
    const posted = await fetch(urls[0]?.response_url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'in_channel', text: 'Meeting at 14:05' }),
    });
    expect(posted.status).toBe(200);
    expect(bob.channelMessages('C_GENERAL').map((m) => m.text)).toContain('Meeting at 14:05');
  });

  it('is refused by the client when a required picker is empty, with Slack’s words under the field', async () => {
    const { bob, submissions } = await withModal({ date: { initial_date: undefined } });
    const result = await bob.submit({});
    expect(result).toMatchObject({
      status: 0,
      blocked: 'required input empty or invalid: date',
      errors: { date: CLIENT_MESSAGES.required },
    });
    expect(CLIENT_MESSAGES.required).toBe('Please complete this required field.');
    expect(bob.lastModal()?.errors).toEqual({ date: CLIENT_MESSAGES.required });
    expect(submissions).toHaveLength(0);
    // Once filled in, the submission goes through and the client's message goes away.
    await bob.submit({ date: '2025-03-12' });
    expect(submissions).toHaveLength(1);
  });

  it('refuses picks a person could not make: a 13th month, 25:00, too many invitees, a stranger', async () => {
    const { bob } = await withModal();
    await expect(bob.submit({ date: '2025-13-01' })).rejects.toThrow(/not a date/);
    await expect(bob.submit({ time: '25:00' })).rejects.toThrow(/not a time/);
    await expect(bob.submit({ when: 'tomorrow' })).rejects.toThrow(/UNIX seconds/);
    await expect(bob.submit({ invitees: ['U_ALICE', 'U_CAROL', 'U_OWNER', 'U_ZOOMADMIN'] })).rejects.toThrow(
      /at most 3/,
    );
    await expect(bob.submit({ host: 'U_OTHERADMIN' })).rejects.toThrow(/no active user U_OTHERADMIN/);
  });
});

describe('what the app may send', () => {
  it('refuses a datepicker with a malformed initial_date and a millisecond initial_date_time', async () => {
    harness = await startHarness((app: App) => {
      app.command('/zoom-meet', async ({ ack, body, client }) => {
        await ack();
        await client.views
          .open({
            trigger_id: body.trigger_id,
            view: meetingModal({
              date: { initial_date: '10/03/2025' },
              when: { initial_date_time: 1_741_698_300_000 },
            }),
          })
          .catch(() => undefined);
      });
    });
    await harness.standIn.user('T_ACME', 'U_BOB').command('/zoom-meet');
    const [error] = harness.standIn.errors();
    expect(error).toMatchObject({ method: 'views.open', error: 'invalid_arguments' });
    expect(error?.detail).toContain('must be a date in the format YYYY-MM-DD');
    expect(error?.detail).toContain('must be a UNIX timestamp in seconds');
  });
});

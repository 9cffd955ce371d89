// Regressions from the acceptance audit: full `state.values` (Slack's 2020-09 change), events sent
// through the control API completed like Slack's, Slack-shaped users in team_join/user_change,
// recorded errors without a team, multipart bodies and channel names.
import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { quietLogger, startHarness } from './harness.js';

type StateValues = Record<string, Record<string, Record<string, unknown>>>;
interface SeenBody {
  state?: { values: StateValues };
  view?: { id: string; hash: string; state: { values: StateValues } };
  actions: { selected_option?: { value: string } | null }[];
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });
const pickerRow = [
  {
    type: 'actions',
    block_id: 'row',
    elements: [
      { type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, value: 'go' },
      {
        type: 'static_select',
        action_id: 'mode',
        placeholder: { type: 'plain_text', text: 'Mode' },
        options: [option('Fast', 'fast'), option('Slow', 'slow')],
      },
      { type: 'datepicker', action_id: 'day', initial_date: '2024-05-01' },
    ],
  },
];

function recordActions(app: App, ids: string[], seen: SeenBody[]): void {
  for (const id of ids) {
    app.action(id, async ({ ack, body }) => {
      await ack();
      seen.push(body as unknown as SeenBody);
    });
  }
}

describe('full state in block_actions and view_submission', () => {
  it('reports every stateful element of a message, untouched ones with their initial value', async () => {
    const seen: SeenBody[] = [];
    harness = await startHarness((app) => {
      app.command('/post', async ({ ack, client, command }) => {
        await ack();
        await client.chat.postMessage({ channel: command.channel_id, text: 'pick', blocks: pickerRow });
      });
      recordActions(app, ['go', 'mode'], seen);
    });
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/post');

    await alice.click({ text: 'Go' });
    await alice.select({ text: 'Slow' });
    await alice.click({ actionId: 'go' });

    expect(seen[0]?.state?.values).toEqual({
      row: {
        mode: { type: 'static_select', selected_option: null },
        day: { type: 'datepicker', selected_date: '2024-05-01' },
      },
    });
    expect(seen[1]?.state?.values.row?.mode).toEqual({
      type: 'static_select',
      selected_option: option('Slow', 'slow'),
    });
    // The pick stays in the user's client: the next click reports it too.
    expect(seen[2]?.state?.values.row?.mode?.selected_option).toEqual(option('Slow', 'slow'));
    // Another user's client has its own state.
    await harness.standIn.user('T_ACME', 'U_BOB').click({ actionId: 'go' });
    expect(seen[3]?.state?.values.row?.mode?.selected_option).toBeNull();
  });

  it('submits actions-block selects with the inputs; views.update keeps only input values', async () => {
    const seen: SeenBody[] = [];
    const submitted: StateValues[] = [];
    const modal = (title: string) => ({
      type: 'modal' as const,
      callback_id: 'full_state',
      title: { type: 'plain_text' as const, text: title },
      submit: { type: 'plain_text' as const, text: 'Save' },
      blocks: [
        {
          type: 'input',
          block_id: 'name',
          label: { type: 'plain_text', text: 'Name' },
          element: { type: 'plain_text_input', action_id: 'name_input' },
        },
        ...pickerRow,
      ],
    });
    harness = await startHarness((app) => {
      app.command('/open', async ({ ack, client, command }) => {
        await ack();
        await client.views.open({ trigger_id: command.trigger_id, view: modal('First') });
      });
      recordActions(app, ['mode'], seen);
      app.action('go', async ({ ack, body, client }) => {
        await ack();
        const view = (body as unknown as SeenBody).view;
        if (view) await client.views.update({ view_id: view.id, hash: view.hash, view: modal('Second') });
      });
      app.view('full_state', async ({ ack, view }) => {
        submitted.push(view.state.values as unknown as StateValues);
        await ack();
      });
    });
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/open');
    await alice.select({ actionId: 'mode', value: 'fast' });
    expect(seen[0]?.view?.state.values.row?.mode?.selected_option).toEqual(option('Fast', 'fast'));

    await alice.submit({ name: 'Ann' });
    expect(submitted[0]).toEqual({
      name: { name_input: { type: 'plain_text_input', value: 'Ann' } },
      row: {
        mode: { type: 'static_select', selected_option: option('Fast', 'fast') },
        day: { type: 'datepicker', selected_date: '2024-05-01' },
      },
    });

    await alice.command('/open');
    await alice.select({ actionId: 'mode', value: 'slow' });
    await alice.click({ actionId: 'go' });
    const top = alice.lastModal();
    const state = (top?.view as { state?: { values: StateValues } } | undefined)?.state?.values ?? {};
    expect(top?.title).toBe('Second');
    // Not an input block: the re-rendered view starts from its initial value, as Slack's client does.
    expect(state.row?.mode?.selected_option).toBeNull();
    expect(harness.standIn.errors()).toEqual([]);
  });
});

describe('events sent through the control API are completed like Slack sends them', () => {
  it('app_home_opened gets the DM channel, the tab and the shown Home view', async () => {
    const events: Record<string, unknown>[] = [];
    harness = await startHarness((app) => {
      app.event('app_home_opened', async ({ event, client }) => {
        events.push(event as unknown as Record<string, unknown>);
        await client.views.publish({
          user_id: event.user,
          view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Home' } }] },
        });
      });
    });
    const response = await fetch(`${harness.standIn.url}/_sandbox/event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ team: 'T_ACME', event: { type: 'app_home_opened', user: 'U_ALICE' } }),
    });
    expect(await response.json()).toMatchObject({ ok: true, status: 200 });
    const dm = harness.standIn.workspace.dmChannelId('T_ACME', 'U_ALICE');
    expect(dm).toMatch(/^D/);
    expect(events[0]).toMatchObject({ type: 'app_home_opened', user: 'U_ALICE', channel: dm, tab: 'home' });
    expect(events[0]?.view).toBeUndefined();

    await harness.standIn.user('T_ACME', 'U_ALICE').openHome();
    const home = harness.standIn.user('T_ACME', 'U_ALICE').home();
    expect(events[1]).toMatchObject({ channel: dm, tab: 'home', view: { id: home?.id, type: 'home' } });

    const unknown = await fetch(`${harness.standIn.url}/_sandbox/event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ team: 'T_ACME', event: { type: 'app_home_opened', user: 'U_GHOST' } }),
    });
    expect(unknown.status).toBe(400);
  });

  it('team_join and user_change accept Slack user objects (email and real_name in profile)', async () => {
    const users: Record<string, unknown>[] = [];
    harness = await startHarness((app) => {
      app.event('team_join', async ({ event }) => {
        users.push(event.user as unknown as Record<string, unknown>);
      });
      app.event('user_change', async ({ event }) => {
        users.push(event.user as unknown as Record<string, unknown>);
      });
    });
    const { standIn } = harness;
    await standIn.sendEvent('T_ACME', {
      type: 'team_join',
      user: {
        id: 'U_ERIN',
        team_id: 'T_ACME',
        name: 'erin',
        tz: 'Europe/Paris',
        profile: { email: 'erin@acme.test', real_name: 'Erin Example', display_name: 'erin' },
        is_admin: false,
      },
    });
    await standIn.sendEvent('T_ACME', { type: 'team_join', user: { id: 'U_FRANK' } });
    await standIn.sendEvent('T_ACME', {
      type: 'user_change',
      user: { id: 'U_ALICE', profile: { email: 'alice@new.test' } },
    });

    expect(standIn.workspace.user('T_ACME', 'U_ERIN')).toMatchObject({
      email: 'erin@acme.test',
      realName: 'Erin Example',
      tz: 'Europe/Paris',
    });
    expect(users[0]).toMatchObject({ id: 'U_ERIN', profile: { email: 'erin@acme.test' } });
    expect(standIn.workspace.user('T_ACME', 'U_FRANK')?.name).toBe('frank');
    expect(users[2]).toMatchObject({ id: 'U_ALICE', profile: { email: 'alice@new.test' } });
  });
});

describe('Web API and control API details', () => {
  it('lists errors without a team with team: null', async () => {
    harness = await startHarness(() => {});
    await fetch(`${harness.standIn.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=xoxb-nope',
    });
    const response = await fetch(`${harness.standIn.url}/_sandbox/errors`);
    const body = (await response.json()) as { errors: Record<string, unknown>[] };
    expect(body.errors).toEqual([
      {
        at: expect.any(Number),
        method: 'auth.test',
        error: 'invalid_auth',
        detail: 'unknown token',
        team: null,
      },
    ]);
  });

  it('takes multipart/form-data bodies (curl -F) and channel names', async () => {
    harness = await startHarness(() => {});
    const { standIn } = harness;
    const form = new FormData();
    form.set('token', 'xoxb-acme');
    form.set('user', 'U_BOB');
    form.set('include_locale', 'true');
    const info = await fetch(`${standIn.apiUrl}users.info`, { method: 'POST', body: form });
    expect(await info.json()).toMatchObject({ ok: true, user: { id: 'U_BOB', locale: 'fr-FR' } });
    const broken = await fetch(`${standIn.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'not multipart',
    });
    expect(await broken.json()).toEqual({ ok: false, error: 'invalid_form_data' });

    const client = new WebClient('xoxb-acme', {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
      logger: quietLogger,
    });
    expect(await client.chat.postMessage({ channel: '#general', text: 'hi' })).toMatchObject({
      ok: true,
      channel: 'C_GENERAL',
    });
    expect(
      await client.chat.postEphemeral({ channel: 'general', user: 'U_BOB', text: 'psst' }),
    ).toMatchObject({
      ok: true,
    });
    await expect(client.chat.postMessage({ channel: '#nope', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });
});

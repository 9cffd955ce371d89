// Users acting on modals, messages and the Home tab of a real Bolt app, and events with retries.
import type { App, BlockAction, ViewClosedAction, ViewSubmitAction } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

const connectModal = {
  type: 'modal' as const,
  callback_id: 'connect',
  notify_on_close: true,
  title: plain('Connect Zoom'),
  submit: plain('Continue'),
  close: plain('Cancel'),
  blocks: [
    {
      type: 'input',
      block_id: 'scope',
      label: plain('For whom?'),
      element: {
        type: 'static_select',
        action_id: 'scope_select',
        options: [
          { text: plain('The organization'), value: 'org' },
          { text: plain('Personal'), value: 'personal' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'admin',
      optional: true,
      label: plain('Zoom admin'),
      element: { type: 'users_select', action_id: 'admin_user' },
    },
    {
      type: 'actions',
      block_id: 'more',
      elements: [{ type: 'button', action_id: 'show_help', text: plain('Help') }],
    },
  ],
};

interface Seen {
  submissions: ViewSubmitAction[];
  actions: BlockAction[];
  closed: { isCleared: boolean }[];
  events: { type: string; retryNum: number | undefined; retryReason: string | undefined; email?: string }[];
}

function register(seen: Seen) {
  return (app: App) => {
    app.command('/zoom-connect', async ({ ack, client, command }) => {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: connectModal });
    });
    app.view<ViewSubmitAction>('connect', async ({ ack, body, view, client }) => {
      seen.submissions.push(body);
      const scope = view.state.values.scope?.scope_select?.selected_option?.value;
      const admin = view.state.values.admin?.admin_user?.selected_user;
      if (scope === 'org' && !admin) {
        await ack({ response_action: 'errors', errors: { admin: 'Pick the Zoom admin who will approve' } });
        return;
      }
      if (scope === 'personal') {
        await ack({
          response_action: 'update',
          view: { type: 'modal', callback_id: 'done', title: plain('Done'), blocks: [] },
        });
        return;
      }
      await ack();
      await client.chat.postMessage({
        channel: admin ?? '',
        text: 'Approve Zoom for Acme?',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: `<@${body.user.id}> asks you to approve Zoom` } },
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: 'approve',
                value: 'req-1',
                text: plain('Approve'),
                style: 'primary',
              },
            ],
          },
        ],
      });
    });
    app.view<ViewClosedAction>({ type: 'view_closed', callback_id: 'connect' }, async ({ ack, body }) => {
      await ack();
      seen.closed.push({ isCleared: body.is_cleared });
    });
    app.action<BlockAction>('show_help', async ({ ack, body, client }) => {
      await ack();
      seen.actions.push(body);
      await client.views.push({
        trigger_id: body.trigger_id,
        view: { type: 'modal', callback_id: 'help', title: plain('Help'), blocks: [] },
      });
    });
    app.action<BlockAction>('scope_select', async ({ ack, body }) => {
      await ack();
      seen.actions.push(body);
    });
    app.action<BlockAction>('approve', async ({ ack, body, respond }) => {
      await ack();
      seen.actions.push(body);
      await respond({ replace_original: true, text: 'Approved, thank you' });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: {
          type: 'home',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: `Status for <@${event.user}>` } },
            { type: 'actions', elements: [{ type: 'button', action_id: 'refresh', text: plain('Refresh') }] },
          ],
        },
      });
    });
    app.action<BlockAction>('refresh', async ({ ack, body, client }) => {
      await ack();
      seen.actions.push(body);
      await client.views.publish({
        user_id: body.user.id,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Refreshed' } }] },
      });
    });
    app.event('team_join', async ({ event, context }) => {
      seen.events.push({
        type: event.type,
        retryNum: context.retryNum,
        retryReason: context.retryReason,
        email: event.user.profile.email,
      });
    });
  };
}

let harness: Harness;
let seen: Seen;
beforeEach(async () => {
  seen = { submissions: [], actions: [], closed: [], events: [] };
  harness = await startHarness(register(seen));
});
afterEach(async () => {
  await harness.stop();
});

describe('modals', () => {
  it('shows inline errors from response_action errors, then closes on an empty ack', async () => {
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/zoom-connect');
    const opened = alice.lastModal();
    expect(opened?.callbackId).toBe('connect');

    const rejected = await alice.submit({ scope: { scope_select: 'org' } });
    expect(rejected.status).toBe(200);
    expect(rejected.errors).toEqual({ admin: 'Pick the Zoom admin who will approve' });
    expect(alice.lastModal()?.errors).toEqual({ admin: 'Pick the Zoom admin who will approve' });
    expect(seen.submissions[0]?.view.state.values.scope?.scope_select?.selected_option).toEqual({
      text: plain('The organization'),
      value: 'org',
    });

    const accepted = await alice.submit({
      scope: { scope_select: 'org' },
      admin: { admin_user: 'U_ZOOMADMIN' },
    });
    expect(accepted.status).toBe(200);
    expect(alice.modals()).toEqual([]);
    expect(seen.submissions[1]?.view.state.values.admin?.admin_user?.selected_user).toBe('U_ZOOMADMIN');

    const zoomAdmin = harness.standIn.user('T_ACME', 'U_ZOOMADMIN');
    expect(zoomAdmin.dms()[0]?.allText).toContain('<@U_ALICE> asks you to approve Zoom');
    await zoomAdmin.click({ text: 'Approve' });
    expect(seen.actions[0]).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', is_ephemeral: false },
      actions: [{ action_id: 'approve', value: 'req-1', type: 'button' }],
      user: { id: 'U_ZOOMADMIN' },
    });
    expect(zoomAdmin.dms().map((m) => m.text)).toEqual(['Approved, thank you']);
    expect(harness.standIn.errors()).toEqual([]);
  });

  it('blocks a submit with an empty required input, as the Slack client does', async () => {
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/zoom-connect');
    const result = await alice.submit({});
    expect(result.status).toBe(0);
    expect(result.blocked).toContain('scope');
    expect(seen.submissions).toHaveLength(0);
  });

  it('keeps a selection made in an input block in view.state without sending it (no dispatch_action)', async () => {
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/zoom-connect');
    const picked = await alice.select({ surface: 'modal', text: 'Personal' });
    expect(picked).toMatchObject({ status: 0, blocked: expect.stringContaining('dispatch_action') });
    expect(seen.actions).toEqual([]);
    expect(alice.lastModal()?.view).toMatchObject({
      state: { values: { scope: { scope_select: { selected_option: { value: 'personal' } } } } },
    });
    const updated = await alice.submit();
    expect(updated.status).toBe(200);
    expect(alice.modals().map((m) => m.title)).toEqual(['Done']);
    expect(alice.lastModal()?.id).toBe(alice.lastModal()?.view.root_view_id);
  });

  it('pushes a view from a button in the modal, and notifies the app when the user closes', async () => {
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/zoom-connect');
    const root = alice.lastModal()?.id;
    await alice.click({ actionId: 'show_help' });
    expect(seen.actions[0]?.container).toEqual({ type: 'view', view_id: root });
    expect(alice.modals().map((m) => m.callbackId)).toEqual(['connect', 'help']);
    expect(alice.lastModal()?.view).toMatchObject({ previous_view_id: root, root_view_id: root });

    const closedHelp = await alice.closeModal();
    expect(closedHelp.status).toBe(0);
    expect(alice.modals().map((m) => m.callbackId)).toEqual(['connect']);
    const closed = await alice.closeModal();
    expect(closed.status).toBe(200);
    expect(seen.closed).toEqual([{ isCleared: false }]);
    expect(alice.modals()).toEqual([]);
  });
});

describe('the Home tab', () => {
  it('is published on app_home_opened and clickable', async () => {
    const bob = harness.standIn.user('T_ACME', 'U_BOB');
    const opened = await bob.openHome();
    expect(opened.status).toBe(200);
    expect(bob.home()?.allText).toContain('Status for <@U_BOB>');
    await bob.click({ surface: 'home', text: 'Refresh' });
    expect(seen.actions[0]?.container).toMatchObject({ type: 'view' });
    expect(seen.actions[0]?.view?.type).toBe('home');
    expect(bob.home()?.allText).toBe('Refreshed');
  });
});

describe('events', () => {
  it('delivers team_join with the new user, then a retry with x-slack-retry-num', async () => {
    const first = await harness.standIn.sendEvent('T_ACME', {
      type: 'team_join',
      user: { id: 'U_DAVE', name: 'dave', email: 'dave@acme.test' },
    });
    expect(first.status).toBe(200);
    expect(first.eventId).toMatch(/^Ev/);
    const retry = await harness.standIn.redeliverEvent(first.eventId, 1, 'http_timeout');
    expect(retry.status).toBe(200);
    expect(seen.events).toEqual([
      { type: 'team_join', retryNum: undefined, retryReason: undefined, email: 'dave@acme.test' },
      { type: 'team_join', retryNum: 1, retryReason: 'http_timeout', email: 'dave@acme.test' },
    ]);
    expect(harness.standIn.workspace.user('T_ACME', 'U_DAVE')?.email).toBe('dave@acme.test');
  });
});

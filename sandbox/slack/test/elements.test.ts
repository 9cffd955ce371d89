// Interactive elements, view updates, response_action push/clear, enterprise payloads, uninstall.
import type { App, BlockAction } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { quietLogger, startHarness } from './harness.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const options = (...labels: string[]) => labels.map((l) => ({ text: plain(l), value: l.toLowerCase() }));

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('interactive elements in a message', () => {
  it('sends Slack-shaped actions for overflow, checkboxes, radio buttons and users_select', async () => {
    const actions: BlockAction[] = [];
    harness = await startHarness((app: App) => {
      app.command('/zoom-settings', async ({ ack, respond }) => {
        await ack();
        await respond({
          text: 'Settings',
          blocks: [
            {
              type: 'section',
              block_id: 'menu',
              text: { type: 'mrkdwn', text: 'More' },
              accessory: { type: 'overflow', action_id: 'more', options: options('Resend', 'Cancel') },
            },
            {
              type: 'actions',
              block_id: 'prefs',
              elements: [
                { type: 'checkboxes', action_id: 'flags', options: options('Summary', 'Opt-out') },
                { type: 'radio_buttons', action_id: 'mode', options: options('Org', 'Personal') },
                { type: 'users_select', action_id: 'who', placeholder: plain('Pick someone') },
              ],
            },
          ],
        });
      });
      app.action<BlockAction>(/.*/, async ({ ack, body }) => {
        await ack();
        actions.push(body);
      });
    });
    const carol = harness.standIn.user('T_ACME', 'U_CAROL');
    await carol.command('/zoom-settings');
    await carol.click({ text: 'Cancel' });
    await carol.select({ actionId: 'flags', value: ['summary', 'Opt-out'] });
    await carol.select({ text: 'Personal' });
    await carol.select({ actionId: 'who', value: 'U_BOB' });

    expect(actions.map((a) => a.actions[0])).toEqual([
      expect.objectContaining({
        type: 'overflow',
        action_id: 'more',
        block_id: 'menu',
        selected_option: options('Cancel')[0],
      }),
      expect.objectContaining({ type: 'checkboxes', selected_options: options('Summary', 'Opt-out') }),
      expect.objectContaining({ type: 'radio_buttons', selected_option: options('Personal')[0] }),
      expect.objectContaining({
        type: 'users_select',
        selected_user: 'U_BOB',
        placeholder: plain('Pick someone'),
      }),
    ]);
    const first = actions[0];
    expect(first?.container).toMatchObject({ type: 'message', is_ephemeral: true, channel_id: 'C_GENERAL' });
    expect(first?.message).toBeUndefined();
    expect(first?.response_url).toContain(harness.standIn.url);
    expect(first?.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    await expect(carol.select({ actionId: 'flags', value: ['nope'] })).rejects.toThrow(/no option "nope"/);
  });
});

describe('modal updates', () => {
  it('views.update with the current hash works, a stale hash answers hash_conflict; push and clear', async () => {
    const results: string[] = [];
    harness = await startHarness((app: App) => {
      app.command('/zoom-disconnect', async ({ ack, client, command }) => {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'confirm',
            title: plain('Disconnect'),
            submit: plain('Next'),
            blocks: [
              {
                type: 'input',
                block_id: 'reason',
                label: plain('Why?'),
                element: { type: 'plain_text_input', action_id: 'text' },
              },
              {
                type: 'actions',
                elements: [{ type: 'button', action_id: 'preview', text: plain('Preview impact') }],
              },
            ],
          },
        });
      });
      app.action<BlockAction>('preview', async ({ ack, body, client }) => {
        await ack();
        const view = body.view;
        if (!view) return;
        const fresh = await client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: {
            type: 'modal',
            callback_id: 'confirm',
            title: plain('Disconnect'),
            submit: plain('Next'),
            blocks: [
              {
                type: 'input',
                block_id: 'reason',
                label: plain('Why?'),
                element: { type: 'plain_text_input', action_id: 'text' },
              },
              { type: 'section', text: { type: 'mrkdwn', text: '3 meetings affected' } },
            ],
          },
        });
        results.push(fresh.ok ? 'updated' : 'failed');
        try {
          await client.views.update({
            view_id: view.id,
            hash: view.hash,
            view: { type: 'modal', title: plain('x'), blocks: [] },
          });
        } catch (error) {
          results.push((error as { data?: { error?: string } }).data?.error ?? 'unknown');
        }
      });
      app.view('confirm', async ({ ack }) => {
        await ack({
          response_action: 'push',
          view: {
            type: 'modal',
            callback_id: 'sure',
            title: plain('Sure?'),
            submit: plain('Yes'),
            blocks: [],
          },
        });
      });
      app.view('sure', async ({ ack }) => {
        await ack({ response_action: 'clear' });
      });
    });
    const { standIn } = harness;
    const admin = standIn.user('T_ACME', 'U_SLACKADMIN');
    await admin.command('/zoom-disconnect');
    await admin.click({ text: 'Preview impact' });
    expect(results).toEqual(['updated', 'hash_conflict']);
    expect(admin.lastModal()?.allText).toContain('3 meetings affected');
    await admin.submit({ reason: 'moving to a new admin' });
    expect(admin.modals().map((m) => m.callbackId)).toEqual(['confirm', 'sure']);
    await admin.submit();
    expect(admin.modals()).toEqual([]);
    expect(standIn.errors().map((e) => e.error)).toEqual(['hash_conflict']);
  });

  it('records an invalid response_action view as a Slack error and keeps the modal open', async () => {
    harness = await startHarness((app: App) => {
      app.command('/zoom-connect', async ({ ack, client, command }) => {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: { type: 'modal', callback_id: 'c', title: plain('Connect'), submit: plain('Go'), blocks: [] },
        });
      });
      app.view('c', async ({ ack }) => {
        await ack({
          response_action: 'update',
          view: { type: 'modal', title: plain('x'.repeat(30)), blocks: [] },
        });
      });
    });
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/zoom-connect');
    await alice.submit();
    expect(alice.lastModal()?.callbackId).toBe('c');
    expect(harness.standIn.errors()).toEqual([
      expect.objectContaining({ method: 'view_submission', error: 'invalid_arguments' }),
    ]);
  });
});

describe('enterprise and lifecycle events', () => {
  it('includes enterprise ids in commands and enterprise_user in users.info', async () => {
    let enterpriseId: string | undefined;
    harness = await startHarness(
      (app: App) => {
        app.command('/zoom-status', async ({ ack, command }) => {
          enterpriseId = command.enterprise_id;
          await ack();
        });
      },
      {
        token: 'xoxb-grid',
        seed: {
          teams: [
            {
              id: 'T_GRID',
              name: 'Grid',
              enterprise_id: 'E_ORG',
              enterprise_name: 'Org',
              bot_token: 'xoxb-grid',
              users: [
                { id: 'W_ADMIN', name: 'gadmin', enterprise_user: { is_admin: true, is_owner: false } },
              ],
              channels: [{ id: 'C_ALL', name: 'all' }],
            },
          ],
        },
      },
    );
    await harness.standIn.user('T_GRID', 'W_ADMIN').command('/zoom-status');
    expect(enterpriseId).toBe('E_ORG');
    const client = new WebClient('xoxb-grid', { slackApiUrl: harness.standIn.apiUrl, logger: quietLogger });
    const info = await client.users.info({ user: 'W_ADMIN' });
    expect(info.user?.enterprise_user).toMatchObject({
      enterprise_id: 'E_ORG',
      is_admin: true,
      is_owner: false,
    });
  });

  it('app_uninstalled revokes the bot token after delivering the event', async () => {
    const received: string[] = [];
    harness = await startHarness((app: App) => {
      app.event('app_uninstalled', async ({ event }) => {
        received.push(event.type);
      });
    });
    // Bolt checks its single token with auth.test on first use; let that happen while it still works.
    await harness.standIn.sendEvent('T_ACME', { type: 'app_mention', user: 'U_ALICE', text: 'hi' });
    const sent = await harness.standIn.sendEvent('T_ACME', { type: 'app_uninstalled' });
    expect(sent.status).toBe(200);
    expect(received).toEqual(['app_uninstalled']);
    const client = new WebClient('xoxb-acme', {
      slackApiUrl: harness.standIn.apiUrl,
      logger: quietLogger,
      retryConfig: { retries: 0 },
    });
    await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
  });
});

describe('links', () => {
  it('lists the links a person could open and fetches one as the unfurler does', async () => {
    const agents: string[] = [];
    harness = await startHarness((app: App) => {
      app.command('/zoom-connect', async ({ ack, client, command }) => {
        await ack();
        const link = `${harness?.appUrl.replace('/slack/events', '')}/zoom/approve/tok123`;
        await client.chat.postMessage({
          channel: command.user_id,
          text: `Approve here: <${link}|approval page>`,
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: `Or copy ${link}?src=copy` } },
            {
              type: 'actions',
              elements: [
                { type: 'button', action_id: 'open', text: plain('Open'), url: `${link}?src=button` },
              ],
            },
          ],
        });
      });
    });
    harness.receiver.app.get('/zoom/approve/:token', (req, res) => {
      agents.push(req.get('user-agent') ?? '');
      res.type('text/html').send('<title>Approve Zoom</title>');
    });
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await alice.command('/zoom-connect');
    const links = alice.dms()[0]?.links ?? [];
    expect(links).toHaveLength(3);
    expect(links.map((l) => new URL(l).search)).toEqual(['', '?src=copy', '?src=button']);
    const unfurled = await harness.standIn.unfurl(links[0] ?? '');
    expect(unfurled.status).toBe(200);
    expect(unfurled.body).toContain('Approve Zoom');
    expect(agents).toEqual(['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)']);
  });
});

describe('dispatching inputs', () => {
  it('sends block_actions for an input with dispatch_action, with checkbox toggles in view.state', async () => {
    const actions: BlockAction[] = [];
    harness = await startHarness((app: App) => {
      app.command('/zoom-settings', async ({ ack, client, command }) => {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'settings',
            title: plain('Settings'),
            submit: plain('Save'),
            blocks: [
              {
                type: 'input',
                block_id: 'flags',
                dispatch_action: true,
                optional: true,
                label: plain('Options'),
                element: {
                  type: 'checkboxes',
                  action_id: 'flags',
                  options: options('Summary', 'Opt-out'),
                  initial_options: options('Summary'),
                },
              },
            ],
          },
        });
      });
      app.action<BlockAction>('flags', async ({ ack, body }) => {
        await ack();
        actions.push(body);
      });
    });
    const admin = harness.standIn.user('T_ACME', 'U_SLACKADMIN');
    await admin.command('/zoom-settings');
    await admin.select({ text: 'Opt-out' });
    await admin.select({ text: 'Summary' });
    expect(actions.map((a) => a.actions[0])).toEqual([
      expect.objectContaining({ type: 'checkboxes', selected_options: options('Summary', 'Opt-out') }),
      expect.objectContaining({ type: 'checkboxes', selected_options: options('Opt-out') }),
    ]);
    expect(actions[1]?.view?.state.values.flags?.flags?.selected_options).toEqual(options('Opt-out'));
  });
});

describe('client-side checks on submit', () => {
  it('refuses text longer than max_length without sending anything', async () => {
    let submissions = 0;
    harness = await startHarness((app: App) => {
      app.command('/zoom-meet', async ({ ack, client, command }) => {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'topic',
            title: plain('Meeting'),
            submit: plain('Create'),
            blocks: [
              {
                type: 'input',
                block_id: 'topic',
                label: plain('Topic'),
                element: { type: 'plain_text_input', action_id: 'value', max_length: 10 },
              },
            ],
          },
        });
      });
      app.view('topic', async ({ ack }) => {
        submissions += 1;
        await ack();
      });
    });
    const bob = harness.standIn.user('T_ACME', 'U_BOB');
    await bob.command('/zoom-meet');
    const tooLong = await bob.submit({ topic: 'a very long topic' });
    expect(tooLong).toMatchObject({ status: 0, blocked: expect.stringContaining('longer than 10') });
    expect(submissions).toBe(0);
    const ok = await bob.submit({ topic: { value: 'standup' } });
    expect(ok.status).toBe(200);
    expect(submissions).toBe(1);
    expect(bob.modals()).toEqual([]);
  });
});

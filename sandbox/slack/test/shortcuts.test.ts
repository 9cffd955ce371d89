// Global and message shortcuts as Slack sends them ("Shortcuts payloads"), routed by Bolt's
// app.shortcut(), and the manifest's features.shortcuts as the list a person can choose from.
import type { App, GlobalShortcut, MessageShortcut } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { shortcutsFromManifest } from '../index.js';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const plain = (text: string) => ({ type: 'plain_text' as const, text });

describe('global shortcuts', () => {
  it('send type shortcut with callback_id, a trigger that opens a modal, and no channel', async () => {
    const seen: GlobalShortcut[] = [];
    harness = await startHarness((app: App) => {
      app.shortcut<GlobalShortcut>('new_meeting', async ({ ack, shortcut, client }) => {
        await ack();
        seen.push(shortcut);
        await client.views.open({
          trigger_id: shortcut.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'new_meeting',
            title: plain('New meeting'),
            submit: plain('Create'),
            blocks: [
              {
                type: 'input',
                block_id: 'where',
                label: plain('Post in'),
                element: {
                  type: 'conversations_select',
                  action_id: 'where',
                  default_to_current_conversation: true,
                },
              },
            ],
          },
        });
      });
    });
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    const result = await alice.shortcut('new_meeting', { channel: 'C_GENERAL' });
    expect(result.status).toBe(200);
    expect(seen[0]).toMatchObject({
      type: 'shortcut',
      callback_id: 'new_meeting',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
      action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
      team: { id: 'T_ACME', domain: 'acme' },
      user: { id: 'U_ALICE', username: 'alice', team_id: 'T_ACME' },
      is_enterprise_install: false,
      enterprise: null,
    });
    expect(seen[0]).not.toHaveProperty('channel');
    expect(seen[0]).not.toHaveProperty('response_url');
    // The modal it opened pre-selects the conversation Alice was looking at.
    expect(alice.lastModal()?.view.state).toEqual({
      values: { where: { where: { type: 'conversations_select', selected_conversation: 'C_GENERAL' } } },
    });
  });

  it('only offers the shortcuts of the manifest when one is given', async () => {
    const manifest = {
      features: {
        shortcuts: [
          {
            name: 'New Zoom meeting',
            type: 'global',
            callback_id: 'new_meeting',
            description: 'Plan a meeting',
          },
          {
            name: 'Meet about this',
            type: 'message',
            callback_id: 'meet_about',
            description: 'From a message',
          },
        ],
      },
    };
    const shortcuts = shortcutsFromManifest(manifest);
    harness = await startHarness(
      (app: App) => {
        app.shortcut(/.*/, async ({ ack }) => {
          await ack();
        });
      },
      { shortcuts },
    );
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    await expect(alice.shortcut('new_meeting')).resolves.toMatchObject({ status: 200 });
    await expect(alice.shortcut('undeclared')).rejects.toThrow(/declares no global shortcut undeclared/);
    await expect(alice.shortcut('meet_about')).rejects.toThrow(/no global shortcut meet_about/);
  });

  it('refuses a manifest shortcut Slack would refuse (name over 24 characters)', () => {
    const tooLong = { name: 'x'.repeat(25), type: 'global', callback_id: 'a', description: 'd' };
    expect(() => shortcutsFromManifest({ features: { shortcuts: [tooLong] } })).toThrow();
  });
});

describe('message shortcuts', () => {
  it('send type message_action with the message, its channel and a response_url', async () => {
    const seen: MessageShortcut[] = [];
    harness = await startHarness((app: App) => {
      app.shortcut<MessageShortcut>('meet_about', async ({ ack, shortcut, respond }) => {
        await ack();
        seen.push(shortcut);
        await respond({ text: 'A meeting about this?' });
      });
    });
    const posted = await harness.app.client.chat.postMessage({
      channel: 'C_GENERAL',
      text: 'Roadmap review',
    });
    const bob = harness.standIn.user('T_ACME', 'U_BOB');
    await bob.messageShortcut('meet_about', { channel: 'C_GENERAL', ts: posted.ts ?? '' });
    expect(seen[0]).toMatchObject({
      type: 'message_action',
      callback_id: 'meet_about',
      channel: { id: 'C_GENERAL', name: 'general' },
      message_ts: posted.ts,
      message: { text: 'Roadmap review', ts: posted.ts },
      response_url: expect.stringContaining('/response/'),
    });
    expect(bob.ephemerals().map((e) => e.text)).toEqual(['A meeting about this?']);
  });
});

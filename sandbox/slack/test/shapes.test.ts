// Response shapes hold every field of the examples in Slack's method reference (slack-methods/*.json).
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../index.js';
import { startSlackStandIn } from '../index.js';
import { quietLogger } from './harness.js';

let standIn: SlackStandIn;
beforeEach(async () => {
  standIn = await startSlackStandIn({ signingSecret: 's' });
});
afterEach(async () => {
  await standIn.stop();
});

const client = () => new WebClient('xoxb-acme', { slackApiUrl: standIn.apiUrl, logger: quietLogger });
const keysOf = (value: unknown) => Object.keys(value as Record<string, unknown>);

describe('shapes from the method reference', () => {
  it('users.info user and profile', async () => {
    const { user } = await client().users.info({ user: 'U_ALICE' });
    expect(keysOf(user)).toEqual(
      expect.arrayContaining([
        'id',
        'team_id',
        'name',
        'deleted',
        'color',
        'real_name',
        'tz',
        'tz_label',
        'tz_offset',
        'profile',
        'is_admin',
        'is_owner',
        'is_primary_owner',
        'is_restricted',
        'is_ultra_restricted',
        'is_bot',
        'updated',
        'is_app_user',
        'has_2fa',
      ]),
    );
    expect(keysOf(user?.profile)).toEqual(
      expect.arrayContaining([
        'avatar_hash',
        'status_text',
        'status_emoji',
        'real_name',
        'display_name',
        'real_name_normalized',
        'display_name_normalized',
        'email',
        'image_original',
        'image_24',
        'image_32',
        'image_48',
        'image_72',
        'image_192',
        'image_512',
        'team',
      ]),
    );
  });

  it('views.open view', async () => {
    const trigger = standIn.workspace.issueTrigger('T_ACME', 'U_ALICE').id;
    const { view } = await client().views.open({
      trigger_id: trigger,
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Quite a plain modal' },
        submit: { type: 'plain_text', text: 'Create' },
        private_metadata: 'Shh it is a secret',
        callback_id: 'identify_your_modals',
        blocks: [
          {
            type: 'input',
            label: { type: 'plain_text', text: 'A simple label' },
            element: { type: 'plain_text_input', action_id: 'an_action_id' },
          },
        ],
      },
    });
    expect(keysOf(view)).toEqual(
      expect.arrayContaining([
        'id',
        'team_id',
        'type',
        'title',
        'submit',
        'blocks',
        'private_metadata',
        'callback_id',
        'external_id',
        'state',
        'hash',
        'clear_on_close',
        'notify_on_close',
        'root_view_id',
        'app_id',
        'bot_id',
      ]),
    );
    expect(view?.root_view_id).toBe(view?.id);
    // Slack fills in a block_id where the app gave none, and reports input state under it.
    const blockId = view?.blocks?.[0]?.block_id ?? '';
    expect(blockId).not.toBe('');
    expect((view?.state as { values?: unknown } | undefined)?.values).toEqual({
      [blockId]: { an_action_id: { type: 'plain_text_input', value: null } },
    });
  });

  it('chat.postMessage message and conversations.open channel', async () => {
    const posted = await client().chat.postMessage({
      channel: 'C_GENERAL',
      text: "Here's a message for you",
    });
    expect(posted).toMatchObject({
      ok: true,
      channel: 'C_GENERAL',
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
    });
    expect(keysOf(posted.message)).toEqual(
      expect.arrayContaining(['text', 'bot_id', 'type', 'ts', 'user', 'app_id']),
    );
    const opened = await client().conversations.open({ users: 'U_ALICE', return_im: true });
    expect(keysOf(opened.channel)).toEqual(
      expect.arrayContaining([
        'id',
        'created',
        'is_im',
        'is_org_shared',
        'user',
        'last_read',
        'latest',
        'unread_count',
      ]),
    );
  });

  it('ts values increase strictly even within one millisecond', async () => {
    const stamps: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      stamps.push((await client().chat.postMessage({ channel: 'C_GENERAL', text: `m${i}` })).ts ?? '');
    }
    const sorted = [...stamps].sort();
    expect(new Set(stamps).size).toBe(5);
    expect(stamps).toEqual(sorted);
  });
});

// Block Kit limits (DESIGN §2.5) and trigger ids, checked the way Slack checks them, and recorded.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../index.js';
import { startSlackStandIn, validateMessageBlocks, validateView } from '../index.js';
import { quietLogger } from './harness.js';

let standIn: SlackStandIn;
let now = 1_700_000_000_000;

beforeEach(async () => {
  now = 1_700_000_000_000;
  standIn = await startSlackStandIn({ signingSecret: 's', clock: () => now });
});
afterEach(async () => {
  await standIn.stop();
});

const client = () =>
  new WebClient('xoxb-acme', {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    logger: quietLogger,
  });

const section = (text: string, blockId?: string) => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text },
});
const modal = (overrides: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: 'Connect Zoom' },
  submit: { type: 'plain_text' as const, text: 'Connect' },
  blocks: [section('hello')],
  ...overrides,
});
const plain = (text: string) => ({ type: 'plain_text', text });

async function errorOf(promise: Promise<unknown>): Promise<{ error?: string; messages?: string[] }> {
  try {
    await promise;
  } catch (error) {
    const data = (error as { data?: { error?: string; response_metadata?: { messages?: string[] } } }).data;
    return { error: data?.error, messages: data?.response_metadata?.messages };
  }
  return {};
}

describe('message blocks', () => {
  it('accepts 50 blocks and refuses 51 with invalid_blocks and Slack-style messages', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    await expect(
      client().chat.postMessage({ channel: 'C_GENERAL', text: 't', blocks: blocks.slice(0, 50) }),
    ).resolves.toMatchObject({ ok: true });
    const result = await errorOf(client().chat.postMessage({ channel: 'C_GENERAL', text: 't', blocks }));
    expect(result.error).toBe('invalid_blocks');
    expect(result.messages).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
  });

  it('refuses section text over 3000, header over 150, button text over 75, duplicate block_ids', async () => {
    const blocks = [
      section('x'.repeat(3001), 'a'),
      { type: 'header', block_id: 'b', text: plain('h'.repeat(151)) },
      {
        type: 'actions',
        block_id: 'a',
        elements: [{ type: 'button', action_id: 'go', text: plain('y'.repeat(76)) }],
      },
    ];
    const result = await errorOf(client().chat.postMessage({ channel: 'C_GENERAL', text: 't', blocks }));
    expect(result.error).toBe('invalid_blocks');
    expect(result.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/1/text/text]',
      '[ERROR] duplicate block_id: a [json-pointer:/blocks/2/block_id]',
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/2/elements/0/text/text]',
    ]);
  });

  it('refuses messages whose blocks hold too much text in total with msg_blocks_too_long', async () => {
    const blocks = Array.from({ length: 5 }, (_, i) => section('z'.repeat(2900), `b${i}`));
    const result = await errorOf(client().chat.postMessage({ channel: 'C_GENERAL', text: 't', blocks }));
    expect(result.error).toBe('msg_blocks_too_long');
  });

  it('checks select option counts and option text', () => {
    const options = Array.from({ length: 101 }, (_, i) => ({ text: plain(`o${i}`), value: `v${i}` }));
    options[0] = { text: plain('w'.repeat(76)), value: 'v0' };
    const problems = validateMessageBlocks([
      { type: 'section', text: plain('pick'), accessory: { type: 'static_select', action_id: 's', options } },
    ]);
    expect(problems).toContain(
      '[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/accessory/options]',
    );
    expect(problems).toContain(
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/accessory/options/0/text/text]',
    );
  });
});

describe('views', () => {
  it('refuses a modal title over 24 characters and an input block without submit', async () => {
    const trigger = standIn.workspace.issueTrigger('T_ACME', 'U_ALICE').id;
    const result = await errorOf(
      client().views.open({
        trigger_id: trigger,
        view: modal({
          title: plain('A title that is too long!'),
          submit: undefined,
          blocks: [
            {
              type: 'input',
              block_id: 'email',
              label: plain('Email'),
              element: { type: 'plain_text_input' },
            },
          ],
        }),
      }),
    );
    expect(result.error).toBe('invalid_arguments');
    expect(result.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
      '[ERROR] missing required field: submit (required when the view has input blocks) [json-pointer:/view/submit]',
    ]);
  });

  it('refuses 101 blocks in a modal, private_metadata over 3000 and callback_id over 255', () => {
    const problems = validateView(
      modal({
        blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })),
        private_metadata: 'm'.repeat(3001),
        callback_id: 'c'.repeat(256),
      }),
      'modal',
    );
    expect(problems).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
      '[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]',
    ]);
  });

  it('refuses a view over 250 kB with view_too_large', async () => {
    const trigger = standIn.workspace.issueTrigger('T_ACME', 'U_ALICE').id;
    const blocks = Array.from({ length: 90 }, (_, i) => section('q'.repeat(2990), `b${i}`));
    const result = await errorOf(client().views.open({ trigger_id: trigger, view: modal({ blocks }) }));
    expect(result.error).toBe('view_too_large');
  });

  it('checks Home tabs on views.publish and keeps one view id per user', async () => {
    const home = { type: 'home' as const, blocks: [section('Welcome')] };
    const first = await client().views.publish({ user_id: 'U_ALICE', view: home });
    const second = await client().views.publish({
      user_id: 'U_ALICE',
      view: { ...home, blocks: [section('Again')] },
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(second.view?.hash).not.toBe(first.view?.hash);
    expect(standIn.user('T_ACME', 'U_ALICE').home()?.allText).toBe('Again');
    const tooMany = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    const result = await errorOf(
      client().views.publish({ user_id: 'U_ALICE', view: { ...home, blocks: tooMany } }),
    );
    expect(result.error).toBe('invalid_arguments');
    const stale = await errorOf(
      client().views.publish({ user_id: 'U_ALICE', view: home, hash: first.view?.hash ?? '' }),
    );
    expect(stale.error).toBe('hash_conflict');
  });

  it('records every violation so a flow can assert it produced none', async () => {
    standIn.clearErrors();
    await errorOf(
      client().chat.postMessage({ channel: 'C_GENERAL', blocks: [{ type: 'bogus' }], text: 't' }),
    );
    const errors = standIn.errors();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ method: 'chat.postMessage', error: 'invalid_blocks', team: 'T_ACME' });
    expect(errors[0]?.detail).toContain('unsupported type: bogus');
    const viaHttp = (await (await fetch(`${standIn.url}/_sandbox/errors`)).json()) as { errors: unknown[] };
    expect(viaHttp.errors).toHaveLength(1);
  });
});

describe('trigger ids', () => {
  it('are single use: a second exchange answers exchanged_trigger_id', async () => {
    const trigger = standIn.workspace.issueTrigger('T_ACME', 'U_ALICE').id;
    await expect(client().views.open({ trigger_id: trigger, view: modal() })).resolves.toMatchObject({
      ok: true,
    });
    const again = await errorOf(client().views.open({ trigger_id: trigger, view: modal() }));
    expect(again.error).toBe('exchanged_trigger_id');
  });

  it('expire after 3 seconds of workspace time', async () => {
    const fresh = standIn.workspace.issueTrigger('T_ACME', 'U_ALICE').id;
    now += 3_000;
    await expect(client().views.open({ trigger_id: fresh, view: modal() })).resolves.toMatchObject({
      ok: true,
    });
    const late = standIn.workspace.issueTrigger('T_ACME', 'U_ALICE').id;
    now += 3_001;
    const result = await errorOf(client().views.open({ trigger_id: late, view: modal() }));
    expect(result.error).toBe('expired_trigger_id');
  });

  it('belong to one team: another team’s token answers invalid_trigger_id', async () => {
    const trigger = standIn.workspace.issueTrigger('T_OTHER', 'U_OTHERADMIN').id;
    const result = await errorOf(client().views.open({ trigger_id: trigger, view: modal() }));
    expect(result.error).toBe('invalid_trigger_id');
  });
});

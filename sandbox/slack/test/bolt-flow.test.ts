// The stand-in against a real Bolt App: signatures Bolt accepts, commands, respond(), Web API calls.
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { startHarness } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const statusModal = {
  type: 'modal' as const,
  callback_id: 'status_modal',
  title: { type: 'plain_text' as const, text: 'Zoom status' },
  close: { type: 'plain_text' as const, text: 'Close' },
  blocks: [{ type: 'section', block_id: 'status', text: { type: 'mrkdwn', text: 'You use *personal*' } }],
};

describe('a real Bolt app behind the stand-in', () => {
  it('verifies the signature, acks the command, and the follow-ups land in the workspace', async () => {
    const seen: Record<string, string> = {};
    harness = await startHarness((app) => {
      app.command('/zoom-status', async ({ command, ack, respond, client }) => {
        await ack();
        seen.team = command.team_id;
        seen.user = command.user_id;
        seen.channel = command.channel_id;
        seen.text = command.text;
        seen.responseUrl = command.response_url;
        await respond({ text: 'Checking your Zoom account…' });
        await client.views.open({ trigger_id: command.trigger_id, view: statusModal });
        await client.chat.postMessage({ channel: command.user_id, text: 'Your status is ready' });
      });
    });
    const { standIn } = harness;
    const alice = standIn.user('T_ACME', 'U_ALICE');

    const result = await alice.command('/zoom-status', 'me');

    expect(result.status).toBe(200);
    expect(seen).toMatchObject({ team: 'T_ACME', user: 'U_ALICE', channel: 'C_GENERAL', text: 'me' });
    expect(seen.responseUrl?.startsWith(standIn.url)).toBe(true);
    expect(alice.ephemerals().map((e) => e.text)).toEqual(['Checking your Zoom account…']);
    expect(alice.lastModal()?.callbackId).toBe('status_modal');
    expect(alice.lastModal()?.allText).toContain('You use *personal*');
    expect(alice.dms().map((m) => m.text)).toEqual(['Your status is ready']);
    expect(standIn.user('T_ACME', 'U_BOB').ephemerals()).toEqual([]);
    expect(standIn.errors()).toEqual([]);
  });

  it('is rejected by Bolt when the signature is wrong or the timestamp stale', async () => {
    let handled = 0;
    harness = await startHarness((app) => {
      app.command('/zoom-status', async ({ ack }) => {
        handled += 1;
        await ack();
      });
    });
    const { standIn } = harness;

    const bad = await standIn.deliverCommand('T_ACME', 'U_ALICE', '/zoom-status', '', { badSignature: true });
    const stale = await standIn.deliverCommand('T_ACME', 'U_ALICE', '/zoom-status', '', {
      staleBySeconds: 600,
    });
    const good = await standIn.deliverCommand('T_ACME', 'U_ALICE', '/zoom-status', '');

    expect(bad.status).toBe(401);
    expect(stale.status).toBe(401);
    expect(good.status).toBe(200);
    expect(handled).toBe(1);
    expect(standIn.errors()).toEqual([]);
  });

  it('shows a command ack body as an ephemeral, and in_channel respond() as a channel message', async () => {
    harness = await startHarness((app) => {
      app.command('/zoom-meet', async ({ ack, respond }) => {
        await ack({ text: 'Creating your meeting…' });
        await respond({ response_type: 'in_channel', text: 'Join: https://zoom.test/j/1' });
      });
    });
    const alice = harness.standIn.user('T_ACME', 'U_ALICE');
    const bob = harness.standIn.user('T_ACME', 'U_BOB');

    await alice.command('/zoom-meet', 'standup');

    expect(alice.ephemerals().map((e) => e.text)).toEqual(['Creating your meeting…']);
    expect(bob.channelMessages('C_GENERAL').map((m) => m.text)).toEqual(['Join: https://zoom.test/j/1']);
  });
});

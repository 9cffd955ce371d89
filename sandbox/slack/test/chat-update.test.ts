// chat.update and chat.delete on what the app posted (channel posts and DMs), with the errors of
// their reference pages, and what people see afterwards.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../index.js';
import { startSlackStandIn } from '../index.js';
import { quietLogger } from './harness.js';

let standIn: SlackStandIn;
beforeEach(async () => {
  standIn = await startSlackStandIn({ signingSecret: 's', settleQuietMs: 0 });
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
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const errorOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { data?: { error?: string } }) => error.data?.error,
  );

describe('chat.update', () => {
  it('replaces a channel post for everybody and marks it edited', async () => {
    const posted = await client().chat.postMessage({
      channel: 'C_GENERAL',
      text: 'Weekly sync',
      blocks: [section('Join')],
    });
    const updated = await client().chat.update({
      channel: 'C_GENERAL',
      ts: posted.ts ?? '',
      text: 'Weekly sync was cancelled',
      blocks: [section('~Join~ Cancelled by @Alice')],
    });
    expect(updated).toMatchObject({
      ok: true,
      channel: 'C_GENERAL',
      ts: posted.ts,
      text: 'Weekly sync was cancelled',
      message: { text: 'Weekly sync was cancelled', blocks: [expect.objectContaining({ type: 'section' })] },
    });
    for (const person of ['U_ALICE', 'U_BOB']) {
      const [seen] = standIn.user('T_ACME', person).channelMessages('C_GENERAL');
      expect(seen).toMatchObject({ ts: posted.ts, text: 'Weekly sync was cancelled' });
      expect(seen?.allText).toContain('Cancelled by @Alice');
      expect(seen?.edited).toMatch(/^\d+\.\d{6}$/);
    }
  });

  it('updates a DM by its D… id and keeps the blocks when none are given', async () => {
    const dm = await client().conversations.open({ users: 'U_BOB' });
    const dmId = dm.channel?.id ?? '';
    const posted = await client().chat.postMessage({
      channel: dmId,
      text: 'v1',
      blocks: [section('Approve?')],
    });
    await client().chat.update({ channel: dmId, ts: posted.ts ?? '', text: 'v2' });
    const [seen] = standIn.user('T_ACME', 'U_BOB').dms();
    expect(seen).toMatchObject({ text: 'v2', blocks: [expect.objectContaining({ type: 'section' })] });
    // An empty list removes them, as documented.
    await client().chat.update({ channel: dmId, ts: posted.ts ?? '', text: 'v3', blocks: [] });
    expect(standIn.user('T_ACME', 'U_BOB').dms()[0]?.blocks).toEqual([]);
  });

  it('answers channel_not_found for a user id instead of the DM id, and for an unknown channel', async () => {
    const posted = await client().chat.postMessage({ channel: 'U_BOB', text: 'hi' });
    expect(posted.channel).toMatch(/^D/);
    expect(await errorOf(client().chat.update({ channel: 'U_BOB', ts: posted.ts ?? '', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await errorOf(client().chat.update({ channel: 'C_NOPE', ts: posted.ts ?? '', text: 'x' }))).toBe(
      'channel_not_found',
    );
  });

  it('answers message_not_found for an unknown ts and for an ephemeral message', async () => {
    expect(await errorOf(client().chat.update({ channel: 'C_GENERAL', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    const eph = await client().chat.postEphemeral({ channel: 'C_GENERAL', user: 'U_BOB', text: 'only you' });
    expect(
      await errorOf(client().chat.update({ channel: 'C_GENERAL', ts: eph.message_ts ?? '', text: 'x' })),
    ).toBe('message_not_found');
  });

  it("answers cant_update_message for a person's message and another app's team", async () => {
    const written = standIn.workspace.postUserMessage('T_ACME', 'C_GENERAL', 'U_ALICE', 'my own words');
    expect(await errorOf(client().chat.update({ channel: 'C_GENERAL', ts: written.ts, text: 'x' }))).toBe(
      'cant_update_message',
    );
    expect(standIn.user('T_ACME', 'U_BOB').channelMessages('C_GENERAL')[0]?.text).toBe('my own words');
  });

  it('refuses text over 4,000 characters (msg_too_long) and empty content (no_text)', async () => {
    const posted = await client().chat.postMessage({ channel: 'C_GENERAL', text: 'v1' });
    const ts = posted.ts ?? '';
    expect(await errorOf(client().chat.update({ channel: 'C_GENERAL', ts, text: 'x'.repeat(4_001) }))).toBe(
      'msg_too_long',
    );
    expect(await errorOf(client().chat.update({ channel: 'C_GENERAL', ts, text: 'x'.repeat(4_000) }))).toBe(
      'ok',
    );
    expect(await errorOf(client().chat.update({ channel: 'C_GENERAL', ts, text: '' }))).toBe('no_text');
  });

  it('is recorded in the activity feed as a post in #general, not as a DM', async () => {
    const posted = await client().chat.postMessage({ channel: 'C_GENERAL', text: 'v1' });
    await client().chat.update({ channel: 'C_GENERAL', ts: posted.ts ?? '', text: 'v2' });
    const feed = (await (await fetch(`${standIn.url}/_sandbox/activity`)).json()) as {
      activity: { kind: string; summary: string; channel?: string; user?: string }[];
    };
    const entry = feed.activity.find((a) => a.kind === 'message_updated');
    expect(entry).toMatchObject({ channel: 'C_GENERAL', summary: 'post in #general updated: v2' });
    expect(entry?.user).toBeUndefined();
  });
});

describe('chat.delete', () => {
  it('removes what the app posted; then the ts is message_not_found', async () => {
    const posted = await client().chat.postMessage({ channel: 'C_GENERAL', text: 'gone soon' });
    const deleted = await client().chat.delete({ channel: 'C_GENERAL', ts: posted.ts ?? '' });
    expect(deleted).toMatchObject({ ok: true, channel: 'C_GENERAL', ts: posted.ts });
    expect(standIn.user('T_ACME', 'U_ALICE').channelMessages('C_GENERAL')).toEqual([]);
    expect(await errorOf(client().chat.delete({ channel: 'C_GENERAL', ts: posted.ts ?? '' }))).toBe(
      'message_not_found',
    );
  });

  it("answers cant_delete_message for a person's message and channel_not_found for an unknown channel", async () => {
    const written = standIn.workspace.postUserMessage('T_ACME', 'C_GENERAL', 'U_ALICE', 'mine');
    expect(await errorOf(client().chat.delete({ channel: 'C_GENERAL', ts: written.ts }))).toBe(
      'cant_delete_message',
    );
    expect(await errorOf(client().chat.delete({ channel: 'C_NOPE', ts: written.ts }))).toBe(
      'channel_not_found',
    );
  });
});

// The Web API as the real WebClient and raw HTTP see it: auth, shapes, errors, pagination, faults.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../index.js';
import { startSlackStandIn } from '../index.js';
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

const client = (token = 'xoxb-acme') =>
  new WebClient(token, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quietLogger,
  });

async function raw(
  method: string,
  init: RequestInit,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${standIn.apiUrl}${method}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('authentication', () => {
  it('answers auth.test for a bot token with the team and bot identity', async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({
      ok: true,
      url: 'https://acme.slack.com/',
      team: 'Acme',
      team_id: 'T_ACME',
      user_id: 'U_BOT',
      bot_id: 'B_BOT',
    });
  });

  it('accepts token= in a form body and rejects missing or unknown tokens with HTTP 200', async () => {
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const ok = await raw('auth.test', { ...form, body: 'token=xoxb-other' });
    const none = await raw('auth.test', { ...form, body: '' });
    const bad = await raw('auth.test', { ...form, body: 'token=xoxb-nope' });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, team_id: 'T_OTHER', user_id: 'U_OTHERBOT' } });
    expect(none).toEqual({ status: 200, body: { ok: false, error: 'not_authed' } });
    expect(bad).toEqual({ status: 200, body: { ok: false, error: 'invalid_auth' } });
    expect(standIn.errors().map((e) => e.error)).toEqual(['not_authed', 'invalid_auth']);
  });

  it('takes JSON bodies with a Bearer token, not with a token in the body', async () => {
    const body = JSON.stringify({ channel: 'C_GENERAL', text: 'hi' });
    const withHeader = await raw('chat.postMessage', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-acme' },
      body,
    });
    const inBody = await raw('chat.postMessage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'xoxb-acme', channel: 'C_GENERAL', text: 'hi' }),
    });
    expect(withHeader.body).toMatchObject({ ok: true, channel: 'C_GENERAL' });
    expect(inBody.body).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers malformed JSON with invalid_json and an unknown method with unknown_method', async () => {
    const headers = { 'content-type': 'application/json', authorization: 'Bearer xoxb-acme' };
    const broken = await raw('chat.postMessage', { method: 'POST', headers, body: '{"channel":' });
    const unknown = await raw('chat.nope', { method: 'POST', headers, body: '{}' });
    expect(broken.body).toMatchObject({ ok: false, error: 'invalid_json' });
    expect(unknown.body).toMatchObject({ ok: false, error: 'unknown_method' });
  });

  it('answers missing_scope for team.info, which needs team:read beyond the design scopes', async () => {
    await expect(client().team.info()).rejects.toMatchObject({
      data: { ok: false, error: 'missing_scope', needed: 'team:read' },
    });
  });
});

describe('users', () => {
  it('users.info gives admin flags and email, and locale only with include_locale', async () => {
    const plain = await client().users.info({ user: 'U_BOB' });
    const withLocale = await client().users.info({ user: 'U_BOB', include_locale: true });
    expect(plain.user).toMatchObject({
      id: 'U_BOB',
      team_id: 'T_ACME',
      is_admin: false,
      deleted: false,
      profile: { email: 'bob@acme.test' },
    });
    expect(plain.user?.locale).toBeUndefined();
    expect(withLocale.user?.locale).toBe('fr-FR');
    const owner = await client().users.info({ user: 'U_OWNER' });
    expect(owner.user).toMatchObject({ is_owner: true, is_primary_owner: true });
  });

  it('users.info rejects unknown users and users of another team', async () => {
    await expect(client().users.info({ user: 'U_NOBODY' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
    await expect(client().users.info({ user: 'U_OTHERADMIN' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('users.list pages with limit and response_metadata.next_cursor until it is empty', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client().users.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      pages += 1;
      expect(page.members?.length).toBeLessThanOrEqual(3);
      ids.push(...(page.members ?? []).map((m) => m.id ?? ''));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids).toEqual(['U_BOT', 'U_SLACKADMIN', 'U_OWNER', 'U_ZOOMADMIN', 'U_ALICE', 'U_BOB', 'U_CAROL']);
    await expect(client().users.list({ cursor: 'bm9wZQ==' })).rejects.toMatchObject({
      data: { error: 'invalid_cursor' },
    });
  });
});

describe('messages', () => {
  it('posts to a channel, to a user id (the DM), and refuses channels the bot is not in', async () => {
    standIn.workspace.addChannel('T_ACME', { id: 'C_RANDOM', name: 'random', members: ['U_ALICE'] });
    const inChannel = await client().chat.postMessage({ channel: 'C_GENERAL', text: 'hello' });
    const toUser = await client().chat.postMessage({ channel: 'U_ALICE', text: 'psst' });
    expect(inChannel).toMatchObject({
      ok: true,
      channel: 'C_GENERAL',
      message: { text: 'hello', bot_id: 'B_BOT' },
    });
    expect(toUser.channel).toMatch(/^D/);
    expect(
      standIn
        .user('T_ACME', 'U_ALICE')
        .dms()
        .map((m) => m.text),
    ).toEqual(['psst']);
    await expect(client().chat.postMessage({ channel: 'C_RANDOM', text: 'x' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(client().chat.postMessage({ channel: 'C_NOPE', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('conversations.open gives a stable D id per user and rejects unknown and deactivated users', async () => {
    const first = await client().conversations.open({ users: 'U_BOB' });
    const again = await client().conversations.open({ users: 'U_BOB', return_im: true });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again).toMatchObject({
      already_open: true,
      channel: { id: first.channel?.id, is_im: true, user: 'U_BOB' },
    });
    standIn.workspace.updateUser('T_ACME', 'U_CAROL', { deleted: true });
    await expect(client().conversations.open({ users: 'U_CAROL' })).rejects.toMatchObject({
      data: { error: 'user_disabled' },
    });
    await expect(client().conversations.open({ users: 'U_GHOST' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
  });

  it('postEphemeral needs the user in the channel; chat.update edits the bot message', async () => {
    const eph = await client().chat.postEphemeral({ channel: 'C_GENERAL', user: 'U_BOB', text: 'only you' });
    expect(eph.message_ts).toBeTruthy();
    expect(
      standIn
        .user('T_ACME', 'U_BOB')
        .ephemerals()
        .map((e) => e.text),
    ).toEqual(['only you']);
    await expect(
      client().chat.postEphemeral({ channel: 'C_GENERAL', user: 'U_OTHERADMIN', text: 'x' }),
    ).rejects.toMatchObject({ data: { error: 'user_not_in_channel' } });
    const posted = await client().chat.postMessage({ channel: 'C_GENERAL', text: 'v1' });
    const updated = await client().chat.update({ channel: 'C_GENERAL', ts: posted.ts ?? '', text: 'v2' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    expect(
      standIn
        .user('T_ACME', 'U_ALICE')
        .channelMessages('C_GENERAL')
        .map((m) => m.text),
    ).toEqual(['v2']);
    await expect(
      client().chat.update({ channel: 'C_GENERAL', ts: '1.000001', text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('refuses a message without text or blocks with no_text', async () => {
    await expect(client().chat.postMessage({ channel: 'C_GENERAL', text: '' })).rejects.toMatchObject({
      data: { error: 'no_text' },
    });
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After for the next N calls of a method, then recovers', async () => {
    standIn.faults.add({ method: 'chat.postMessage', kind: 'rate_limit', times: 2, retryAfter: 7 });
    const call = () =>
      fetch(`${standIn.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-acme', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'channel=C_GENERAL&text=hi',
      });
    const first = await call();
    const second = await call();
    const third = await call();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await first.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(second.status).toBe(429);
    expect(third.status).toBe(200);
    await expect(
      (async () => {
        standIn.faults.add({ method: 'chat.postMessage', kind: 'rate_limit', retryAfter: 1 });
        return client().chat.postMessage({ channel: 'C_GENERAL', text: 'x' });
      })(),
    ).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
  });

  it('answers a 5xx when asked, which WebClient reports as an HTTP error', async () => {
    standIn.faults.add({ method: 'users.info', kind: 'server_error', status: 503 });
    await expect(client().users.info({ user: 'U_BOB' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 503,
    });
    await expect(client().users.info({ user: 'U_BOB' })).resolves.toMatchObject({ ok: true });
  });
});

describe('oauth.v2.access', () => {
  it('exchanges a single-use code for the team bot token with team, enterprise and authed_user', async () => {
    const code = standIn.issueOAuthCode('T_OTHER', 'U_OTHERADMIN');
    const anon = new WebClient(undefined, {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
      logger: quietLogger,
    });
    const result = await anon.oauth.v2.access({ client_id: 'cid', client_secret: 'cs', code });
    expect(result).toMatchObject({
      ok: true,
      access_token: 'xoxb-other',
      token_type: 'bot',
      bot_user_id: 'U_OTHERBOT',
      team: { id: 'T_OTHER', name: 'Other Corp' },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: 'U_OTHERADMIN' },
    });
    expect(result.scope?.split(',')).toContain('users:read.email');
    await expect(anon.oauth.v2.access({ client_id: 'cid', client_secret: 'cs', code })).rejects.toMatchObject(
      {
        data: { error: 'invalid_code' },
      },
    );
  });

  it('redirects the authorize page to the redirect URI with a code and the state', async () => {
    const url = new URL(standIn.authorizeUrl);
    url.searchParams.set('client_id', 'cid');
    url.searchParams.set('scope', 'commands,chat:write');
    url.searchParams.set('state', 'st-1');
    url.searchParams.set('redirect_uri', 'http://127.0.0.1:9/slack/oauth_redirect');
    url.searchParams.set('team', 'T_ACME');
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.pathname).toBe('/slack/oauth_redirect');
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it('after tokens_revoked the old token answers token_revoked until a reinstall', async () => {
    standIn.setAppUrl('http://127.0.0.1:9/unused');
    const revoked = standIn.workspace.revokeBotToken('T_ACME');
    expect(revoked).toBe('xoxb-acme');
    await expect(client().auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
    const code = standIn.issueOAuthCode('T_ACME', 'U_SLACKADMIN');
    const anon = new WebClient(undefined, {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
      logger: quietLogger,
    });
    const installed = await anon.oauth.v2.access({ client_id: 'cid', client_secret: 'cs', code });
    expect(installed.access_token).not.toBe('xoxb-acme');
    await expect(client(installed.access_token).auth.test()).resolves.toMatchObject({ team_id: 'T_ACME' });
  });
});

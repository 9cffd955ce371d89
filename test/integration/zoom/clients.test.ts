import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZoomApiClient } from '../../../src/zoom/api-client.js';
import { ZoomError } from '../../../src/zoom/contracts.js';
import { createZoomOAuthClient } from '../../../src/zoom/oauth-client.js';
import { createPkcePair } from '../../../src/zoom/pkce.js';
import { APPS, REDIRECT_URI, startZoom } from './helpers.js';

let env: Awaited<ReturnType<typeof startZoom>>;
beforeAll(async () => {
  env = await startZoom();
});
afterAll(async () => {
  await env.zoom.stop();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof ZoomError ? error.code : `other: ${String(error)}`;
  }
}

function api(sleeps: number[] = []) {
  return createZoomApiClient({
    apiUrl: `${env.zoom.url}/v2`,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 2_000 },
    sleep: async (ms) => void sleeps.push(ms),
  });
}

function consentCode(app: 'org' | 'user', email: string, challenge: string): string {
  const url = env.oauth(app).authorizeUrl({ state: 'st-1', codeChallenge: challenge });
  const outcome = env.zoom.control.consent(url, email);
  if (!('location' in outcome)) throw new Error(outcome.refused);
  const location = new URL(outcome.location);
  expect(location.searchParams.get('state')).toBe('st-1');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  return location.searchParams.get('code') ?? '';
}

describe('OAuth client against the stand-in', () => {
  it('builds Zoom authorize URLs with state and PKCE S256', () => {
    const url = new URL(env.oauth('org').authorizeUrl({ state: 'abc', codeChallenge: 'ch' }));
    expect(url.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'org-app',
      redirect_uri: REDIRECT_URI,
      state: 'abc',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges a code once; reuse and a wrong verifier are rejected', async () => {
    const pkce = createPkcePair();
    const code = consentCode('user', 'alice@acme.test', pkce.codeChallenge);
    const tokens = await env.oauth('user').exchangeCode({ code, codeVerifier: pkce.codeVerifier });
    expect(tokens.scope).toContain('meeting:write');
    expect(tokens.apiUrl).toBe(env.zoom.url);
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await codeOf(env.oauth('user').exchangeCode({ code, codeVerifier: pkce.codeVerifier }))).toBe(
      'invalid_grant',
    );
    const other = consentCode('user', 'alice@acme.test', pkce.codeChallenge);
    expect(
      await codeOf(
        env.oauth('user').exchangeCode({ code: other, codeVerifier: createPkcePair().codeVerifier }),
      ),
    ).toBe('invalid_grant');
  });

  it('rejects a redirect_uri that differs from the authorize request', async () => {
    const pkce = createPkcePair();
    const code = consentCode('user', 'bob@acme.test', pkce.codeChallenge);
    const elsewhere = createZoomOAuthClient({
      oauthUrl: env.zoom.url,
      redirectUri: 'http://127.0.0.1:1/elsewhere',
      ...APPS.user,
    });
    expect(await codeOf(elsewhere.exchangeCode({ code, codeVerifier: pkce.codeVerifier }))).toBe(
      'invalid_grant',
    );
  });

  it('wrong client secret is a configuration error, not invalid_grant', async () => {
    const wrong = createZoomOAuthClient({
      oauthUrl: env.zoom.url,
      redirectUri: REDIRECT_URI,
      clientId: 'user-app',
      clientSecret: 'nope',
    });
    expect(await codeOf(wrong.refresh('zrt_x'))).toBe('bad_response');
  });

  it('rotates refresh tokens: the old one dies, reuse is invalid_grant', async () => {
    const first = await env.authorize('user', 'bob@acme.test');
    const second = await env.oauth('user').refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await codeOf(env.oauth('user').refresh(first.refreshToken))).toBe('invalid_grant');
    const third = await env.oauth('user').refresh(second.refreshToken);
    expect((await api().getMe(third.accessToken)).email).toBe('bob@acme.test');
  });

  it('a new authorization by the same user and app invalidates the older tokens', async () => {
    const older = await env.authorize('user', 'alice@acme.test');
    const newer = await env.authorize('user', 'alice@acme.test');
    expect(await codeOf(api().getMe(older.accessToken))).toBe('token_invalid');
    expect(await codeOf(env.oauth('user').refresh(older.refreshToken))).toBe('invalid_grant');
    expect((await api().getMe(newer.accessToken)).email).toBe('alice@acme.test');
  });

  it('revokes: the token stops working and a second revoke is not an error', async () => {
    const tokens = await env.authorize('org', 'zoom-admin@acme.test');
    expect(await env.oauth('org').revoke(tokens.accessToken)).toBe(true);
    expect(await codeOf(api().getMe(tokens.accessToken))).toBe('token_invalid');
    expect(await env.oauth('org').revoke(tokens.accessToken)).toBe(false);
  });
});

describe('API client against the stand-in', () => {
  it('reads users (admin token: by email; user token: only self → missing_scope)', async () => {
    const org = await env.authorize('org', 'owner@acme.test');
    const alice = await api().getUser(org.accessToken, 'alice@acme.test', org.apiUrl);
    expect(alice).toMatchObject({
      email: 'alice@acme.test',
      roleName: 'Member',
      status: 'active',
      accountId: 'acme',
    });
    expect(await codeOf(api().getUser(org.accessToken, 'nobody@acme.test'))).toBe('user_not_found');
    const personal = await env.authorize('user', 'bob@acme.test');
    expect(await codeOf(api().getUser(personal.accessToken, 'alice@acme.test'))).toBe('missing_scope');
  });

  it('creates meetings (201) with summary auto-start for another user with an admin token', async () => {
    const org = await env.authorize('org', 'zoom-admin@acme.test');
    const meeting = await api().createMeeting(org.accessToken, 'alice@acme.test', {
      topic: 'Standup',
      startTime: '2030-05-01T09:00:00Z',
      durationMinutes: 15,
      autoStartMeetingSummary: true,
    });
    expect(meeting).toMatchObject({
      topic: 'Standup',
      hostEmail: 'alice@acme.test',
      autoStartMeetingSummary: true,
    });
    expect(meeting.joinUrl).toContain(`/j/${meeting.id}`);
    expect(env.zoom.control.state().meetings.some((m) => String(m.id) === meeting.id)).toBe(true);
  });

  it('429 with Retry-After: waits what Zoom says, then succeeds', async () => {
    const org = await env.authorize('org', 'owner@acme.test');
    env.zoom.control.addFault({ route: 'users.me', status: 429, count: 1, retry_after: 1 });
    const sleeps: number[] = [];
    expect((await api(sleeps).getMe(org.accessToken)).email).toBe('owner@acme.test');
    expect(sleeps).toEqual([1000]);
  });

  it('429 without Retry-After: backs off, bounded, then rate_limited', async () => {
    const org = await env.authorize('org', 'owner@acme.test');
    env.zoom.control.addFault({ route: '/v2/users/me', status: 429, count: 3 });
    const sleeps: number[] = [];
    expect(await codeOf(api(sleeps).getMe(org.accessToken))).toBe('rate_limited');
    expect(sleeps).toHaveLength(2);
    expect(env.zoom.control.state().faults).toHaveLength(0);
  });

  it('5xx: retries then succeeds; persistent 5xx → server_error', async () => {
    const org = await env.authorize('org', 'owner@acme.test');
    env.zoom.control.addFault({ route: 'GET /v2/users/*', status: 503, count: 2 });
    expect((await api().getUser(org.accessToken, 'bob@acme.test')).email).toBe('bob@acme.test');
    env.zoom.control.addFault({ route: 'users.get', status: 500, count: 3 });
    expect(await codeOf(api().getUser(org.accessToken, 'bob@acme.test'))).toBe('server_error');
  });

  it('the per-host daily meeting limit answers 429 with a far Retry-After: no waiting', async () => {
    const small = await startZoom({
      seed: {
        users: [{ email: 'h@x.test', role_name: 'Owner' }],
        apps: [{ kind: 'admin', client_id: 'org-app', client_secret: 'org-secret', webhook_secret: 'w' }],
        meeting_daily_limit: 2,
      },
    });
    try {
      const tokens = await small.authorize('org', 'h@x.test');
      const client = createZoomApiClient({ apiUrl: `${small.zoom.url}/v2` });
      await client.createMeeting(tokens.accessToken, 'me', { topic: '1' });
      await client.createMeeting(tokens.accessToken, 'me', { topic: '2' });
      expect(await codeOf(client.createMeeting(tokens.accessToken, 'me', { topic: '3' }))).toBe(
        'rate_limited',
      );
      expect(small.zoom.control.state().meetings).toHaveLength(2);
    } finally {
      await small.zoom.stop();
    }
  });
});

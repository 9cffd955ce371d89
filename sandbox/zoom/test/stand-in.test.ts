/** The Zoom stand-in over HTTP, as an outside client (or Zoom's docs) would drive it. */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadZoomSeedFile, startZoomStandIn, type ZoomStandIn } from '../index.js';
import { zoomSignatureHeader } from '../signing.js';

let now = Date.now();
const clock = () => new Date(now);
let zoom: ZoomStandIn;
const REDIRECT = 'http://127.0.0.1:3000/zoom/oauth/callback';
const VERIFIER = 'v'.repeat(50);

beforeAll(async () => {
  zoom = await startZoomStandIn({ clock });
});
afterAll(async () => {
  await zoom.stop();
});

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

function authorizeUrl(clientId: string, extra: Record<string, string> = {}): string {
  const url = new URL(`${zoom.url}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    state: 'st',
    code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return url.toString();
}

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${zoom.url}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function consentCode(clientId: string, email: string): Promise<string> {
  const { body } = await control('POST', '/consent', { authorize_url: authorizeUrl(clientId), email });
  return new URL(String(body.location)).searchParams.get('code') ?? '';
}

async function token(clientId: string, secret: string, form: Record<string, string>) {
  const response = await fetch(`${zoom.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string | number> };
}

async function exchange(clientId: string, secret: string, email: string) {
  const code = await consentCode(clientId, email);
  return token(clientId, secret, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
  });
}

describe('authorize page', () => {
  it('shows the users to pick and an Allow button; posting it redirects with code and state', async () => {
    const page = await fetch(authorizeUrl('user-app'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('alice@acme.test');
    expect(html).toContain('>Allow<');
    const form = new URLSearchParams(Object.fromEntries(new URL(authorizeUrl('user-app')).searchParams));
    form.set('email', 'alice@acme.test');
    const response = await fetch(`${zoom.url}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st');
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it("admin-managed app: a non-admin is stopped with Zoom's message and no redirect", async () => {
    const form = new URLSearchParams(Object.fromEntries(new URL(authorizeUrl('org-app')).searchParams));
    form.set('email', 'alice@acme.test');
    const response = await fetch(`${zoom.url}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('An account admin is required to install this type of app');
    const viaControl = await control('POST', '/consent', {
      authorize_url: authorizeUrl('org-app'),
      email: 'bob@acme.test',
    });
    expect(viaControl.body).toEqual({ refused: 'An account admin is required to install this type of app' });
  });

  it('rejects unknown clients and non-loopback redirect URIs with an error page', async () => {
    expect((await fetch(authorizeUrl('nope'))).status).toBe(400);
    expect((await fetch(authorizeUrl('user-app', { redirect_uri: 'https://evil.example/cb' }))).status).toBe(
      400,
    );
    const bad = await control('POST', '/consent', { authorize_url: 'not a url', email: 'alice@acme.test' });
    expect(bad.status).toBe(400);
  });
});

describe('token endpoint', () => {
  it('authenticates the client by Basic header (or, as Zoom also accepts, by parameters)', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${zoom.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
    const missing = await post({}, 'grant_type=refresh_token&refresh_token=x');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      reason: 'Invalid client_id or client_secret',
      error: 'invalid_client',
    });
    const wrongBasic = await post(
      { authorization: basic('user-app', 'nope') },
      'grant_type=refresh_token&refresh_token=x',
    );
    expect(wrongBasic.status).toBe(401);
    // A wrong Basic header is not rescued by correct parameters.
    const mixed = await post(
      { authorization: basic('user-app', 'nope') },
      'grant_type=refresh_token&refresh_token=x&client_id=user-app&client_secret=user-secret',
    );
    expect(mixed.status).toBe(401);
    const viaParams = await post(
      {},
      'grant_type=refresh_token&refresh_token=x&client_id=user-app&client_secret=user-secret',
    );
    expect(await viaParams.json()).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });

  it("an unsupported grant_type gets Zoom's exact answer", async () => {
    const answer = await token('user-app', 'user-secret', { grant_type: 'password', username: 'a' });
    expect(answer).toEqual({
      status: 400,
      body: { reason: 'unsupported grant type', error: 'unsupported_grant_type' },
    });
  });

  it("answers Zoom's token shape with expires_in 3599 and api_url = the stand-in", async () => {
    const { status, body } = await exchange('user-app', 'user-secret', 'alice@acme.test');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3599,
      scope: 'user:read meeting:write',
      api_url: zoom.url,
    });
  });

  it('codes: single use, 5-minute expiry, PKCE and redirect_uri checked', async () => {
    const code = await consentCode('user-app', 'bob@acme.test');
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER };
    expect((await token('user-app', 'user-secret', form)).status).toBe(200);
    expect((await token('user-app', 'user-secret', form)).status).toBe(400);

    const expiring = await consentCode('user-app', 'bob@acme.test');
    now += 5 * 60 * 1000 + 1;
    const late = await token('user-app', 'user-secret', { ...form, code: expiring });
    expect(late.body).toEqual({ reason: 'Invalid authorization code', error: 'invalid_grant' });

    const pkce = await consentCode('user-app', 'bob@acme.test');
    expect(
      (await token('user-app', 'user-secret', { ...form, code: pkce, code_verifier: 'w'.repeat(50) })).status,
    ).toBe(400);
    const redirect = await consentCode('user-app', 'bob@acme.test');
    expect(
      (
        await token('user-app', 'user-secret', {
          ...form,
          code: redirect,
          redirect_uri: 'http://127.0.0.1:3000/other',
        })
      ).body,
    ).toEqual({ reason: 'Redirect URI mismatch.', error: 'invalid_request' });
    const otherApp = await consentCode('user-app', 'bob@acme.test');
    expect((await token('org-app', 'org-secret', { ...form, code: otherApp })).status).toBe(400);
  });

  it('refresh rotation: reuse of the old refresh token → 400 invalid_grant, exactly as Zoom', async () => {
    const first = await exchange('user-app', 'user-secret', 'alice@acme.test');
    const refreshed = await token('user-app', 'user-secret', {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
    const reuse = await token('user-app', 'user-secret', {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
    expect((await token('user-app', 'user-secret', { grant_type: 'password' })).body).toMatchObject({
      error: 'unsupported_grant_type',
    });
  });

  it("also accepts token parameters in the query string (Zoom's older documented form)", async () => {
    const code = await consentCode('user-app', 'alice@acme.test');
    const query = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    });
    const response = await fetch(`${zoom.url}/oauth/token?${query}`, {
      method: 'POST',
      headers: { authorization: basic('user-app', 'user-secret') },
    });
    expect(response.status).toBe(200);
  });

  it('counts token requests per grant type', async () => {
    const before = zoom.control.tokenRequests();
    await exchange('org-app', 'org-secret', 'owner@acme.test');
    await token('org-app', 'org-secret', { grant_type: 'refresh_token', refresh_token: 'nope' });
    const after = (await control('GET', '/state')).body.token_requests as Record<string, number>;
    expect((after.authorization_code ?? 0) - (before.authorization_code ?? 0)).toBe(1);
    expect((after.refresh_token ?? 0) - (before.refresh_token ?? 0)).toBe(1);
  });

  it('revoke: Basic auth, form token → {"status":"success"}; the token then fails with 124', async () => {
    const { body } = await exchange('org-app', 'org-secret', 'zoom-admin@acme.test');
    const response = await fetch(`${zoom.url}/oauth/revoke`, {
      method: 'POST',
      headers: {
        authorization: basic('org-app', 'org-secret'),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: String(body.access_token) }),
    });
    expect(await response.json()).toEqual({ status: 'success' });
    const me = await fetch(`${zoom.url}/v2/users/me`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.status).toBe(401);
    expect(await me.json()).toEqual({ code: 124, message: 'Invalid access token.' });
  });
});

describe('API', () => {
  it('Bearer only; users/{id|email}; 404 code 1001; meetings 201; malformed bodies 400', async () => {
    const { body } = await exchange('org-app', 'org-secret', 'owner@acme.test');
    const auth = { authorization: `Bearer ${body.access_token}` };
    const inQuery = await fetch(`${zoom.url}/v2/users/me?access_token=${body.access_token}`);
    expect(inQuery.status).toBe(401);
    const me = (await (await fetch(`${zoom.url}/v2/users/me`, { headers: auth })).json()) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({
      email: 'owner@acme.test',
      role_name: 'Owner',
      role_id: '0',
      status: 'active',
      account_id: 'acme',
    });
    const byId = await fetch(`${zoom.url}/v2/users/${me.id}`, { headers: auth });
    expect(((await byId.json()) as { email: string }).email).toBe('owner@acme.test');
    const missing = await fetch(`${zoom.url}/v2/users/${encodeURIComponent('ghost@acme.test')}`, {
      headers: auth,
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 1001 });
    const created = await fetch(`${zoom.url}/v2/users/alice%40acme.test/meetings`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        topic: 'Plan',
        type: 2,
        start_time: '2030-01-01T10:00:00Z',
        settings: { auto_start_meeting_summary: true },
      }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      topic: 'Plan',
      host_email: 'alice@acme.test',
      settings: { auto_start_meeting_summary: true },
    });
    const malformed = await fetch(`${zoom.url}/v2/users/me/meetings`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(malformed.status).toBe(400);
  });

  it('faults: status + Retry-After, count, then normal service', async () => {
    const { body } = await exchange('org-app', 'org-secret', 'owner@acme.test');
    const added = await control('POST', '/faults', {
      route: 'users.me',
      status: 429,
      count: 2,
      retry_after: 3,
    });
    expect(added.status).toBe(201);
    const auth = { authorization: `Bearer ${body.access_token}` };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const limited = await fetch(`${zoom.url}/v2/users/me`, { headers: auth });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
    }
    expect((await fetch(`${zoom.url}/v2/users/me`, { headers: auth })).status).toBe(200);
    await control('POST', '/faults', { route: 'token', status: 503 });
    expect(
      (await token('org-app', 'org-secret', { grant_type: 'refresh_token', refresh_token: 'x' })).status,
    ).toBe(503);
    expect((await control('POST', '/faults', { route: 'users.me' })).status).toBe(400);
    await control('POST', '/faults', { route: 'v2/users/*', status: 502 });
    expect((await fetch(`${zoom.url}/v2/users/me`, { headers: auth })).status).toBe(502);
  });

  it('expire-tokens makes the next call 401/124', async () => {
    const { body } = await exchange('user-app', 'user-secret', 'bob@acme.test');
    expect((await control('POST', '/expire-tokens', { email: 'bob@acme.test' })).body.expired).toBe(1);
    expect(
      (await fetch(`${zoom.url}/v2/users/me`, { headers: { authorization: `Bearer ${body.access_token}` } }))
        .status,
    ).toBe(401);
  });
});

describe('control API and webhook sender', () => {
  it('PATCH/DELETE users and deauthorize send Zoom-signed events to the webhook target', async () => {
    const received: Array<{ headers: Record<string, string | undefined>; raw: string }> = [];
    const app = express();
    app.post('/hook', express.text({ type: () => true }), (req, res) => {
      received.push({
        headers: { ts: req.get('x-zm-request-timestamp'), sig: req.get('x-zm-signature') },
        raw: String(req.body),
      });
      res.json({});
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      expect((await control('PUT', '/webhook-target', { url: target })).status).toBe(200);
      await exchange('user-app', 'user-secret', 'alice@acme.test');
      const patched = await control('PATCH', `/users/${encodeURIComponent('slack-admin@acme.test')}`, {
        role_name: 'Admin',
      });
      expect(patched.body.user).toMatchObject({ role_name: 'Admin', role_id: '1' });
      const deauth = await control('POST', '/deauthorize', {
        client_id: 'user-app',
        email: 'alice@acme.test',
      });
      expect(deauth.body).toMatchObject({ ok: true, revoked: 1 });
      expect((await control('DELETE', `/users/${encodeURIComponent('bob@acme.test')}`)).status).toBe(200);
      expect((await control('DELETE', '/users/nobody%40acme.test')).status).toBe(404);

      const events = received.map(
        (entry) =>
          JSON.parse(entry.raw) as { event: string; event_ts: number; payload: Record<string, unknown> },
      );
      expect(events.map((event) => event.event)).toEqual([
        'user.updated',
        'app_deauthorized',
        // The org app hears of every user; the user app only of Bob because he authorized it above.
        'user.deleted',
        'user.deleted',
      ]);
      // Zoom's user.updated: the id and the changed field, named `role` (see event-payloads.ts).
      expect(events[0]?.payload).toMatchObject({
        account_id: 'acme',
        object: { role: 'Admin' },
        old_object: { role: 'Member' },
      });
      expect(events[1]?.payload).toMatchObject({ client_id: 'user-app', account_id: 'acme' });
      const secrets = [
        'org-webhook-secret',
        'user-webhook-secret',
        'org-webhook-secret',
        'user-webhook-secret',
      ];
      received.forEach((entry, index) => {
        expect(entry.headers.sig).toBe(
          zoomSignatureHeader(secrets[index] ?? '', entry.headers.ts ?? '', entry.raw),
        );
        expect(entry.headers.ts).toMatch(/^\d{10}$/);
      });
      const state = (await control('GET', '/state')).body;
      expect((state.webhook_deliveries as unknown[]).length).toBeGreaterThanOrEqual(3);
      expect((state.users as Array<{ email: string }>).some((user) => user.email === 'bob@acme.test')).toBe(
        false,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('validates control bodies with clear 4xx JSON', async () => {
    expect((await control('PATCH', '/users/alice%40acme.test', { role_name: 5 })).status).toBe(400);
    expect(
      (await control('POST', '/deauthorize', { client_id: 'nope', email: 'alice@acme.test' })).status,
    ).toBe(404);
    expect((await control('PUT', '/webhook-target', { url: 'not a url' })).status).toBe(400);
    const raw = await fetch(`${zoom.url}/_sandbox/faults`, {
      method: 'POST',
      body: '{bad',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
  });
});

describe('seed files', () => {
  it('loads a zod-validated seed and rejects a bad one with a message', async () => {
    const good = join(tmpdir(), `zoom-seed-${process.pid}.json`);
    await writeFile(good, JSON.stringify({ users: [{ email: 'a@x.test', role_name: 'Owner' }], apps: [] }));
    const seed = await loadZoomSeedFile(good);
    const standIn = await startZoomStandIn({ seed });
    try {
      expect(standIn.control.state().users.map((user) => user.email)).toEqual(['a@x.test']);
    } finally {
      await standIn.stop();
    }
    const bad = join(tmpdir(), `zoom-seed-bad-${process.pid}.json`);
    await writeFile(bad, JSON.stringify({ users: [{ email: 'not-an-email' }] }));
    await expect(loadZoomSeedFile(bad)).rejects.toThrowError(/Invalid Zoom seed/);
  });
});

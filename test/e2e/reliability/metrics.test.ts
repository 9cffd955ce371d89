/**
 * Operations view (issue 8): `/metrics` exposes requests by route, commands, job runs and org
 * connections by state; the Zoom layer's hooks report every call by endpoint/outcome and every
 * refresh by outcome (wired into prom-client by app.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../../src/crypto/token-cipher.js';
import { createPkcePair, createZoomGateway, ZoomError } from '../../../src/zoom/index.js';
import { observeFetch, observeRefresher, zoomEndpointOf } from '../../../src/zoom/observe.js';
import { connectPersonal, meet } from './support/flows.js';
import { KEY, type ReliabilityHarness, startReliabilityHarness, T } from './support/harness.js';

let h: ReliabilityHarness;

beforeAll(async () => {
  h = await startReliabilityHarness('metrics');
});
afterAll(async () => {
  await h?.stop();
});

describe('Zoom metrics hooks', () => {
  it('names endpoints with a fixed, low-cardinality set', () => {
    const base = 'https://api.zoom.us/v2';
    expect(zoomEndpointOf('POST', 'https://zoom.us/oauth/token')).toBe('oauth.token');
    expect(zoomEndpointOf('POST', 'https://zoom.us/oauth/revoke')).toBe('oauth.revoke');
    expect(zoomEndpointOf('GET', `${base}/users/me`)).toBe('users.me');
    expect(zoomEndpointOf('GET', `${base}/users/alice%40acme.test`)).toBe('users.get');
    expect(zoomEndpointOf('POST', `${base}/users/alice%40acme.test/meetings`)).toBe('meetings.create');
    expect(zoomEndpointOf('GET', `${base}/users/me/meetings`)).toBe('other');
    expect(zoomEndpointOf('GET', 'not a url')).toBe('other');
  });

  it('reports each attempt’s outcome, and a throwing hook never breaks the call', async () => {
    const seen: string[] = [];
    const answers = [200, 401, 429, 503, 404];
    let call = 0;
    const fake = async () => new Response('{}', { status: answers[call++] ?? 200 });
    const observed = observeFetch(fake, (endpoint, outcome) => seen.push(`${endpoint}:${outcome}`));
    for (let i = 0; i < answers.length; i += 1) await observed('https://api.zoom.us/v2/users/me');
    const timeout = observeFetch(
      async () => {
        throw Object.assign(new Error('slow'), { name: 'TimeoutError' });
      },
      (endpoint, outcome) => seen.push(`${endpoint}:${outcome}`),
    );
    await expect(timeout('https://zoom.us/oauth/token', { method: 'POST' })).rejects.toThrow('slow');
    expect(seen).toEqual([
      'users.me:ok',
      'users.me:unauthorized',
      'users.me:rate_limited',
      'users.me:server_error',
      'users.me:client_error',
      'oauth.token:timeout',
    ]);
    const throwing = observeFetch(fake, () => {
      throw new Error('metrics down');
    });
    expect((await throwing('https://api.zoom.us/v2/users/me')).status).toBe(200);
  });

  it('reports refreshes by outcome', async () => {
    const seen: string[] = [];
    const ok = observeRefresher({ refresh: async () => 'tokens' }, (app, outcome) =>
      seen.push(`${app}:${outcome}`),
    );
    const dead = observeRefresher(
      {
        refresh: async () => {
          throw new ZoomError('invalid_grant', 'Invalid Token!');
        },
      },
      (app, outcome) => seen.push(`${app}:${outcome}`),
    );
    expect(await ok.refresh('r', 'org')).toBe('tokens');
    await expect(dead.refresh('r', 'user')).rejects.toThrow('Invalid Token!');
    expect(seen).toEqual(['org:ok', 'user:invalid_grant']);
  });

  it('a gateway built with the hooks reports real calls to the Zoom stand-in', async () => {
    const calls: string[] = [];
    const gateway = createZoomGateway({
      oauthUrl: h.zoom.url,
      apiUrl: `${h.zoom.url}/v2`,
      publicUrl: h.url,
      apps: {
        org: { clientId: 'org-app', clientSecret: 'org-secret' },
        user: { clientId: 'user-app', clientSecret: 'user-secret' },
      },
      cipher: createTokenCipher([{ id: 'e2e', key: Buffer.from(KEY, 'base64') }]),
      instanceId: 'metrics-test',
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      onCall: (endpoint, outcome) => calls.push(`${endpoint}:${outcome}`),
    });
    const pkce = createPkcePair();
    const url = gateway.authorizeUrl('user', { state: 'metrics-state', codeChallenge: pkce.codeChallenge });
    const consent = h.zoom.control.consent(url, 'alice@acme.test');
    if ('refused' in consent) throw new Error(consent.refused);
    const code = new URL(consent.location).searchParams.get('code') ?? '';
    h.zoom.control.addFault({ route: 'users.me', status: 503, count: 1 });
    const result = await gateway.completeAuthorization('user', { code, codeVerifier: pkce.codeVerifier });
    h.zoom.control.clearFaults();
    expect(result.ok).toBe(true);
    expect(calls).toEqual(['oauth.token:ok', 'users.me:server_error', 'users.me:ok']);
  });
});

const metricsUrl = () => `http://127.0.0.1:${h.app.metricsPort()}/metrics`;

describe('/metrics', () => {
  it('is served on its own listener only, never on the public port', async () => {
    expect(h.app.metricsPort()).toBeGreaterThan(0);
    expect(h.app.metricsPort()).not.toBe(Number(new URL(h.url).port));
    expect((await fetch(`${h.url}/metrics`)).status).toBe(404);
    expect((await fetch(metricsUrl())).status).toBe(200);
    // The metrics listener serves nothing else.
    expect((await fetch(metricsUrl().replace('/metrics', '/healthz'))).status).toBe(404);
  });

  it('exposes requests by route, commands, job runs, org connections, Zoom calls and refreshes', async () => {
    await h.slack.user(T, 'U_ALICE').command('/zoom-status');
    await fetch(`${h.url}/zoom/approve/${'x'.repeat(40)}`);
    await h.app.jobs.tick();
    const response = await fetch(metricsUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const body = await response.text();
    expect(body).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/slack\/events",status="200"\} \d+/,
    );
    // The route pattern, never the raw path holding a token.
    expect(body).toMatch(/route="\/zoom\/approve\/:token",status="404"/);
    expect(body).not.toContain('x'.repeat(40));
    expect(body).toMatch(/slack_command_duration_seconds_count\{command="\/zoom-status",outcome="ok"\} 1/);
    expect(body).toMatch(/job_runs_total\{job="org-health",outcome="ran"\} 1/);
    expect(body).toMatch(/org_connections\{status="active"\} 0/);
    // The command above has finished its work: nothing running or waiting after its ack.
    expect(body).toMatch(/after_ack_queue\{state="active"\} 0/);
    expect(body).toMatch(/after_ack_queue\{state="waiting"\} 0/);
    expect(body).toMatch(/after_ack_work_seconds_count\{kind="command",outcome="ok"\} 1/);
    expect(body).toContain('# TYPE zoom_api_calls_total counter');
    expect(body).toContain('# TYPE zoom_token_refreshes_total counter');
  });

  it('counts the running app’s own Zoom calls and refreshes (the hooks are wired in buildApp)', async () => {
    const metricValue = async (pattern: RegExp): Promise<number> => {
      const body = await (await fetch(metricsUrl())).text();
      return Number(pattern.exec(body)?.[1] ?? 0);
    };
    const created = /zoom_api_calls_total\{endpoint="meetings\.create",outcome="ok"\} (\d+)/;
    const rejected = /zoom_api_calls_total\{endpoint="meetings\.create",outcome="unauthorized"\} (\d+)/;
    const refreshed = /zoom_token_refreshes_total\{app="user",outcome="ok"\} (\d+)/;
    await connectPersonal(h, 'U_ALICE', 'alice@acme.test');
    expect(
      await metricValue(/zoom_api_calls_total\{endpoint="oauth\.token",outcome="ok"\} (\d+)/),
    ).toBeGreaterThan(0);
    await meet(h, 'U_ALICE', 'Metrics one');
    expect(await metricValue(created)).toBe(1);
    // Zoom expires the access token: the next meeting is refused once, refreshed, and retried.
    expect(h.zoom.control.expireAccessTokens('alice@acme.test')).toBeGreaterThan(0);
    await meet(h, 'U_ALICE', 'Metrics two');
    expect(await metricValue(created)).toBe(2);
    expect(await metricValue(rejected)).toBe(1);
    expect(await metricValue(refreshed)).toBe(1);
  });
});

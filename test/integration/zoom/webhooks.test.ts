import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startZoomStandIn, type ZoomStandIn } from '../../../sandbox/zoom/index.js';
import { createZoomOAuthClient } from '../../../src/zoom/oauth-client.js';
import { createPkcePair } from '../../../src/zoom/pkce.js';
import { signZoomWebhook, urlValidationToken } from '../../../src/zoom/webhook-signature.js';
import { createZoomWebhookRouter, type ZoomWebhookEvent } from '../../../src/zoom/webhooks.js';

const secrets = { org: 'org-webhook-secret', user: 'user-webhook-secret' };
const received: ZoomWebhookEvent[] = [];
const seen = new Set<string>();
let failNext = false;
let waiters: Array<() => void> = [];
let appUrl = '';
let close: () => Promise<void>;
let zoom: ZoomStandIn;

function nextDispatch(): Promise<void> {
  return new Promise((resolve) => waiters.push(resolve));
}

beforeAll(async () => {
  const app = express();
  app.use(
    createZoomWebhookRouter({
      secrets,
      // As the app's after-ack queue does: the reaction runs after the answer, its failure logged.
      afterAnswer: (_context, work) => {
        void work().catch(() => undefined);
      },
      isDuplicate: async (key) => {
        const duplicate = seen.has(key);
        seen.add(key);
        return duplicate;
      },
      dispatcher: {
        async dispatch(event) {
          received.push(event);
          const pending = waiters;
          waiters = [];
          for (const resolve of pending) resolve();
          if (failNext) {
            failNext = false;
            throw new Error('reaction failed');
          }
        },
      },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom/webhooks`;
  close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  zoom = await startZoomStandIn({ webhookTarget: appUrl });
});

afterAll(async () => {
  await zoom.stop();
  await close();
});

beforeEach(() => {
  received.length = 0;
});

async function authorize(standIn: ZoomStandIn, app: 'org' | 'user', email: string) {
  const client = createZoomOAuthClient({
    oauthUrl: standIn.url,
    redirectUri: 'http://127.0.0.1:3999/zoom/oauth/callback',
    clientId: `${app}-app`,
    clientSecret: `${app}-secret`,
  });
  const pkce = createPkcePair();
  const outcome = standIn.control.consent(
    client.authorizeUrl({ state: 's', codeChallenge: pkce.codeChallenge }),
    email,
  );
  if (!('location' in outcome)) throw new Error(outcome.refused);
  const code = new URL(outcome.location).searchParams.get('code') ?? '';
  return client.exchangeCode({ code, codeVerifier: pkce.codeVerifier });
}

function signedPost(
  secret: string,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
  signature?: string,
) {
  return fetch(appUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zm-request-timestamp': timestamp,
      'x-zm-signature': signature ?? signZoomWebhook(secret, timestamp, body),
    },
    body,
  });
}

const userDeleted = (ts: number) =>
  JSON.stringify({
    event: 'user.deleted',
    event_ts: ts,
    payload: { account_id: 'acme', object: { id: 'u-1', email: 'x@acme.test' } },
  });

describe('POST /zoom/webhooks', () => {
  it('answers endpoint.url_validation (checked by the stand-in as Zoom does)', async () => {
    expect((await zoom.control.validateEndpoint('org-app')).ok).toBe(true);
    expect((await zoom.control.validateEndpoint('user-app')).ok).toBe(true);
    const body = JSON.stringify({
      event: 'endpoint.url_validation',
      event_ts: 1,
      payload: { plainToken: 'p1' },
    });
    const response = await signedPost(secrets.user, body);
    expect(await response.json()).toEqual({
      plainToken: 'p1',
      encryptedToken: urlValidationToken(secrets.user, 'p1'),
    });
  });

  it('dispatches app_deauthorized for the app whose secret signed it', async () => {
    await authorize(zoom, 'user', 'alice@acme.test');
    const dispatched = nextDispatch();
    const delivery = await zoom.control.deauthorize('user-app', 'alice@acme.test');
    expect(delivery.revoked).toBe(1);
    await dispatched;
    const alice = zoom.control.state().users.find((user) => user.email === 'alice@acme.test');
    expect(received[0]).toMatchObject({
      app: 'user',
      event: 'app_deauthorized',
      clientId: 'user-app',
      accountId: 'acme',
      userId: alice?.id,
    });
  });

  it('dispatches user.updated with the changed fields (the org app listens once it has a grant)', async () => {
    await authorize(zoom, 'org', 'owner@acme.test');
    const dispatched = nextDispatch();
    await zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Member' });
    await dispatched;
    expect(received[0]).toMatchObject({
      app: 'org',
      event: 'user.updated',
      // As Zoom sends it: the id and the changed fields only, the role named `role`.
      user: { roleName: 'Member' },
      changes: { role: 'Member' },
    });
    const deleted = nextDispatch();
    await zoom.control.deleteUser('bob@acme.test');
    await deleted;
    expect(received[1]).toMatchObject({
      app: 'org',
      event: 'user.deleted',
      user: { email: 'bob@acme.test' },
    });
  });

  it('rejects a bad signature, a stale timestamp and missing headers with 401', async () => {
    const body = userDeleted(Date.now());
    expect((await signedPost('wrong-secret', body)).status).toBe(401);
    const stale = String(Math.floor(Date.now() / 1000) - 301);
    const staleResponse = await signedPost(secrets.org, body, stale);
    expect(staleResponse.status).toBe(401);
    expect(await staleResponse.json()).toMatchObject({ error: 'stale_request' });
    expect(
      (await fetch(appUrl, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).status,
    ).toBe(401);
    // Body edited after signing.
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = signZoomWebhook(secrets.org, ts, body);
    expect((await signedPost(secrets.org, body.replace('x@acme', 'y@acme'), ts, signature)).status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it('answers duplicates 200 without dispatching them again', async () => {
    const body = userDeleted(1_700_000_000_123);
    const first = nextDispatch();
    expect(await (await signedPost(secrets.org, body)).json()).toEqual({ status: 'accepted' });
    await first;
    expect(await (await signedPost(secrets.org, body)).json()).toEqual({ status: 'duplicate' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ app: 'org', event: 'user.deleted', user: { id: 'u-1' } });
  });

  it('acknowledges and ignores unknown event types', async () => {
    const body = JSON.stringify({ event: 'meeting.started', event_ts: 5, payload: { object: {} } });
    const response = await signedPost(secrets.user, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ignored' });
  });

  it('4xx JSON for malformed JSON, bad payloads and oversize bodies', async () => {
    const bad = await signedPost(secrets.org, '{nope');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'bad_body' });
    const missing = await signedPost(
      secrets.org,
      JSON.stringify({ event: 'user.updated', event_ts: 1, payload: {} }),
    );
    expect(missing.status).toBe(400);
    const huge = JSON.stringify({ event: 'x', payload: 'a'.repeat(70_000) });
    const tooLarge = await signedPost(secrets.org, huge);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: 'too_large' });
  });

  it('a dedupe store that hangs gets a 500 within the budget (Zoom retries later)', async () => {
    const app = express();
    app.use(
      createZoomWebhookRouter({
        secrets,
        isDuplicate: () => new Promise<boolean>(() => undefined),
        dispatcher: { dispatch: async () => undefined },
        afterAnswer: (_context, work) => {
          void work();
        },
        dedupeTimeoutMs: 50,
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zoom/webhooks`;
      const body = userDeleted(7);
      const ts = String(Math.floor(Date.now() / 1000));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': signZoomWebhook(secrets.org, ts, body) },
        body,
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: 'dedupe_failed' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a failing dispatcher does not change the answer', async () => {
    failNext = true;
    const dispatched = nextDispatch();
    const response = await signedPost(secrets.org, userDeleted(42));
    expect(response.status).toBe(200);
    await dispatched;
    expect(received).toHaveLength(1);
  });
});

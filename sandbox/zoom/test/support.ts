/** What the Zoom stand-in's tests share: a started stand-in, a webhook receiver, OAuth and API calls. */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startZoomStandIn, type ZoomSeed, type ZoomStandIn } from '../index.js';
import { zoomSignatureHeader } from '../signing.js';

export const REDIRECT = 'http://127.0.0.1:3000/zoom/oauth/callback';
const VERIFIER = 'v'.repeat(50);
export const APPS = {
  org: { id: 'org-app', secret: 'org-secret', webhook: 'org-webhook-secret' },
  user: { id: 'user-app', secret: 'user-secret', webhook: 'user-webhook-secret' },
} as const;

export interface ReceivedEvent {
  event: string;
  event_ts: unknown;
  payload: Record<string, unknown>;
  /** The app whose webhook secret signed it (how each app tells its events apart), or undefined. */
  app: string | undefined;
  /** The raw body and headers, to check signatures. */
  raw: string;
  timestamp: string | undefined;
  signature: string | undefined;
}

export interface WebhookReceiver {
  url: string;
  events: ReceivedEvent[];
  /** `event` names, optionally only those `app` received. */
  names(app?: string): string[];
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const events: ReceivedEvent[] = [];
  const app = express();
  app.post('/hook', express.text({ type: () => true }), (req, res) => {
    const raw = String(req.body);
    const parsed = JSON.parse(raw) as { event: string; event_ts: unknown; payload: Record<string, unknown> };
    const timestamp = req.get('x-zm-request-timestamp');
    const signature = req.get('x-zm-signature');
    const signer = Object.values(APPS).find(
      (candidate) => zoomSignatureHeader(candidate.webhook, timestamp ?? '', raw) === signature,
    );
    events.push({ ...parsed, app: signer?.id, raw, timestamp, signature });
    res.json({});
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    events,
    names: (app) =>
      events.filter((entry) => app === undefined || entry.app === app).map((entry) => entry.event),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Harness {
  zoom: ZoomStandIn;
  hook: WebhookReceiver;
  /** Consent as `email` and exchange the code: the app's tokens. */
  authorize(app: keyof typeof APPS, email: string): Promise<{ access_token: string; refresh_token: string }>;
  api(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  control(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  authorizeUrl(app: keyof typeof APPS, extra?: Record<string, string>): string;
  stop(): Promise<void>;
}

export async function startHarness(options: { seed?: ZoomSeed; clock?: () => Date } = {}): Promise<Harness> {
  const hook = await startWebhookReceiver();
  const zoom = await startZoomStandIn({
    webhookTarget: hook.url,
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });

  const authorizeUrl = (app: keyof typeof APPS, extra: Record<string, string> = {}) => {
    const url = new URL(`${zoom.url}/oauth/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: APPS[app].id,
      redirect_uri: REDIRECT,
      state: 'st',
      code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
      code_challenge_method: 'S256',
      ...extra,
    }).toString();
    return url.toString();
  };

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${zoom.url}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  return {
    zoom,
    hook,
    authorizeUrl,
    control,
    async authorize(app, email) {
      const consent = zoom.control.consent(authorizeUrl(app), email);
      if (!('location' in consent)) throw new Error(`consent refused: ${consent.refused}`);
      const code = new URL(consent.location).searchParams.get('code') ?? '';
      const response = await fetch(`${zoom.url}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${APPS[app].id}:${APPS[app].secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT,
          code_verifier: VERIFIER,
        }),
      });
      if (response.status !== 200) throw new Error(`token exchange failed: ${response.status}`);
      return (await response.json()) as { access_token: string; refresh_token: string };
    },
    async api(token, method, path, body) {
      const response = await fetch(`${zoom.url}/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async stop() {
      await zoom.stop();
      await hook.stop();
    },
  };
}

/**
 * Hostile requests, generated: for every route, unsigned, badly signed, stale, future-dated,
 * replayed, malformed, oversized and wrong-method variants. Each probe says which statuses are
 * acceptable (4xx everywhere, except the public GETs of health and metrics).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { signZoomWebhook } from '../../../src/zoom/webhook-signature.js';

export interface Probe {
  route: string;
  kind: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** 2xx is legitimate (public health/metrics GETs). */
  publicOk?: boolean;
}

export interface ProbeContext {
  signingSecret: string;
  zoomWebhookSecrets: string[];
  /** A real approval token and personal link token (pending), used only on the wrong route or with junk. */
  approvalToken: string;
  /** A callback URL (path + query) and cookie that already completed once: replaying them must fail. */
  usedCallback: { path: string; cookie: string };
  now: () => number;
}

const MB = 1024 * 1024;

/** Deterministic pseudo-random so a failing probe can be found again. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function slackSign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

const JUNK = [
  '',
  '{',
  'null',
  '[]',
  '{"type":"event_callback"}',
  'payload=%7Bnot-json',
  'payload=',
  '\u0000\u0001\u0002',
  '<xml>hi</xml>',
  'a=1&a=2&a[]=3&__proto__[x]=1',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
  '%ZZ%',
  'command=%2Fzoom-meet&text=%00%00',
  '😀'.repeat(100),
  JSON.stringify({ type: 'url_verification', challenge: 'x'.repeat(10_000) }),
];

function commandBody(r: () => number): string {
  const params = new URLSearchParams({
    token: 'legacy',
    team_id: r() < 0.5 ? 'T_ACME' : 'T_OTHER',
    user_id: r() < 0.5 ? 'U_ALICE' : 'U_SLACKADMIN',
    command: ['/zoom-meet', '/zoom-connect', '/zoom-disconnect', '/zoom-settings', '/zoom-status'][
      Math.floor(r() * 5)
    ] as string,
    text: ['', 'org', 'users', '<script>alert(1)</script>', "'; db.dropDatabase(); '"][
      Math.floor(r() * 5)
    ] as string,
    channel_id: 'C_GENERAL',
    trigger_id: `${Math.floor(r() * 1e9)}.x`,
    response_url: 'http://127.0.0.1:1/evil',
  });
  return params.toString();
}

function interactivityBody(r: () => number): string {
  const payload = {
    type: r() < 0.5 ? 'block_actions' : 'view_submission',
    team: { id: 'T_ACME' },
    user: { id: 'U_ALICE', team_id: 'T_ACME' },
    actions: [{ action_id: 'disconnect_org', value: 'yes', type: 'button' }],
    view: {
      id: 'V1',
      callback_id: 'zoom_disconnect',
      private_metadata: '{"scope":"org"}',
      state: { values: {} },
    },
    trigger_id: '1.2',
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function eventBody(r: () => number): string {
  return JSON.stringify({
    type: 'event_callback',
    team_id: 'T_ACME',
    api_app_id: 'A1',
    event_id: `Ev${Math.floor(r() * 1e12)}`,
    event_time: 1,
    event:
      r() < 0.5
        ? { type: 'app_uninstalled' }
        : { type: 'user_change', user: { id: 'U_ALICE', is_admin: true } },
  });
}

function zoomEventBody(r: () => number, now: number): string {
  const events = [
    { event: 'app_deauthorized', payload: { account_id: 'acme', user_id: 'x', client_id: 'org-app' } },
    { event: 'user.deleted', payload: { account_id: 'acme', object: { id: 'x' } } },
    { event: 'endpoint.url_validation', payload: { plainToken: 'abc' } },
  ];
  const chosen = events[Math.floor(r() * events.length)] ?? events[0];
  return JSON.stringify({ ...chosen, event_ts: now });
}

export function generateProbes(context: ProbeContext, perRoute = 110): Probe[] {
  const probes: Probe[] = [];
  const r = rng(20261128);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
  const nowSeconds = () => Math.floor(context.now() / 1000);

  // Slack: commands, interactivity, events.
  const slackShapes: Array<[string, string, () => string]> = [
    ['slack:command', 'application/x-www-form-urlencoded', () => commandBody(r)],
    ['slack:interactivity', 'application/x-www-form-urlencoded', () => interactivityBody(r)],
    ['slack:event', 'application/json', () => eventBody(r)],
  ];
  for (const [route, contentType, make] of slackShapes) {
    for (let i = 0; i < perRoute; i += 1) {
      const body = make();
      const ts = nowSeconds();
      const variant = i % 10;
      const base = { route, method: 'POST', path: '/slack/events' };
      if (variant === 0)
        probes.push({ ...base, kind: 'unsigned', headers: { 'content-type': contentType }, body });
      else if (variant === 1)
        probes.push({
          ...base,
          kind: 'bad-signature',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': `v0=${randomBytes(32).toString('hex')}`,
          },
          body,
        });
      else if (variant === 2)
        probes.push({
          ...base,
          kind: 'stale',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(ts - 301 - Math.floor(r() * 86_400)),
            'x-slack-signature': slackSign(context.signingSecret, ts - 400, body),
          },
          body,
        });
      else if (variant === 3) {
        // A delivery captured earlier and sent again: its (valid) signature is for an old timestamp.
        const old = ts - 600 - Math.floor(r() * 3_600);
        probes.push({
          ...base,
          kind: 'replayed',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(old),
            'x-slack-signature': slackSign(context.signingSecret, old, body),
          },
          body,
        });
      } else if (variant === 4)
        probes.push({
          ...base,
          kind: 'future',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(ts + 900),
            'x-slack-signature': slackSign(context.signingSecret, ts + 900, body),
          },
          body,
        });
      else if (variant === 5)
        probes.push({
          ...base,
          kind: 'wrong-secret',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': slackSign('not-the-secret', ts, body),
          },
          body,
        });
      else if (variant === 6)
        probes.push({
          ...base,
          kind: 'malformed',
          headers: {
            'content-type': pick([
              'application/json',
              'application/x-www-form-urlencoded',
              'text/plain',
              'multipart/form-data; boundary=x',
            ]),
            'x-slack-request-timestamp': pick(['', 'abc', '-1', '1e309', String(ts)]),
            'x-slack-signature': pick(['', 'v0=', 'v1=abc', 'v0=zz', `v0=${'a'.repeat(64)}`]),
          },
          body: pick(JUNK),
        });
      else if (variant === 7)
        probes.push({
          ...base,
          kind: 'oversized',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': 'v0=00',
          },
          body: Buffer.alloc(MB + 1 + Math.floor(r() * 1000), 0x61),
        });
      else if (variant === 8)
        probes.push({ ...base, kind: 'wrong-method', method: pick(['GET', 'PUT', 'DELETE', 'PATCH']) });
      else
        probes.push({
          ...base,
          kind: 'signature-for-other-body',
          headers: {
            'content-type': contentType,
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': slackSign(context.signingSecret, ts, `${body}&tampered=1`),
          },
          body,
        });
    }
  }

  // Zoom webhooks.
  for (let i = 0; i < perRoute; i += 1) {
    const now = context.now();
    const body = zoomEventBody(r, now);
    const ts = String(Math.floor(now / 1000));
    const secret = pick(context.zoomWebhookSecrets);
    const base = { route: 'zoom:webhooks', method: 'POST', path: '/zoom/webhooks' };
    const json = { 'content-type': 'application/json' };
    const variant = i % 10;
    if (variant === 0) probes.push({ ...base, kind: 'unsigned', headers: json, body });
    else if (variant === 1)
      probes.push({
        ...base,
        kind: 'bad-signature',
        headers: {
          ...json,
          'x-zm-request-timestamp': ts,
          'x-zm-signature': `v0=${randomBytes(32).toString('hex')}`,
        },
        body,
      });
    else if (variant === 2) {
      const old = String(Math.floor(now / 1000) - 301 - Math.floor(r() * 86_400));
      probes.push({
        ...base,
        kind: 'stale',
        headers: {
          ...json,
          'x-zm-request-timestamp': old,
          'x-zm-signature': signZoomWebhook(secret, old, body),
        },
        body,
      });
    } else if (variant === 3) {
      const old = String(Math.floor(now / 1000) - 900);
      probes.push({
        ...base,
        kind: 'replayed',
        headers: {
          ...json,
          'x-zm-request-timestamp': old,
          'x-zm-signature': signZoomWebhook(secret, old, body),
        },
        body,
      });
    } else if (variant === 4)
      probes.push({
        ...base,
        kind: 'wrong-secret',
        headers: {
          ...json,
          'x-zm-request-timestamp': ts,
          'x-zm-signature': signZoomWebhook('guess', ts, body),
        },
        body,
      });
    else if (variant === 5) {
      // Signed with the real secret but not a Zoom event: refused as malformed, nothing applied.
      const junk = pick([
        '{',
        '[]',
        '"x"',
        '{"event":""}',
        '{"event":"user.deleted","payload":{}}',
        '{"event":"app_deauthorized","payload":{"account_id":1}}',
        '{"event":"endpoint.url_validation","payload":{}}',
      ]);
      probes.push({
        ...base,
        kind: 'malformed',
        headers: {
          ...json,
          'x-zm-request-timestamp': ts,
          'x-zm-signature': signZoomWebhook(secret, ts, junk),
        },
        body: junk,
      });
    } else if (variant === 6)
      probes.push({
        ...base,
        kind: 'oversized',
        headers: { ...json, 'x-zm-request-timestamp': ts, 'x-zm-signature': 'v0=00' },
        body: Buffer.alloc(MB + 1, 0x7b),
      });
    else if (variant === 7)
      probes.push({ ...base, kind: 'wrong-method', method: pick(['GET', 'PUT', 'DELETE']) });
    else if (variant === 8)
      probes.push({
        ...base,
        kind: 'malformed-headers',
        headers: {
          ...json,
          'x-zm-request-timestamp': pick(['', 'NaN', '1e999', '-5', 'x'.repeat(500)]),
          'x-zm-signature': pick(['', 'v0', 'v1=ab', `v0=${'0'.repeat(64)}`]),
        },
        body,
      });
    else probes.push({ ...base, kind: 'empty', headers: json, body: '' });
  }

  // OAuth callback.
  for (let i = 0; i < perRoute; i += 1) {
    const base = { route: 'zoom:oauth-callback', method: 'GET' };
    const state = randomBytes(Math.floor(r() * 40) + 1).toString('base64url');
    const variant = i % 8;
    if (variant === 0) probes.push({ ...base, kind: 'no-params', path: '/zoom/oauth/callback' });
    else if (variant === 1)
      probes.push({ ...base, kind: 'unknown-state', path: `/zoom/oauth/callback?state=${state}&code=abc` });
    else if (variant === 2)
      probes.push({
        ...base,
        kind: 'forged-cookie',
        path: `/zoom/oauth/callback?state=${state}&code=abc`,
        headers: { cookie: `zoc_oauth=${randomBytes(24).toString('base64url')}; zoc_bind=${state}` },
      });
    else if (variant === 3)
      probes.push({
        ...base,
        kind: 'replayed',
        path: context.usedCallback.path,
        headers: { cookie: context.usedCallback.cookie },
      });
    else if (variant === 4)
      probes.push({ ...base, kind: 'replayed-no-cookie', path: context.usedCallback.path });
    else if (variant === 5)
      probes.push({
        ...base,
        kind: 'malformed',
        path: `/zoom/oauth/callback?state[]=a&state[]=b&code[x]=1&error=${'e'.repeat(300)}`,
      });
    else if (variant === 6)
      probes.push({
        ...base,
        kind: 'oversized',
        path: `/zoom/oauth/callback?state=${'s'.repeat(4_000)}&code=${'c'.repeat(5_000)}`,
      });
    else
      probes.push({
        ...base,
        kind: 'wrong-method',
        method: 'POST',
        path: '/zoom/oauth/callback',
        body: 'state=x',
      });
  }

  // Approval and personal-connect links.
  for (const [route, prefix, wrongRouteToken] of [
    ['zoom:approve', '/zoom/approve/', undefined],
    ['zoom:connect', '/zoom/connect/', context.approvalToken],
  ] as const) {
    for (let i = 0; i < perRoute; i += 1) {
      const base = { route, method: 'GET' };
      const variant = i % 9;
      const random = randomBytes(32).toString('base64url');
      if (variant === 0) probes.push({ ...base, kind: 'unknown-token', path: `${prefix}${random}` });
      else if (variant === 1)
        probes.push({ ...base, kind: 'unknown-token-go', path: `${prefix}${random}?go=1` });
      else if (variant === 2)
        probes.push({
          ...base,
          kind: 'open-redirect',
          path: `${prefix}${random}?go=1&next=https://evil.test&redirect_uri=https://evil.test`,
        });
      else if (variant === 3)
        probes.push({
          ...base,
          kind: 'short-token',
          path: `${prefix}${random.slice(0, 1 + Math.floor(r() * 8))}`,
        });
      else if (variant === 4)
        probes.push({
          ...base,
          kind: 'oversized',
          path: `${prefix}${'A'.repeat(301 + Math.floor(r() * 3000))}`,
        });
      else if (variant === 5)
        probes.push({
          ...base,
          kind: 'traversal',
          path: `${prefix}${pick(['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fadmin', '%00'.repeat(12), `%E2%80%AE${random}`, '<script>alert(1)</script>'.replace(/[<>()]/g, encodeURIComponent)])}`,
        });
      else if (variant === 6)
        probes.push({
          ...base,
          kind: wrongRouteToken ? 'token-of-other-kind' : 'tampered-token',
          path: `${prefix}${wrongRouteToken ?? `${context.approvalToken.slice(0, -2)}xx`}`,
        });
      else if (variant === 7 && i % 2 === 0)
        probes.push({
          ...base,
          kind: 'wrong-method',
          method: pick(['PUT', 'DELETE', 'PATCH']),
          path: `${prefix}${random}`,
          body: 'go=1',
        });
      else if (variant === 7)
        // The live token pressed without the page's cookie: no CSRF, a made-up one, or none at all.
        probes.push({
          ...base,
          kind: 'post-without-page',
          method: 'POST',
          path: `${prefix}${context.approvalToken}`,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...(i % 3 === 0 ? { cookie: `zoc_page=${random}` } : {}),
          },
          body: pick(['', 'go=1', `csrf=${random}`, `csrf=${random}&csrf=${random}`]),
        });
      else
        probes.push({ ...base, kind: 'no-token', path: prefix.slice(0, -1) + pick(['/', '//', '/?go=1']) });
    }
  }

  // Result pages: only a reference signed by us shows anything.
  for (let i = 0; i < Math.ceil(perRoute / 3); i += 1) {
    const random = randomBytes(32).toString('base64url');
    const ref = pick([
      `T1.${randomBytes(12).toString('hex')}.${random.slice(0, 43)}`,
      `T1.${randomBytes(12).toString('hex')}`,
      `../../${random}`,
      random,
    ]);
    probes.push({ route: 'zoom:result', kind: 'forged-ref', method: 'GET', path: `/zoom/result/${ref}` });
  }

  // Health: public GETs; anything else is refused. Metrics are not served on the public port at all
  // (their own listener, METRICS_HOST:METRICS_PORT), so every probe of /metrics here must be a 4xx.
  for (const path of ['/healthz', '/readyz', '/metrics']) {
    const route = path.slice(1);
    const publicOk = path !== '/metrics';
    for (let i = 0; i < Math.ceil(perRoute / 2); i += 1) {
      const variant = i % 5;
      if (variant === 0) probes.push({ route, kind: 'get', method: 'GET', path, publicOk });
      else if (variant === 1)
        probes.push({
          route,
          kind: 'junk-query',
          method: 'GET',
          path: `${path}?${'x'.repeat(200)}=1&a[b]=c`,
          publicOk,
        });
      else if (variant === 2)
        probes.push({
          route,
          kind: 'wrong-method',
          method: pick(['POST', 'PUT', 'DELETE', 'PATCH']),
          path,
          body: '{}',
          headers: { 'content-type': 'application/json' },
        });
      else if (variant === 3)
        probes.push({
          route,
          kind: 'oversized',
          method: 'POST',
          path,
          body: Buffer.alloc(MB + 10, 0x61),
          headers: { 'content-type': 'application/json' },
        });
      else probes.push({ route, kind: 'head', method: 'HEAD', path, publicOk });
    }
  }

  // Unknown paths.
  const unknown = [
    '/',
    '/admin',
    '/.env',
    '/.git/config',
    '/slack/install',
    '/slack/oauth_redirect?code=x&state=y',
    '/zoom',
    '/zoom/webhooks/extra',
    '/api/v1/users',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/favicon.ico',
    '/zoom/oauth',
    '/metrics/../.env',
    '/slack/events/x',
    '/_sandbox/inbox',
  ];
  for (let i = 0; i < perRoute; i += 1) {
    probes.push({
      route: 'unknown',
      kind: i % 3 === 0 ? 'random-path' : 'probe-path',
      method: pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']),
      path:
        i % 3 === 0 ? `/${randomBytes(8).toString('hex')}/${randomBytes(4).toString('hex')}` : pick(unknown),
    });
  }
  return probes;
}

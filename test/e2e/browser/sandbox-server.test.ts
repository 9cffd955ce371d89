// The sandbox launcher and its UI server without a browser: what the page loads, the pass-through
// to the stand-ins' control APIs, clear 4xx answers to malformed requests, and the activity feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withDatabaseName } from '../../../sandbox/launcher/database.js';
import { type Sandbox, startSandbox } from '../../../sandbox/launcher/start.js';
import { uniqueDatabaseUri } from '../../support/database.js';

/** With MONGODB_URI (CI may set one), a database of its own so earlier runs leave nothing behind. */
const freshDatabase = (name: string) =>
  process.env.MONGODB_URI ? uniqueDatabaseUri(process.env.MONGODB_URI, name) : undefined;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    dataDir: null,
    env: { MONGODB_URI: freshDatabase('sandbox_server') },
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

const get = (path: string) => fetch(new URL(path, sandbox.url));
const json = async <S extends z.ZodType>(schema: S, response: Response | Promise<Response>) =>
  schema.parse(await (await response).json());
const configSchema = z.object({
  appUrl: z.string(),
  zoomApps: z.array(z.object({ kind: z.string() })),
  teams: z.array(z.string()),
  slackMode: z.string(),
});
const feedSchema = z.object({
  items: z.array(
    z.object({ seq: z.number(), kind: z.string(), user: z.string().nullable(), summary: z.string() }),
  ),
  last: z.number(),
});
const post = (path: string, body: unknown) =>
  fetch(new URL(path, sandbox.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('sandbox UI server', () => {
  it('serves the page, its modules and the UI libraries from node_modules', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('"preact": "/vendor/preact.js"');
    for (const path of ['/ui/app.js', '/ui/blockkit.js', '/ui/mrkdwn.js', '/ui/styles.css']) {
      expect((await get(path)).status, path).toBe(200);
    }
    const preact = await get('/vendor/preact.js');
    expect(preact.headers.get('content-type')).toMatch(/javascript/);
    expect(await preact.text()).toMatch(/export\s*\{/);
    expect((await get('/vendor/unknown.js')).status).toBe(404);
  });

  it('describes the sandbox: the app on loopback, both Zoom apps, every seeded team', async () => {
    const config = await json(configSchema, get('/ui-api/config'));
    expect(config.appUrl).toBe(sandbox.appUrl);
    expect(config.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(config.zoomApps.map((a) => a.kind).sort()).toEqual(['admin', 'user']);
    expect(config.teams).toEqual(
      config.slackMode === 'multi' ? ['T_ACME', 'T_OTHER', 'T_GLOBEX_EU', 'T_GLOBEX_US'] : ['T_ACME'],
    );
    const health = await fetch(`${sandbox.appUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('passes control calls through to the stand-ins and answers malformed ones with a 4xx', async () => {
    const workspace = await json(
      z.object({
        teams: z.array(z.object({ id: z.string(), users: z.array(z.object({ id: z.string() })) })),
      }),
      get('/slack-api/workspace'),
    );
    const acme = workspace.teams.find((t) => t.id === 'T_ACME');
    expect(acme?.users.map((u) => u.id)).toContain('U_ZOOMADMIN');
    const zoom = await json(
      z.object({ users: z.array(z.object({ email: z.string() })) }),
      get('/zoom-api/state'),
    );
    expect(zoom.users.map((u) => u.email)).toContain('zoom-admin@acme.test');

    const unknownUser = await post('/slack-api/command', { team: 'T_ACME', user: 'U_NOBODY', command: '/x' });
    expect(unknownUser.status).toBe(400);
    expect((await json(z.object({ error: z.string() }), unknownUser)).error).toBe('invalid_request');
    const notJson = await fetch(new URL('/slack-api/command', sandbox.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect((await get('/slack-api/..%2F..%2Fapi%2Fauth.test')).status).toBe(400);
    expect((await get('/ui-api/activity?since=-3')).status).toBe(400);
    expect((await get('/no-such-page')).status).toBe(404);
  });

  it('puts what a person does and the app calls it causes into one ordered activity feed', async () => {
    const answer = await post('/slack-api/command', {
      team: 'T_ACME',
      user: 'U_ALICE',
      command: '/zoom-status',
      text: '',
    });
    expect(answer.status).toBe(200);
    const feed = await json(feedSchema, get('/ui-api/activity?since=0'));
    const command = feed.items.find((i) => i.kind === 'command' && i.user === 'U_ALICE');
    expect(command?.summary).toContain('/zoom-status');
    const seqs = feed.items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const later = await json(feedSchema, get(`/ui-api/activity?since=${feed.last}`));
    expect(later.items.every((i) => i.seq > feed.last)).toBe(true);
  });
});

describe('sandbox UI server: who may drive it', () => {
  it('refuses writes that are not JSON and hosts that are not loopback', async () => {
    const form = await fetch(new URL('/slack-api/command', sandbox.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ team: 'T_ACME', user: 'U_ALICE', command: '/zoom-status' }),
    });
    expect(form.status).toBe(415);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL('/ui-api/config', sandbox.url),
        { headers: { host: 'evil.example:3300' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('withDatabaseName', () => {
  it('adds a database name only where the connection string names none', () => {
    expect(withDatabaseName('mongodb://127.0.0.1:1234/', 'x')).toBe('mongodb://127.0.0.1:1234/x');
    expect(withDatabaseName('mongodb://h:1/?replicaSet=r', 'x')).toBe('mongodb://h:1/x?replicaSet=r');
    expect(withDatabaseName('mongodb://h:1/mine?w=1', 'x')).toBe('mongodb://h:1/mine?w=1');
    expect(() => withDatabaseName('postgres://h', 'x')).toThrow(/MongoDB/);
  });
});

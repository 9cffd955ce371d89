/** The two request guards of src/http/security.ts, on a bare server (no app around them). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWhenBodyUnread, refuseSlackClockSkew } from '../../../src/http/security.js';

let server: Server;
let url: string;
/** The guard's clock, fixed: the window is tested at its exact edges, with no race against a real clock. */
const NOW_MS = 1_800_000_000_000;
const now = NOW_MS / 1000;

beforeAll(async () => {
  server = createServer((req, res) => {
    closeWhenBodyUnread(req, res);
    if (refuseSlackClockSkew(req, res, NOW_MS)) return;
    // Answers without reading the body, as a body-limit refusal does.
    res.statusCode = req.url === '/big' ? 413 : 200;
    res.end('done');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, headers: Record<string, string>, body = '{}') =>
  fetch(`${url}${path}`, { method: 'POST', headers, body });

describe('Slack timestamp window', () => {
  it('refuses Slack requests more than 5 minutes in the future or past', async () => {
    for (const offset of [301, 3_600, -301, -86_400]) {
      const response = await post('/slack/events', { 'x-slack-request-timestamp': String(now + offset) });
      expect(response.status, String(offset)).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'stale_request' });
    }
  });
  it('leaves in-window, malformed (Bolt refuses those) and non-Slack requests alone', async () => {
    for (const value of [String(now), String(now + 200), String(now + 300), String(now - 300), 'abc', '']) {
      expect((await post('/slack/events', { 'x-slack-request-timestamp': value })).status, value).toBe(200);
    }
    expect((await post('/zoom/webhooks', { 'x-slack-request-timestamp': String(now + 3_600) })).status).toBe(
      200,
    );
  });
});

describe('unread bodies', () => {
  it('a refusal sent before a large body was read closes the connection', async () => {
    const response = await post('/big', { 'content-type': 'application/json' }, 'a'.repeat(2 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    // The next request (a new connection) is answered normally.
    expect((await fetch(`${url}/ok`)).status).toBe(200);
  });
  it('requests without a body keep their connection', async () => {
    const response = await fetch(`${url}/ok`);
    expect(response.headers.get('connection')).toBe('keep-alive');
  });
});

// The recording proxy between the app and a stand-in: bodies and headers pass through untouched,
// the record keeps method, path (no query: it may carry codes), status and Slack/Zoom errors.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProxiedCall, startRecordingProxy } from '../../../sandbox/ui/recording-proxy.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function upstream(): Promise<string> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url?.startsWith('/api/chat.postMessage')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'not_in_channel' }));
      } else if (req.url?.startsWith('/v2/users/')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 1001, message: 'User does not exist' }));
      } else if (req.url?.startsWith('/redirect')) {
        res.writeHead(302, { location: 'http://127.0.0.1:1/callback?code=abc' });
        res.end();
      } else {
        // Chunked on purpose: the proxy must answer with a plain length.
        res.writeHead(201, { 'content-type': 'text/plain', 'x-echo': req.headers.authorization ?? '' });
        res.write(`${req.method} `);
        res.end(body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('recording proxy', () => {
  it('passes requests through and records only what is safe to show', async () => {
    const calls: ProxiedCall[] = [];
    const proxy = await startRecordingProxy({
      target: await upstream(),
      onCall: (call) => calls.push(call),
      logger: pino({ level: 'silent' }),
    });
    closers.push(proxy.stop);

    const echoed = await fetch(`${proxy.url}/oauth/token?code=secret-code`, {
      method: 'POST',
      headers: { authorization: 'Basic abc', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=secret-code',
    });
    expect(echoed.status).toBe(201);
    expect(echoed.headers.get('x-echo')).toBe('Basic abc');
    expect(await echoed.text()).toBe('POST grant_type=authorization_code&code=secret-code');

    const slack = await fetch(`${proxy.url}/api/chat.postMessage`, { method: 'POST', body: '{}' });
    expect(await slack.json()).toEqual({ ok: false, error: 'not_in_channel' });
    const zoom = await fetch(`${proxy.url}/v2/users/nobody@acme.test`);
    expect(zoom.status).toBe(404);
    const redirect = await fetch(`${proxy.url}/redirect`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('http://127.0.0.1:1/callback?code=abc');

    expect(calls.map((c) => [c.method, c.path, c.status, c.error])).toEqual([
      ['POST', '/oauth/token', 201, undefined],
      ['POST', '/api/chat.postMessage', 200, 'not_in_channel'],
      ['GET', '/v2/users/nobody@acme.test', 404, 'User does not exist'],
      ['GET', '/redirect', 302, undefined],
    ]);
    expect(JSON.stringify(calls)).not.toContain('secret-code');
  });

  it('can rewrite a JSON answer, and takes a free port when the preferred one is taken', async () => {
    const target = await upstream();
    const first = await startRecordingProxy({
      target,
      onCall: () => undefined,
      logger: pino({ level: 'silent' }),
    });
    closers.push(first.stop);
    const taken = Number(new URL(first.url).port);
    const proxy = await startRecordingProxy({
      target,
      port: taken,
      onCall: () => undefined,
      logger: pino({ level: 'silent' }),
      rewriteJson: (path, json) => (path === '/api/chat.postMessage' ? { ...json, rewritten: true } : json),
    });
    closers.push(proxy.stop);
    expect(proxy.url).not.toBe(first.url);
    const answer = await fetch(`${proxy.url}/api/chat.postMessage`, { method: 'POST', body: '{}' });
    expect(await answer.json()).toEqual({ ok: false, error: 'not_in_channel', rewritten: true });
  });

  it('answers 502 and records the failure when the stand-in is gone', async () => {
    const target = await upstream();
    const calls: ProxiedCall[] = [];
    const proxy = await startRecordingProxy({
      target,
      onCall: (c) => calls.push(c),
      logger: pino({ level: 'silent' }),
    });
    closers.push(proxy.stop);
    const stopUpstream = closers.shift();
    await stopUpstream?.();
    const answer = await fetch(`${proxy.url}/v2/users/me`);
    expect(answer.status).toBe(502);
    expect(await answer.json()).toEqual({ error: 'bad_gateway' });
    expect(calls[0]?.status).toBe(502);
  });
});

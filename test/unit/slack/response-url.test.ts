// Command replies are POSTed as JSON to their response_url; a refusal is an error, like Bolt's respond().
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseUrlClient, ResponseUrlError } from '../../../src/slack/response-url.js';

const received: Array<{ path: string; type: string | undefined; body: unknown }> = [];
const server = createServer((req: IncomingMessage, res) => {
  let raw = '';
  req.on('data', (chunk) => {
    raw += String(chunk);
  });
  req.on('end', () => {
    received.push({ path: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(raw) });
    res.statusCode = req.url === '/expired' ? 404 : 200;
    res.end(req.url === '/expired' ? 'expired_url' : 'ok');
  });
});
let base = '';
const client = createResponseUrlClient({ timeoutMs: 2_000 });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('response_url client', () => {
  it('posts the message as JSON, reusing the connection', async () => {
    const message = { response_type: 'ephemeral', text: 'Using: personal', blocks: [{ type: 'divider' }] };
    await client.post(`${base}/response/a`, message);
    await client.post(`${base}/response/b`, { text: 'again' });
    expect(received.slice(-2)).toEqual([
      { path: '/response/a', type: 'application/json', body: message },
      { path: '/response/b', type: 'application/json', body: { text: 'again' } },
    ]);
  });

  it('rejects with the status when Slack refuses the reply', async () => {
    const refused = client.post(`${base}/expired`, { text: 'late' });
    await expect(refused).rejects.toBeInstanceOf(ResponseUrlError);
    await expect(refused).rejects.toMatchObject({ status: 404 });
  });
});

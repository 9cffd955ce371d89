// The stand-in's signer against Slack's own worked example, and Bolt (the product's verifier)
// accepting what the stand-in really sends.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../index.js';
import { signatureBaseString, signRequest, startSlackStandIn } from '../index.js';

// docs.slack.dev/authentication/verifying-requests-from-slack, "Validating a request".
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TIMESTAMP = 1531420618;
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
  '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe("Slack's documented example", () => {
  it('builds the base string v0:{timestamp}:{body}', () => {
    expect(signatureBaseString(DOC_TIMESTAMP, DOC_BODY)).toBe(`v0:1531420618:${DOC_BODY}`);
  });

  it('signs it to the documented signature', () => {
    expect(signRequest(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY)).toBe(DOC_SIGNATURE);
    expect(signRequest(DOC_SECRET, String(DOC_TIMESTAMP), DOC_BODY)).toBe(DOC_SIGNATURE);
  });

  it('changes with any byte of the body, the timestamp or the secret', () => {
    expect(signRequest(DOC_SECRET, DOC_TIMESTAMP, `${DOC_BODY} `)).not.toBe(DOC_SIGNATURE);
    expect(signRequest(DOC_SECRET, DOC_TIMESTAMP + 1, DOC_BODY)).not.toBe(DOC_SIGNATURE);
    expect(signRequest(`${DOC_SECRET}x`, DOC_TIMESTAMP, DOC_BODY)).not.toBe(DOC_SIGNATURE);
  });

  it("is accepted by Bolt's verifier at the documented time", () => {
    const verdict = isValidSlackRequest({
      signingSecret: DOC_SECRET,
      body: DOC_BODY,
      headers: { 'x-slack-signature': DOC_SIGNATURE, 'x-slack-request-timestamp': DOC_TIMESTAMP },
      nowMilliseconds: DOC_TIMESTAMP * 1000,
    });
    expect(verdict).toBe(true);
  });
});

describe('what the stand-in sends', () => {
  let standIn: SlackStandIn | undefined;
  let server: ReturnType<typeof createServer> | undefined;
  afterEach(async () => {
    await standIn?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("passes Bolt's verifier for commands (form) and events (JSON), and fails with another secret", async () => {
    const seen: { body: string; signature: string; timestamp: string }[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({
          body,
          signature: String(req.headers['x-slack-signature']),
          timestamp: String(req.headers['x-slack-request-timestamp']),
        });
        res.writeHead(200, { connection: 'close' }).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const secret = 'stand-in-secret';
    standIn = await startSlackStandIn({
      signingSecret: secret,
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      settleQuietMs: 0,
    });
    await standIn.user('T_ACME', 'U_ALICE').command('/zoom-status', 'a & b = c');
    await standIn.sendEvent('T_ACME', { type: 'app_home_opened', user: 'U_ALICE' });
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      const headers = {
        'x-slack-signature': request.signature,
        'x-slack-request-timestamp': Number(request.timestamp),
      };
      const at = Number(request.timestamp) * 1000;
      expect(
        isValidSlackRequest({ signingSecret: secret, body: request.body, headers, nowMilliseconds: at }),
      ).toBe(true);
      expect(
        isValidSlackRequest({ signingSecret: 'other', body: request.body, headers, nowMilliseconds: at }),
      ).toBe(false);
    }
  });
});

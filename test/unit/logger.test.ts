import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, destination };
}

const SECRETS = {
  bot: 'xoxb-1111-2222-abcdefabcdef',
  app: 'xapp-1-A111-222-abcdef',
  clientSecret: 'zoom-client-secret-0987',
  signingSecret: 'slack-signing-secret-1234',
  encryptionKey: Buffer.alloc(32, 3).toString('base64'),
  access: 'eyJhbGciOiJIUzUxMiJ9.eyJ2ZXIiOjcsImF1aWQiOiJhYmMifQ.c2lnbmF0dXJlLXBhcnQ',
  refresh: 'refresh-token-value-5555',
};

describe('logger redaction', () => {
  it('removes secrets from nested objects, arrays, errors, headers and messages', () => {
    const { lines, destination } = capture();
    const logger = createLogger({
      level: 'debug',
      destination,
      secrets: [SECRETS.signingSecret, SECRETS.encryptionKey],
    });
    logger.info(
      {
        installation: { bot: { token: SECRETS.bot, userId: 'U1' } },
        request: { headers: { Authorization: `Bearer ${SECRETS.access}`, 'content-type': 'json' } },
        tokens: [{ access_token: SECRETS.access, refresh_token: SECRETS.refresh }],
        zoom: { client_secret: SECRETS.clientSecret },
        note: `the app token is ${SECRETS.app}`,
        config: { anything: SECRETS.signingSecret, keys: [SECRETS.encryptionKey] },
        url: `https://example.test/cb?code=abcdef123&state=T1.xyz`,
      },
      `calling Zoom with Basic ${Buffer.from('id:secret').toString('base64')}`,
    );
    const error = Object.assign(new Error(`refresh failed for ${SECRETS.bot}`), {
      refreshToken: SECRETS.refresh,
    });
    logger.error({ err: error }, 'boom');
    logger.warn(`leaked ${SECRETS.signingSecret} in a message`);

    const output = lines.join('');
    for (const secret of Object.values(SECRETS)) expect(output).not.toContain(secret);
    expect(output).not.toContain('abcdef123');
    expect(output).not.toContain(Buffer.from('id:secret').toString('base64'));
    expect(output).toContain(REDACTED);
    // Non-secret context survives.
    expect(output).toContain('"userId":"U1"');
    expect(output).toContain('"content-type":"json"');
    expect(output).toContain('refresh failed for');
    expect(lines).toHaveLength(3);
  });
});

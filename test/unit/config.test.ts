import { describe, expect, it } from 'vitest';
import { ConfigError, inferSlackMode, loadConfig, secretValues } from '../../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const zoomAndBase = {
  ZOOM_ORG_CLIENT_ID: 'org-app',
  ZOOM_ORG_CLIENT_SECRET: 'org-secret-value',
  ZOOM_ORG_WEBHOOK_SECRET: 'org-webhook-secret',
  ZOOM_USER_CLIENT_ID: 'user-app',
  ZOOM_USER_CLIENT_SECRET: 'user-secret-value',
  ZOOM_USER_WEBHOOK_SECRET: 'user-webhook-secret',
  PUBLIC_URL: 'https://zoom-connect.example.com/',
  TOKEN_ENCRYPTION_KEYS: `k1:${KEY}`,
};
const single = { ...zoomAndBase, SLACK_SIGNING_SECRET: 'signing-secret', SLACK_BOT_TOKEN: 'xoxb-123-abc' };

function problemsOf(source: Record<string, string | undefined>, sandbox = false): ConfigError {
  try {
    loadConfig(source, { sandbox });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads a complete single-workspace config with defaults', () => {
    const config = loadConfig(single);
    expect(config.slack).toEqual({
      mode: 'single',
      signingSecret: 'signing-secret',
      botToken: 'xoxb-123-abc',
      apiUrl: 'https://slack.com/api/',
    });
    expect(config.publicUrl).toBe('https://zoom-connect.example.com');
    expect(config.zoom.oauthUrl).toBe('https://zoom.us');
    expect(config.zoom.apiUrl).toBe('https://api.zoom.us/v2');
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.mongodbUri).toBeUndefined();
    expect(config.encryptionKeys).toHaveLength(1);
    expect(config.encryptionKeys[0]?.id).toBe('k1');
    expect(config.encryptionKeys[0]?.key.length).toBe(32);
  });

  it('names every missing variable on its own line, with the inferred mode, for an empty environment', () => {
    const error = problemsOf({});
    expect(error.mode).toBe('single');
    const lines = error.message.split('\n');
    expect(lines[0]).toContain('single workspace over HTTP');
    for (const name of [
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
      'ZOOM_ORG_CLIENT_ID',
      'ZOOM_ORG_CLIENT_SECRET',
      'ZOOM_ORG_WEBHOOK_SECRET',
      'ZOOM_USER_CLIENT_ID',
      'ZOOM_USER_CLIENT_SECRET',
      'ZOOM_USER_WEBHOOK_SECRET',
      'PUBLIC_URL',
      'TOKEN_ENCRYPTION_KEYS',
    ]) {
      expect(lines.filter((l) => l.includes(`${name}: missing`))).toHaveLength(1);
    }
    expect(error.message).toContain('npm run sandbox');
  });

  it('reports malformed values without echoing secrets', () => {
    const error = problemsOf({
      ...single,
      SLACK_BOT_TOKEN: 'not-a-bot-token',
      PUBLIC_URL: 'ftp://nope',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      MONGODB_URI: 'postgres://x',
      TOKEN_ENCRYPTION_KEYS: 'k1:c2hvcnQ=',
    });
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SLACK_BOT_TOKEN: malformed/),
        expect.stringMatching(/^PUBLIC_URL: malformed/),
        expect.stringMatching(/^PORT: malformed/),
        expect.stringMatching(/^LOG_LEVEL: malformed/),
        expect.stringMatching(/^MONGODB_URI: malformed/),
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEYS: malformed: key "k1" must be 32 bytes/),
      ]),
    );
    expect(error.problems).toHaveLength(6);
    expect(error.message).not.toContain('not-a-bot-token');
    expect(error.message).not.toContain('c2hvcnQ=');
  });

  it('rejects duplicate key ids and keeps key order (first encrypts)', () => {
    const other = Buffer.alloc(32, 9).toString('base64');
    expect(problemsOf({ ...single, TOKEN_ENCRYPTION_KEYS: `a:${KEY},a:${other}` }).message).toContain(
      'appears twice',
    );
    const config = loadConfig({ ...single, TOKEN_ENCRYPTION_KEYS: `new:${other}, old:${KEY}` });
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['new', 'old']);
  });

  it('infers Socket Mode from SLACK_APP_TOKEN and does not need a signing secret there', () => {
    const source = { ...zoomAndBase, SLACK_APP_TOKEN: 'xapp-1-abc', SLACK_BOT_TOKEN: 'xoxb-1' };
    expect(inferSlackMode(source)).toBe('socket');
    const config = loadConfig(source);
    expect(config.slack.mode).toBe('socket');
    const error = problemsOf({ ...zoomAndBase, SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(error.message).toContain('Socket Mode');
    expect(error.problems).toEqual(['SLACK_BOT_TOKEN: missing']);
  });

  it('infers multi-workspace from client credentials and requires the state secret', () => {
    const source = { ...zoomAndBase, SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'client-secret' };
    const error = problemsOf(source);
    expect(error.mode).toBe('multi');
    expect(error.problems).toEqual(['SLACK_SIGNING_SECRET: missing', 'SLACK_STATE_SECRET: missing']);
    const config = loadConfig({
      ...source,
      SLACK_SIGNING_SECRET: 's',
      SLACK_STATE_SECRET: 'a-long-state-secret',
    });
    expect(config.slack.mode).toBe('multi');
  });

  it('treats empty strings as unset and allows missing keys only in the sandbox', () => {
    expect(problemsOf({ ...single, TOKEN_ENCRYPTION_KEYS: '  ' }).problems).toEqual([
      'TOKEN_ENCRYPTION_KEYS: missing',
    ]);
    const config = loadConfig({ ...single, TOKEN_ENCRYPTION_KEYS: undefined }, { sandbox: true });
    expect(config.encryptionKeys).toEqual([]);
  });

  it('lists the configured secrets for the logger', () => {
    const values = secretValues(loadConfig(single));
    expect(values).toEqual(
      expect.arrayContaining([
        'signing-secret',
        'xoxb-123-abc',
        'org-secret-value',
        'user-webhook-secret',
        KEY,
      ]),
    );
  });
});

// `npm run sandbox:slack` stopped the way a driver stops what it spawned: SIGTERM to npm only.
import { describe, expect, it } from 'vitest';
import { stopNpmScriptWithSigterm } from '../../shared/npm-script.js';

describe('npm run sandbox:slack', () => {
  it('stops when npm gets SIGTERM (no orphan keeps the port)', async () => {
    const result = await stopNpmScriptWithSigterm(
      'sandbox:slack',
      ['--port', '0', '--app-url', 'http://127.0.0.1:9/slack/events', '--signing-secret', 'cli-npm-secret'],
      /^ready (http:\/\/127\.0\.0\.1:\d+)\/api\/$/,
    );
    expect(result).toMatchObject({ allExited: true, portRefuses: true });
  }, 30_000);
});

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('main with an empty environment', () => {
  it('exits non-zero naming the missing variables, without a stack trace, pointing to the sandbox', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('mode inferred: single workspace over HTTP');
    for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'PUBLIC_URL', 'TOKEN_ENCRYPTION_KEYS']) {
      expect(result.stderr).toContain(`${name}: missing`);
    }
    expect(result.stderr).toContain('npm run sandbox');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack frames
    expect(result.stdout).toBe('');
  });
});

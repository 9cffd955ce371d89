// `npm run sandbox:slack` stopped the way a driver stops what it spawned: SIGTERM to npm only.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

async function answers(apiUrl: string): Promise<boolean> {
  try {
    await fetch(`${apiUrl}auth.test`, { method: 'POST', signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

describe('npm run sandbox:slack', () => {
  it('stops when npm gets SIGTERM (no orphan keeps the port)', async () => {
    const npm = spawn(
      'npm',
      [
        'run',
        'sandbox:slack',
        '--',
        '--port',
        '0',
        '--app-url',
        'http://127.0.0.1:9/slack/events',
        '--signing-secret',
        'cli-npm-secret',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    try {
      let stdout = '';
      npm.stdout.setEncoding('utf8');
      const apiUrl = await new Promise<string>((resolve, reject) => {
        npm.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          const line = /^ready (http:\/\/127\.0\.0\.1:\d+\/api\/)$/m.exec(stdout);
          if (line?.[1]) resolve(line[1]);
        });
        npm.once('exit', (code) => reject(new Error(`npm exited early with ${code}`)));
      });
      expect(await answers(apiUrl)).toBe(true);
      npm.kill('SIGTERM');
      const deadline = Date.now() + 10_000;
      while ((await answers(apiUrl)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await answers(apiUrl)).toBe(false);
    } finally {
      try {
        if (npm.pid !== undefined) process.kill(-npm.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, 30_000);
});

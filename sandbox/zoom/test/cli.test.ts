import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stopNpmScriptWithSigterm } from '../../shared/npm-script.js';

async function exitOf(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/zoom/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('npm run sandbox:zoom', () => {
  it('prints exactly one line "ready <url>", serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/zoom/cli.ts', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const line = /^ready (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (line?.[1]) resolve(line[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const url = await ready;
    const response = await fetch(`${url}/_sandbox/state`);
    expect(response.status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(stdout).toBe(`ready ${url}\n`);
  });

  it('fails with a message for a bad seed file', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sandbox/zoom/cli.ts', '--seed', '/nonexistent.json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toMatch(/Cannot read Zoom seed file/);
  });

  it('refuses a seed with a misspelt key or a duplicate, before printing ready', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoom-cli-seed-'));
    const typo = join(dir, 'typo.json');
    await writeFile(typo, JSON.stringify({ userz: [{ email: 'a@x.test' }] }));
    const duplicate = join(dir, 'duplicate.json');
    await writeFile(duplicate, JSON.stringify({ users: [{ email: 'a@x.test' }, { email: 'A@x.test' }] }));
    for (const [file, message] of [
      [typo, /Invalid Zoom seed.*userz/s],
      [duplicate, /duplicate email/],
    ] as const) {
      const { code, stdout, stderr } = await exitOf(['--port', '0', '--seed', file]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    }
  });

  it('started by npm run, it stops when npm gets SIGTERM (no orphan keeps the port)', async () => {
    const result = await stopNpmScriptWithSigterm(
      'sandbox:zoom',
      ['--port', '0'],
      /^ready (http:\/\/127\.0\.0\.1:\d+)$/,
    );
    expect(result).toMatchObject({ allExited: true, portRefuses: true });
  });
});

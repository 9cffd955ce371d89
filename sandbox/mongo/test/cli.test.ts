// `npm run sandbox:mongo` entry: one `ready <uri>` line on stdout, a usable server, clean stop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { stopNpmScriptWithSigterm } from '../../shared/npm-script.js';

describe('sandbox:mongo CLI', () => {
  it('prints exactly one ready line, serves the driver and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/mongo/cli.ts', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (line) => lines.push(line));
    const [first] = (await once(rl, 'line')) as [string];
    const match = /^ready (mongodb:\/\/127\.0\.0\.1:\d+\/)$/.exec(first);
    expect(match).not.toBeNull();
    const client = await new MongoClient(match?.[1] ?? '').connect();
    await client.db('cli').collection('c').insertOne({ a: 1 });
    expect(await client.db('cli').collection('c').countDocuments()).toBe(1);
    await client.close();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(lines).toEqual([first]);
  });

  it('does not outlive `npm run` when only the npm process gets SIGTERM', async () => {
    const result = await stopNpmScriptWithSigterm(
      'sandbox:mongo',
      ['--port', '0'],
      /^ready (mongodb:\/\/\S+)$/,
    );
    expect(result).toMatchObject({ allExited: true, portRefuses: true });
  });

  it('rejects a malformed port with a message and a non-zero exit', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/mongo/cli.ts', '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).not.toBe(0);
    expect(stderr).toContain('port');
  });
});

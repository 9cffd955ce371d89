// `npm run sandbox:mongo` entry: one `ready <uri>` line on stdout, a usable server, clean stop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';

describe('sandbox:mongo CLI', () => {
  it('prints exactly one ready line, serves the driver and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/mongo/cli.ts', '--port', '0'], {
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
    // npm passes SIGTERM to its `sh -c` only, and the shell exits without passing it on to tsx.
    const child = spawn('npm', ['run', 'sandbox:mongo', '--', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      const rl = createInterface({ input: child.stdout });
      let uri: string | undefined;
      for await (const line of rl) {
        uri = /^ready (mongodb:\/\/\S+)$/.exec(line)?.[1];
        if (uri) break;
      }
      const port = Number(new URL(uri ?? '').port);
      // 'close' only comes once every process holding the stdout pipe has exited.
      const closed = once(child.stdout, 'close');
      child.stdout.resume();
      child.kill('SIGTERM');
      const gone = await Promise.race([closed.then(() => true), delay(15_000).then(() => false)]);
      expect(gone).toBe(true);
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    } finally {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the whole group is already gone
      }
    }
  });

  it('rejects a malformed port with a message and a non-zero exit', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/mongo/cli.ts', '--port', 'abc'], {
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

/**
 * Starts `npm run <script> -- <args>` as a driver would, waits for its `ready <url>` line, then
 * sends SIGTERM to the npm process only (what `child.kill()` does). npm passes it to its `sh -c`,
 * and, with the scripts written `exec node …`, straight to the server (no shell in between).
 * Resolves with whether every process holding npm's stdout exited, and whether the port then refuses.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';

export async function stopNpmScriptWithSigterm(
  script: string,
  args: string[],
  /** The ready line; its first group is the URL the server listens on. */
  ready: RegExp,
): Promise<{ url: string; allExited: boolean; portRefuses: boolean }> {
  const child = spawn('npm', ['run', script, '--', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    let url: string | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      url = ready.exec(line)?.[1];
      if (url) break;
    }
    if (!url) throw new Error(`npm run ${script} ended without a ready line`);
    const port = Number(new URL(url).port);
    // 'close' only comes once every process holding the stdout pipe has exited.
    const closed = once(child.stdout, 'close');
    child.stdout.resume();
    child.kill('SIGTERM');
    const allExited = await Promise.race([closed.then(() => true), delay(15_000).then(() => false)]);
    const portRefuses = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    return { url, allExited, portRefuses };
  } finally {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the whole group is already gone
    }
  }
}

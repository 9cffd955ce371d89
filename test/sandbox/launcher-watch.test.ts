/** The CLI's launcher watch: `npm run sandbox:zoom` stopped through npm must not leave the stand-in running. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  captureLauncherChain,
  launcherChain,
  type ProcReader,
  parentPidOf,
  watchLauncher,
} from '../../src/sandbox/launcher-watch.js';

/** A fake /proc: pid → [ppid, cmdline]. */
function procOf(table: Map<number, [number, string]>): ProcReader {
  return (pid, file) => {
    const entry = table.get(pid);
    if (!entry) return undefined;
    return file === 'stat' ? `${pid} (some (odd) name) S ${entry[0]} 1 1 0` : entry[1];
  };
}

// As observed: npm (title "npm run …") → sh -c → tsx → node (the stand-in, pid 40).
function npmChain(): Map<number, [number, string]> {
  return new Map<number, [number, string]>([
    [10, [5, 'npm run sandbox:zoom --port 0\0\0\0']],
    [20, [10, 'sh\0-c\0tsx src/sandbox/zoom/cli.ts --port 0\0']],
    [30, [20, 'node\0/repo/node_modules/.bin/tsx\0src/sandbox/zoom/cli.ts\0']],
    [40, [30, 'node\0--require\0preflight.cjs\0src/sandbox/zoom/cli.ts\0']],
  ]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('launcher watch', () => {
  it('reads the parent pid even when the command name holds spaces and parentheses', () => {
    expect(parentPidOf(20, procOf(npmChain()))).toBe(10);
    expect(parentPidOf(99, procOf(npmChain()))).toBeUndefined();
  });

  it('watches the processes between the stand-in and npm, not npm itself', () => {
    const chain = launcherChain({ pid: 40, ppid: 30 }, procOf(npmChain()));
    expect(chain).toEqual([
      { pid: 40, ppid: 30 },
      { pid: 30, ppid: 20 },
      { pid: 20, ppid: 10 },
    ]);
    const viaNpmCli = npmChain();
    viaNpmCli.set(10, [5, 'node\0/usr/lib/node_modules/npm/bin/npm-cli.js\0run\0sandbox:zoom\0']);
    expect(launcherChain({ pid: 40, ppid: 30 }, procOf(viaNpmCli))).toHaveLength(3);
  });

  it('captures nothing unless started by `npm run` of the script named', () => {
    vi.stubEnv('npm_lifecycle_event', 'sandbox:slack');
    const everyoneIsNpm: ProcReader = (_pid, file) => (file === 'cmdline' ? 'npm\0run\0' : '1 (npm) S 0');
    expect(captureLauncherChain('sandbox:zoom', everyoneIsNpm)).toEqual([]);
    expect(captureLauncherChain('sandbox:slack', everyoneIsNpm)).toEqual([
      { pid: process.pid, ppid: process.ppid },
    ]);
    vi.unstubAllEnvs();
  });

  it('watches nothing without an npm ancestor (or without /proc)', () => {
    const table = npmChain();
    table.set(10, [1, 'bash\0']);
    expect(launcherChain({ pid: 40, ppid: 30 }, procOf(table))).toEqual([]);
    expect(launcherChain({ pid: 40, ppid: 30 }, () => undefined)).toEqual([]);
  });

  it('calls onGone once when npm dies and sh goes with it (tsx re-parented), or when npm is killed alone', () => {
    vi.useFakeTimers();
    for (const vanish of [
      (table: Map<number, [number, string]>) => {
        table.delete(10);
        table.delete(20);
        table.set(30, [1, 'node\0tsx\0']);
      },
      (table: Map<number, [number, string]>) => {
        table.delete(10);
        table.set(20, [1, 'sh\0']);
      },
    ]) {
      const table = npmChain();
      const onGone = vi.fn();
      const stop = watchLauncher({
        onGone,
        read: procOf(table),
        self: () => ({ pid: 40, ppid: 30 }),
        intervalMs: 100,
      });
      vi.advanceTimersByTime(500);
      expect(onGone).not.toHaveBeenCalled();
      vanish(table);
      vi.advanceTimersByTime(500);
      expect(onGone).toHaveBeenCalledTimes(1);
      stop();
    }
  });

  it('notices its own re-parenting (tsx killed)', () => {
    vi.useFakeTimers();
    let ppid = 30;
    const onGone = vi.fn();
    watchLauncher({ onGone, read: procOf(npmChain()), self: () => ({ pid: 40, ppid }), intervalMs: 100 });
    vi.advanceTimersByTime(300);
    ppid = 1;
    vi.advanceTimersByTime(300);
    expect(onGone).toHaveBeenCalledTimes(1);
  });
});

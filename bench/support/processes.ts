/**
 * Child processes for the benchmarks: each service (app, bare Bolt app, stand-ins, database
 * emulator) runs in its own Node process on loopback, started through tsx, and announces itself with
 * one stdout line `ready <detail>`. Everything else it prints is drained and kept as a short tail
 * for error messages.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ChildService {
  name: string;
  pid: number;
  /** What followed `ready ` on the announcement line. */
  detail: string;
  child: ChildProcess;
  /** The last lines the process printed (stdout and stderr), for diagnostics. */
  tail(): string[];
  /** Resolves with the rest of the next stdout line that starts with `prefix`. */
  waitForLine(prefix: string, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

const TAIL_LINES = 30;

/** Environment for children: only what Node needs plus what we pass, so a developer's own SLACK_* or
 * MONGODB_URI never leaks into a benchmark process by accident. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) base[name] = value;
  }
  return { ...base, NODE_ENV: 'production', ...extra };
}

export async function spawnService(options: {
  name: string;
  entry: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  /** Extra Node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  timeoutMs?: number;
  /** `none` for built JavaScript (e.g. the production entry dist/main.js); default `tsx`. */
  loader?: 'tsx' | 'none';
  /**
   * Ready once this URL answers 200 (for entries that print no `ready` line, like dist/main.js);
   * `detail` is then the URL's port.
   */
  readyUrl?: string;
}): Promise<ChildService> {
  // `node --import tsx` (not the tsx CLI) so the pid we hold is the process doing the work: its RSS
  // is what we report.
  const loader = (options.loader ?? 'tsx') === 'tsx' ? ['--import', 'tsx'] : [];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...loader, options.entry, ...(options.args ?? [])],
    {
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
  };
  const stdout = createInterface({ input: child.stdout });
  createInterface({ input: child.stderr }).on('line', keep);

  const detail = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${options.name}: not ready after ${options.timeoutMs ?? 60_000} ms\n${lines.join('\n')}`),
      );
    }, options.timeoutMs ?? 60_000);
    stdout.on('line', (line) => {
      if (!options.readyUrl && line.startsWith('ready ')) {
        clearTimeout(timer);
        resolve(line.slice('ready '.length).trim());
      } else keep(line);
    });
    const readyUrl = options.readyUrl;
    if (readyUrl) {
      const poll = async () => {
        while (child.exitCode === null && child.signalCode === null) {
          const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(1_000) }).then(
            (response) => response.ok,
            () => false,
          );
          if (ok) {
            clearTimeout(timer);
            resolve(new URL(readyUrl).port);
            return;
          }
          await new Promise((wake) => setTimeout(wake, 100));
        }
      };
      void poll();
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${code ?? signal}) before ready\n${lines.join('\n')}`));
    });
  });
  child.removeAllListeners('exit');

  const waitForLine = (prefix: string, timeoutMs = 120_000) =>
    new Promise<string>((resolve, reject) => {
      const onLine = (line: string) => {
        if (!line.startsWith(prefix)) return;
        done();
        resolve(line.slice(prefix.length).trim());
      };
      const onExit = (code: number | null) => {
        done();
        reject(
          new Error(`${options.name} exited (${code}) while waiting for "${prefix}"\n${lines.join('\n')}`),
        );
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${options.name}: no "${prefix}" line after ${timeoutMs} ms\n${lines.join('\n')}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        stdout.off('line', onLine);
        child.off('exit', onExit);
      };
      stdout.on('line', onLine);
      child.once('exit', onExit);
    });

  return {
    name: options.name,
    pid: child.pid ?? -1,
    detail,
    child,
    tail: () => [...lines],
    waitForLine,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process in MiB, from /proc (Linux); null where /proc is not available. */
export function rssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc; null elsewhere. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime + stime) ? (utime + stime) / clockTicks() : null;
  } catch {
    return null;
  }
}

/**
 * Measures how busy each process was while `work` ran, in % of one core (the runner itself
 * included, as "runner (load generator)").
 */
export async function withCpu<T>(
  pids: Record<string, number>,
  work: () => Promise<T>,
): Promise<{ value: T; cpu: Record<string, number | null> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const runnerBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await work();
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu: Record<string, number | null> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const was = before[name];
    const now = cpuSeconds(pid);
    cpu[name] = was == null || now === null ? null : Math.round(((now - was) / wallS) * 100);
  }
  const runner = process.cpuUsage(runnerBefore);
  cpu['runner (load generator)'] = Math.round(((runner.user + runner.system) / 1e6 / wallS) * 100);
  return { value, cpu };
}

/**
 * Waits until the given processes are nearly idle (their summed CPU under `thresholdPct` of one
 * core over `windowMs`), so one measurement does not pay for the backlog of the previous one.
 * Gives up after `maxMs` and says how long it waited.
 */
export async function waitForQuiet(
  pids: number[],
  options: { thresholdPct?: number; windowMs?: number; maxMs?: number } = {},
): Promise<number> {
  const threshold = options.thresholdPct ?? 10;
  const windowMs = options.windowMs ?? 1_000;
  const maxMs = options.maxMs ?? 60_000;
  const start = Date.now();
  const total = () => pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? 0), 0);
  for (;;) {
    const before = total();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const pct = ((total() - before) / (windowMs / 1000)) * 100;
    if (pct < threshold || Date.now() - start > maxMs) return Date.now() - start;
  }
}

export { freePort } from '../../sandbox/shared/free-port.js';

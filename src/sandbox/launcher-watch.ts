/**
 * `npm run sandbox:zoom` (and every other sandbox script) runs npm → sh → tsx → node (the server).
 * A driver that stops it the usual way, SIGTERM to the npm process it spawned, reaches npm only:
 * npm forwards it to sh, sh dies without passing it on, and tsx and the server keep running (and
 * keep the port). So when
 * started by npm, the CLI watches the launcher processes between itself and npm and stops as soon
 * as one of them goes away or is re-parented. Linux only (reads `/proc`); elsewhere nothing is
 * watched. npm's own parent is not watched, so `nohup npm run sandbox:zoom &` keeps running.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Reads `/proc/<pid>/<file>`; undefined when unavailable. */
export type ProcReader = (pid: number, file: 'stat' | 'cmdline') => string | undefined;

const readProc: ProcReader = (pid, file) => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
};

/** The parent pid from `/proc/<pid>/stat` ("pid (comm) state ppid …"; comm may hold spaces and parentheses). */
export function parentPidOf(pid: number, read: ProcReader = readProc): number | undefined {
  const stat = read(pid, 'stat');
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) && ppid >= 0 ? ppid : undefined;
}

/** npm, as its process shows up: title `npm run …` (npm sets it) or `node …/npm-cli.js …`. */
function isNpm(pid: number, read: ProcReader): boolean {
  const argv = (read(pid, 'cmdline') ?? '').split(/[\0 ]/).filter((arg) => arg !== '');
  const first = argv[0] === undefined ? '' : basename(argv[0]);
  return first === 'npm' || argv.slice(0, 2).some((arg) => /npm-cli\.js$/.test(arg));
}

export interface LauncherLink {
  pid: number;
  ppid: number;
}

/**
 * The processes from `self` up to (not including) the nearest npm ancestor, each with its parent;
 * empty when no npm is found within `maxDepth` ancestors.
 */
export function launcherChain(self: LauncherLink, read: ProcReader = readProc, maxDepth = 5): LauncherLink[] {
  const chain: LauncherLink[] = [];
  let link: LauncherLink | undefined = self;
  for (let depth = 0; link && depth < maxDepth; depth += 1) {
    chain.push(link);
    if (link.ppid <= 1) return [];
    if (isNpm(link.ppid, read)) return chain;
    const grandparent = parentPidOf(link.ppid, read);
    link = grandparent === undefined ? undefined : { pid: link.ppid, ppid: grandparent };
  }
  return [];
}

/**
 * The launcher chain of this process when it was started by `npm run <script>` (empty otherwise,
 * so nothing is watched), read now. A CLI reads it first thing: a driver may kill npm the moment
 * the `ready` line appears, and once sh is gone the chain can no longer be found.
 */
export function captureLauncherChain(script: string, read: ProcReader = readProc): LauncherLink[] {
  if (process.env.npm_lifecycle_event !== script) return [];
  return launcherChain({ pid: process.pid, ppid: process.ppid }, read);
}

/**
 * Calls `onGone` once when any link of the launcher chain changes parent (its parent died). Returns
 * a function that stops watching; the timer never keeps the process alive by itself.
 */
export function watchLauncher(options: {
  onGone: () => void;
  intervalMs?: number;
  read?: ProcReader;
  self?: () => LauncherLink;
  /** The chain as captured at start (captureLauncherChain); read now when absent. */
  chain?: LauncherLink[];
}): () => void {
  const read = options.read ?? readProc;
  const self = options.self ?? (() => ({ pid: process.pid, ppid: process.ppid }));
  const chain = options.chain ?? launcherChain(self(), read);
  if (chain.length === 0) return () => {};
  const timer = setInterval(() => {
    const broken = chain.some((link, index) => {
      const current = index === 0 ? self().ppid : parentPidOf(link.pid, read);
      return current !== link.ppid;
    });
    if (broken) {
      clearInterval(timer);
      options.onGone();
    }
  }, options.intervalMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}

// `npm run sandbox:mongo -- --port <p> [--persist FILE] [--host H] [--ttl-interval MS]`:
// runs the emulator standalone, prints `ready <uri>` once listening, stops on SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { startMongoEmulator } from './index.js';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(27017),
  host: z.string().min(1).default('127.0.0.1'),
  persist: z.string().min(1).optional(),
  'ttl-interval': z.coerce.number().int().positive().optional(),
});

async function main(): Promise<void> {
  // Read before anything else: a launcher killed right after the ready line must not be missed.
  const watch = launcherWatch();
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      persist: { type: 'string' },
      'ttl-interval': { type: 'string' },
    },
    strict: true,
  });
  const args = argsSchema.parse(values);
  // Logs go to stderr so stdout carries exactly the one `ready` line.
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const emulator = await startMongoEmulator({
    port: args.port,
    host: args.host,
    persistPath: args.persist,
    ttlIntervalMs: args['ttl-interval'],
    logger,
  });
  process.stdout.write(`ready ${emulator.uri}\n`);
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  watch(() => {
    logger.info('the process that started the emulator is gone; stopping');
    shutdown();
  });
}

/** The parent pid of `pid` from /proc (Linux); undefined where it cannot be read. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Notes who started the emulator, and returns a watch that calls `onGone` once that process has
 * exited, so the emulator never outlives its launcher while holding the port and the launcher's
 * stdout pipe. Under the tsx CLI (`npm run sandbox:mongo`) the parent is tsx's relay process and
 * the launcher is the relay's parent, npm's `sh -c`: npm passes its SIGTERM to that shell only,
 * and the shell exits without passing it on.
 */
function launcherWatch(): (onGone: () => void) => void {
  const parent = process.ppid;
  const relayed = process.execArgv.some((arg) => arg.includes('preflight'));
  const launcher = relayed ? parentOf(parent) : undefined;
  return (onGone) => {
    const timer = setInterval(() => {
      if (process.ppid === parent && (launcher === undefined || parentOf(parent) === launcher)) return;
      clearInterval(timer);
      onGone();
    }, 250);
    timer.unref();
  };
}

main().catch((err: unknown) => {
  process.stderr.write(
    `mongo emulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});

// `npm run sandbox:mongo -- --port <p> [--persist FILE] [--host H] [--ttl-interval MS]`:
// runs the emulator standalone, prints `ready <uri>` once listening, stops on SIGINT/SIGTERM.
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
}

main().catch((err: unknown) => {
  process.stderr.write(
    `mongo emulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});

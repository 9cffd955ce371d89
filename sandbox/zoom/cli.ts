/**
 * `npm run sandbox:zoom -- --port <p> [--seed FILE] [--webhook-target URL]`: runs the Zoom
 * stand-in alone and prints exactly one line, `ready <url>`.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadZoomSeedFile } from './seed.js';
import { startZoomStandIn } from './server.js';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(0),
  seed: z.string().min(1).optional(),
  'webhook-target': z.url().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'webhook-target': { type: 'string' },
    },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const seed = args.seed === undefined ? undefined : await loadZoomSeedFile(args.seed);
  const standIn = await startZoomStandIn({
    port: args.port,
    ...(seed ? { seed } : {}),
    ...(args['webhook-target'] ? { webhookTarget: args['webhook-target'] } : {}),
  });
  process.stdout.write(`ready ${standIn.url}\n`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    standIn.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `zoom stand-in failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

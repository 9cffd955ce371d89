/**
 * `npm run sandbox:slack -- --port <p> --app-url <url> --signing-secret <s> [--seed FILE|default|grid|default+grid]
 *   [--manifest FILE]`
 * Prints exactly one line, `ready <apiUrl>`, then serves until SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { loadCommandEscaping, loadManifestShortcuts } from './manifest.js';
import type { ParsedSlackSeed, SlackSeed } from './seed.js';
import { combineSeeds, DEFAULT_SEED, GRID_SEED, loadSeedFile } from './seed.js';
import { startSlackStandIn } from './stand-in.js';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(0),
  host: z.string().default('127.0.0.1'),
  'app-url': z.url().optional(),
  'signing-secret': z.string().min(1, '--signing-secret is required'),
  seed: z.string().optional(),
  manifest: z.string().optional(),
  'client-id': z.string().optional(),
  'client-secret': z.string().optional(),
  'redirect-uri': z.url().optional(),
  'log-level': z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('silent'),
});

/** `--seed`: a JSON file, or one of the built-in seeds (`default`, `grid`, `default+grid`). */
const NAMED_SEEDS: Record<string, SlackSeed> = {
  default: DEFAULT_SEED,
  grid: GRID_SEED,
  'default+grid': combineSeeds(DEFAULT_SEED, GRID_SEED),
};

async function seedFrom(argument: string): Promise<SlackSeed | ParsedSlackSeed> {
  return NAMED_SEEDS[argument] ?? loadSeedFile(argument);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'app-url': { type: 'string' },
      'signing-secret': { type: 'string' },
      seed: { type: 'string' },
      manifest: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'redirect-uri': { type: 'string' },
      'log-level': { type: 'string' },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse({
    ...values,
    'signing-secret': values['signing-secret'] ?? process.env.SLACK_SIGNING_SECRET,
  });
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n');
    process.stderr.write(`sandbox:slack: ${message}\n`);
    process.exit(2);
  }
  const args = parsed.data;
  // Logs go to stderr so stdout carries only the `ready` line.
  const logger = pino({ level: args['log-level'] }, pino.destination(2));
  // Slash command escaping follows the app manifest: --manifest, else ./manifest.yml when present.
  let commandEscaping: Record<string, boolean> | undefined;
  if (args.manifest !== undefined) commandEscaping = await loadCommandEscaping(args.manifest);
  else if (existsSync('manifest.yml')) {
    // The implicit manifest is a convenience: without it (or without the yaml package) run unescaped.
    commandEscaping = await loadCommandEscaping('manifest.yml').catch((error: unknown) => {
      logger.warn({ err: error }, 'manifest.yml not read; slash command text is not escaped');
      return undefined;
    });
  }
  const manifestPath = args.manifest ?? (existsSync('manifest.yml') ? 'manifest.yml' : undefined);
  const shortcuts =
    manifestPath === undefined ? undefined : await loadManifestShortcuts(manifestPath).catch(() => undefined);
  const standIn = await startSlackStandIn({
    port: args.port,
    host: args.host,
    signingSecret: args['signing-secret'],
    logger,
    ...(args['app-url'] !== undefined ? { appUrl: args['app-url'] } : {}),
    ...(args.seed !== undefined ? { seed: await seedFrom(args.seed) } : {}),
    ...(shortcuts !== undefined && shortcuts.length > 0 ? { shortcuts } : {}),
    ...(commandEscaping !== undefined ? { commandEscaping } : {}),
    ...(args['client-id'] !== undefined ? { clientId: args['client-id'] } : {}),
    ...(args['client-secret'] !== undefined ? { clientSecret: args['client-secret'] } : {}),
    ...(args['redirect-uri'] !== undefined ? { redirectUri: args['redirect-uri'] } : {}),
  });
  process.stdout.write(`ready ${standIn.apiUrl}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    standIn.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox:slack: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

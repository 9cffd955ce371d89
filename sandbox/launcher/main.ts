/**
 * `npm run sandbox`: the whole product on this machine with no Slack, Zoom or MongoDB account.
 * Prints one line with the URL to open; Ctrl-C stops everything cleanly. Settings come from the
 * environment, parsed with zod: SANDBOX_PORT (default 3300), MONGODB_URI (optional),
 * SANDBOX_DATA_DIR (default .data), SANDBOX_LOG_LEVEL (the app's log in <data dir>/sandbox.log),
 * SANDBOX_SLACK_MODE (multi | single); `--fresh` (or SANDBOX_FRESH=1) starts from an empty database.
 */
import { z } from 'zod';
import { startSandbox } from './start.js';

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3300),
  SANDBOX_DATA_DIR: z.string().min(1).default('.data'),
  SANDBOX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SANDBOX_SLACK_MODE: z.enum(['multi', 'single']).default('multi'),
  SANDBOX_FRESH: z.enum(['0', '1', 'true', 'false']).default('0'),
});
const argsSchema = z.array(z.enum(['--fresh'], { error: 'the only option is --fresh' }));

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    process.stderr.write(`Invalid sandbox setting: ${z.prettifyError(parsed.error)}\n`);
    process.exit(1);
  }
  const args = argsSchema.safeParse(process.argv.slice(2));
  if (!args.success) {
    process.stderr.write(`Usage: npm run sandbox [-- --fresh]  (${z.prettifyError(args.error)})\n`);
    process.exit(1);
  }
  const settings = parsed.data;
  const fresh =
    args.data.includes('--fresh') || settings.SANDBOX_FRESH === '1' || settings.SANDBOX_FRESH === 'true';
  const sandbox = await startSandbox({
    port: settings.SANDBOX_PORT,
    dataDir: settings.SANDBOX_DATA_DIR,
    logLevel: settings.SANDBOX_LOG_LEVEL,
    slackMode: settings.SANDBOX_SLACK_MODE,
    fresh,
  });
  process.stdout.write(`Sandbox ready: open ${sandbox.url}  (Ctrl-C to stop)\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `Stopping the sandbox failed: ${error instanceof Error ? error.message : error}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? ' (another process uses the port: set SANDBOX_PORT)' : '';
  process.stderr.write(`The sandbox could not start: ${message}${hint}\n`);
  process.exit(1);
});

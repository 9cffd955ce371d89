/**
 * Production entry point: loadConfig → buildApp → listen, graceful shutdown on SIGTERM/SIGINT.
 * It never falls back to the sandbox; a configuration problem is printed plainly (no stack) and
 * the process exits non-zero.
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { isAppError } from './errors.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  await app.listen();

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || isAppError(error)) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Start-up failed: ${message}\n`);
  }
  process.exit(1);
});

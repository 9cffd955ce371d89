/**
 * One instance of our app in its own process: the environment (DESIGN §2.3, set by the benchmark
 * runner to point at the stand-ins) → loadConfig → buildApp → listen on a free loopback port.
 * Prints `ready <port>`.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { sandbox: true });
  const app = await buildApp(config);
  const port = await app.listen(0, '127.0.0.1');
  process.stdout.write(`ready ${port}\n`);
  const stop = () => {
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench app: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

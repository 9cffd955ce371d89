/**
 * Starts everything the benchmarks talk to, each in its own process on 127.0.0.1: the database (the
 * emulator unless MONGODB_URI is set), the Zoom stand-in, the Slack stand-in, our app and the bare
 * Bolt app. The runner keeps its own database connection (`world`) for seeding and in-process probes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type BenchDatabase, startBenchDatabase } from './database.js';
import { type ChildService, childEnv, freePort, spawnService } from './processes.js';
import {
  ADMIN_ID,
  appEnv,
  BOT_TOKEN,
  ENCRYPTION_KEYS,
  SIGNING_SECRET,
  slackSeed,
  TEAM_ID,
  zoomSeed,
} from './scenario.js';
import { type BenchWorld, openWorld } from './world.js';

export interface HttpService extends ChildService {
  url: string;
}

export interface Stack {
  database: BenchDatabase;
  zoom: HttpService;
  slack: HttpService & { apiUrl: string };
  app: HttpService & { metricsUrl: string };
  bare: HttpService;
  world: BenchWorld;
  /** response_url values the Slack stand-in issued (each usable 5 times, for 30 minutes). */
  responseUrls: string[];
  /** Environment of an app process, for starting more instances. */
  appEnvironment: Record<string, string>;
  stop(): Promise<void>;
}

export const RESPONSE_URL_POOL = 20_000;

/**
 * Our app as production runs it: `node dist/main.js` (built by the runner first), configured only
 * through its environment, ready when `/readyz` answers.
 */
async function startApp(
  name: string,
  env: Record<string, string>,
): Promise<HttpService & { metricsUrl: string }> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child = await spawnService({
    name,
    entry: 'dist/main.js',
    loader: 'none',
    env: childEnv({ ...env, PORT: String(port), METRICS_PORT: String(metricsPort) }),
    readyUrl: `http://127.0.0.1:${port}/readyz`,
    // BENCH_APP_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the app under load.
    nodeArgs: (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
  });
  return { ...child, url: `http://127.0.0.1:${child.detail}`, metricsUrl: `http://127.0.0.1:${metricsPort}` };
}

export async function startStack(log: (line: string) => void): Promise<Stack> {
  const started: Array<{ stop(): Promise<void> }> = [];
  const dir = mkdtempSync(join(tmpdir(), 'zoom-bench-'));
  try {
    const database = await startBenchDatabase();
    started.push(database);
    log(`database: ${database.label}`);

    const zoomSeedFile = join(dir, 'zoom-seed.json');
    writeFileSync(zoomSeedFile, JSON.stringify(zoomSeed()));
    const zoomChild = await spawnService({
      name: 'zoom stand-in',
      entry: 'sandbox/zoom/cli.ts',
      args: ['--port', '0', '--seed', zoomSeedFile],
      env: childEnv({}),
    });
    started.push(zoomChild);
    const zoom = { ...zoomChild, url: zoomChild.detail };

    const slackSeedFile = join(dir, 'slack-seed.json');
    const responseUrlFile = join(dir, 'response-urls.json');
    writeFileSync(slackSeedFile, JSON.stringify(slackSeed()));
    const slackChild = await spawnService({
      name: 'slack stand-in',
      entry: 'bench/support/slack-process.ts',
      args: [
        '--seed',
        slackSeedFile,
        '--signing-secret',
        SIGNING_SECRET,
        '--response-urls',
        responseUrlFile,
        '--count',
        String(RESPONSE_URL_POOL),
        '--team',
        TEAM_ID,
        '--user',
        ADMIN_ID,
        '--channel',
        'C_GENERAL',
      ],
      env: childEnv({}),
    });
    started.push(slackChild);
    const apiUrl = slackChild.detail;
    const slack = { ...slackChild, apiUrl, url: apiUrl.replace(/\/api\/?$/, '') };
    const responseUrls = z.array(z.url()).parse(JSON.parse(readFileSync(responseUrlFile, 'utf8')));
    log(`stand-ins: zoom ${zoom.url}, slack ${slack.url}`);

    const world = await openWorld({ uri: database.uri, zoomUrl: zoom.url, encryptionKeys: ENCRYPTION_KEYS });
    started.push({ stop: () => world.stop({ drop: database.kind === 'mongodb' }) });

    const appEnvironment = appEnv({ slackApiUrl: apiUrl, zoomUrl: zoom.url, mongodbUri: database.uri });
    const app = await startApp('app', appEnvironment);
    started.push(app);
    const bareChild = await spawnService({
      name: 'bare bolt',
      entry: 'bench/support/bare-bolt-process.ts',
      env: childEnv({
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: apiUrl,
      }),
    });
    started.push(bareChild);
    const bare = { ...bareChild, url: `http://127.0.0.1:${bareChild.detail}` };
    log(`app ${app.url} (pid ${app.pid}), bare Bolt app ${bare.url} (pid ${bare.pid})`);

    return {
      database,
      zoom,
      slack,
      app,
      bare,
      world,
      responseUrls,
      appEnvironment,
      async stop() {
        for (const service of started.reverse()) await service.stop().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

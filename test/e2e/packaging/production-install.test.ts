/**
 * Issue 15 item 1, on the real artefacts: `npm run build` output holds only the product, and it
 * runs with the production dependencies alone. The install is `npm ci --omit=dev` with the image's
 * flags plus `--offline`, so it is served by the npm cache the CI's own `npm ci` has just filled
 * and never touches the network. The app is then started as the image starts it
 * (`node dist/main.js`, configured by environment) against the MongoDB emulator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type MongoEmulator, startMongoEmulator } from '../../../sandbox/mongo/index.js';
import { freePort } from '../../../sandbox/shared/free-port.js';
import { moduleFiles, packageOf, specifiers } from '../../unit/packaging/module-imports.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const manifest = z
  .object({ dependencies: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')));
const STAND_IN_ONLY = ['mingo', 'bson', 'preact', 'htm'];
// Generous: two cores shared with other test files and sessions. These bound waits, they time nothing.
const COMMAND_TIMEOUT_MS = 240_000;
const START_TIMEOUT_MS = 90_000;

let work: string;
let dist: string;

/** Runs a command to completion; rejects with its output when it fails or outlives `timeoutMs`. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let output = '';
  child.stdout.on('data', (d) => {
    output += String(d);
  });
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`);
  return output;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'production-install-'));
  dist = path.join(work, 'dist');
  // The build script itself, into the scratch folder (the checkout's dist/ is left alone).
  await run('npm', ['run', 'build', '--', '--outDir', dist], repo);
}, COMMAND_TIMEOUT_MS);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run build output (dist/)', () => {
  it('holds one compiled module per product source file, and nothing from the stand-ins', () => {
    const files = moduleFiles(dist, /.*/).map((file) => path.relative(dist, file));
    expect(files.length).toBeGreaterThan(100);
    const notProduct = files.filter((file) => {
      const source = path.join(repo, 'src', file.replace(/\.js(\.map)?$/, '.ts'));
      return !/\.js(\.map)?$/.test(file) || !existsSync(source) || file.includes('sandbox');
    });
    expect(notProduct).toEqual([]);
  });

  it('imports only production dependencies and node built-ins, never the stand-ins or their packages', () => {
    const problems: string[] = [];
    for (const file of moduleFiles(dist, /\.js$/)) {
      for (const specifier of specifiers(file)) {
        const name = packageOf(specifier);
        const where = path.relative(dist, file);
        if (name && !(name in manifest.dependencies))
          problems.push(`${where} → ${specifier} (not a dependency)`);
        if (name && STAND_IN_ONLY.includes(name)) problems.push(`${where} → ${specifier} (stand-in only)`);
        if (
          specifier.startsWith('.') &&
          path.relative(dist, path.resolve(path.dirname(file), specifier)).startsWith('..')
        ) {
          problems.push(`${where} → ${specifier} (outside dist/)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** A loopback HTTP server that answers 503 to everything and remembers what was asked. */
async function recorder(): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    res
      .writeHead(503, { 'content-type': 'application/json' })
      .end('{"ok":false,"error":"service_unavailable"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

const parseJson = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};
const logLine = z.object({ level: z.number(), msg: z.string(), port: z.number().optional() }).loose();

describe('the production install (npm ci --omit=dev) running dist/', () => {
  let emulator: MongoEmulator;
  let slack: Awaited<ReturnType<typeof recorder>>;
  let zoom: Awaited<ReturnType<typeof recorder>>;
  let app: ChildProcess | undefined;
  const logs: Array<z.infer<typeof logLine>> = [];
  let stderr = '';

  beforeAll(async () => {
    copyFileSync(path.join(repo, 'package.json'), path.join(work, 'package.json'));
    copyFileSync(path.join(repo, 'package-lock.json'), path.join(work, 'package-lock.json'));
    // The runtime stage's command (Dockerfile), offline.
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--offline'], work);
    emulator = await startMongoEmulator({ port: 0 });
    slack = await recorder();
    zoom = await recorder();
  }, COMMAND_TIMEOUT_MS);

  afterAll(async () => {
    if (app && app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
    await emulator?.stop();
    slack?.server.close();
    zoom?.server.close();
  });

  it('installs the product’s dependencies and none of the stand-ins’ or the tools’', () => {
    const installed = new Set(readdirSync(path.join(work, 'node_modules')));
    for (const name of Object.keys(manifest.dependencies)) {
      expect(existsSync(path.join(work, 'node_modules', name, 'package.json'))).toBe(true);
    }
    // bson does come, as the mongodb driver's own dependency; the others must not.
    const absent = ['mingo', 'preact', 'htm', 'vitest', 'tsx', 'typescript', 'playwright-core', '@biomejs'];
    expect(absent.filter((name) => installed.has(name))).toEqual([]);
  });

  it(
    'starts with `node dist/main.js`, answers 200 on /healthz and /readyz, and stops cleanly on SIGTERM',
    async () => {
      const env = {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: '0',
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
        MONGODB_URI: `${emulator.uri}production_install`,
        SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
        SLACK_BOT_TOKEN: 'xoxb-production-install',
        SLACK_API_URL: `${slack.url}/api/`,
        ZOOM_ORG_CLIENT_ID: 'org-client',
        ZOOM_ORG_CLIENT_SECRET: randomBytes(16).toString('hex'),
        ZOOM_ORG_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
        ZOOM_USER_CLIENT_ID: 'user-client',
        ZOOM_USER_CLIENT_SECRET: randomBytes(16).toString('hex'),
        ZOOM_USER_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
        ZOOM_OAUTH_URL: zoom.url,
        ZOOM_API_URL: `${zoom.url}/v2`,
        PUBLIC_URL: 'https://zoom-connect.example.test',
        TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      };
      const child = spawn(process.execPath, ['dist/main.js'], {
        cwd: work,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      app = child;
      child.stderr?.on('data', (d) => {
        stderr += String(d);
      });
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

      // The port the app bound (PORT=0), from its "listening" log line; bounded, and failing fast if it dies.
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "listening" line in time; stderr: ${stderr}`)),
          START_TIMEOUT_MS,
        );
        lines.on('line', (line) => {
          const parsed = logLine.safeParse(parseJson(line));
          if (!parsed.success) return;
          logs.push(parsed.data);
          if (parsed.data.msg === 'listening' && parsed.data.port) {
            clearTimeout(timer);
            resolve(parsed.data.port);
          }
        });
        void exited.then(([code]) => {
          clearTimeout(timer);
          reject(new Error(`exited ${code} before listening; stderr: ${stderr}`));
        });
      });

      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      // Ready as soon as the database answers a ping; polled within a bound, since a busy machine
      // may miss the first 1 s ping.
      let ready = await fetch(`${base}/readyz`);
      for (let attempt = 0; ready.status !== 200 && attempt < 100; attempt += 1) {
        await delay(200);
        ready = await fetch(`${base}/readyz`);
      }
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });

      // Start-up calls Zoom never; Slack only for auth.test (Bolt checks the bot token when the app
      // is built; its failure is logged and retried, and does not hold up listening or readiness).
      expect(zoom.requests).toEqual([]);
      expect(slack.requests.filter((r) => r !== 'POST /api/auth.test')).toEqual([]);

      child.kill('SIGTERM');
      const [code, signal] = await Promise.race([
        exited,
        delay(START_TIMEOUT_MS).then(() => [null, 'timeout'] as const),
      ]);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(logs.filter((l) => l.level >= 50)).toEqual([]);
      expect(logs.map((l) => l.msg)).toContain('stopped');
    },
    START_TIMEOUT_MS * 2 + 30_000,
  );
});

/**
 * The refresh race with app instances as separate OS processes (each with its own mongoose
 * connection, cipher and gateway) against one database and one Zoom stand-in.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher, parseEncryptionKeys } from '../../../src/crypto/token-cipher.js';
import { credentialSchema as storedCredentialSchema } from '../../../src/db/models/credential.js';
import { createZoomGateway } from '../../../src/zoom/index.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../../support/database.js';
import { TEST_SEAL } from '../../support/seal.js';
import { APPS, PUBLIC_URL, startZoom } from './helpers.js';

const PROCESSES = 3;
const CALLS = 4;
const KEYS = `race:${randomBytes(32).toString('base64')}`;

let database: TestDatabase;
let uri: string;
let env: Awaited<ReturnType<typeof startZoom>>;

beforeAll(async () => {
  database = await startTestDatabase();
  uri = uniqueDatabaseUri(database.uri, 'zoom_race_processes');
  env = await startZoom();
});

afterAll(async () => {
  await env?.zoom.stop();
  await database?.stop();
});

function worker(index: number, workspaceId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/zoom/race-worker.ts'], {
    env: {
      ...process.env,
      RACE_MONGODB_URI: uri,
      RACE_ZOOM_URL: env.zoom.url,
      RACE_KEYS: KEYS,
      RACE_WORKSPACE: workspaceId,
      RACE_INSTANCE: `process-${index}`,
      RACE_CALLS: String(CALLS),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  }) as ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker ${index} exited (${code}): ${stderr}`)));
  });
  const done = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`worker ${index} failed (${code}): ${stderr}`);
    const line = stdout.split('\n').find((entry) => entry.startsWith('{'));
    return JSON.parse(line ?? '{}') as { instance: string; results: string[] };
  });
  return { child, ready, done };
}

describe('single-flight refresh across processes', () => {
  it('exactly one refresh_token request; every call in every process gets a working token', async () => {
    const workspaceId = 'T-RACE-PROC';
    const tokens = await env.authorize('user', 'alice@acme.test');
    const seeder = createZoomGateway({
      oauthUrl: env.zoom.url,
      apiUrl: `${env.zoom.url}/v2`,
      publicUrl: PUBLIC_URL,
      apps: APPS,
      cipher: createTokenCipher(parseEncryptionKeys(KEYS)),
      instanceId: 'seeder',
    });
    const connection = await mongoose.createConnection(uri).asPromise();
    try {
      const model = connection.model(
        'RaceConnection',
        new mongoose.Schema({
          workspaceId: String,
          credential: { type: storedCredentialSchema, default: null },
        }),
        'race_connections',
      );
      await model.create({
        workspaceId,
        credential: seeder.seal({ ...tokens, expiresAt: new Date(Date.now() - 1000) }, TEST_SEAL),
      });
    } finally {
      await connection.close();
    }
    env.zoom.control.addFault({ route: 'oauth.token', grant_type: 'refresh_token', delay_ms: 200 });
    const before = env.zoom.control.tokenRequests().refresh_token ?? 0;

    const workers = Array.from({ length: PROCESSES }, (_, index) => worker(index, workspaceId));
    await Promise.all(workers.map((entry) => entry.ready));
    for (const entry of workers) entry.child.stdin.write('go\n');
    const reports = await Promise.all(workers.map((entry) => entry.done));

    expect((env.zoom.control.tokenRequests().refresh_token ?? 0) - before).toBe(1);
    const all = reports.flatMap((report) => report.results);
    expect(all).toHaveLength(PROCESSES * CALLS);
    expect(new Set(all)).toEqual(new Set(['alice@acme.test']));
  }, 60_000);
});

/**
 * THE multi-instance refresh race (DESIGN §3.5): several app instances, each with its own mongoose
 * connection, cipher and gateway, refresh the same expired credential at once. Exactly one
 * refresh_token request may reach Zoom, and every caller must end up with a working token.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../../src/crypto/token-cipher.js';
import { credentialSchema as storedCredentialSchema } from '../../../src/db/models/credential.js';
import { createMongoCredentialStore } from '../../../src/services/credential-store.js';
import { createZoomGateway } from '../../../src/zoom/index.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../../support/database.js';
import { TEST_SEAL } from '../../support/seal.js';
import { APPS, PUBLIC_URL, startZoom } from './helpers.js';

const INSTANCES = 4;
const CALLS_PER_INSTANCE = 5;
const keys = [{ id: 'race', key: randomBytes(32) }];

const connectionSchema = new mongoose.Schema({
  workspaceId: { type: String, required: true },
  credential: { type: storedCredentialSchema, default: null },
});

let database: TestDatabase;
let uri: string;
let env: Awaited<ReturnType<typeof startZoom>>;
const connections: mongoose.Connection[] = [];

beforeAll(async () => {
  database = await startTestDatabase();
  uri = uniqueDatabaseUri(database.uri, 'zoom_refresh_race');
  env = await startZoom();
  for (let index = 0; index < INSTANCES; index += 1) {
    connections.push(await mongoose.createConnection(uri).asPromise());
  }
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await env?.zoom.stop();
  await database?.stop();
});

/** One "app instance": its own connection, model, cipher and gateway. */
function instance(index: number, workspaceId: string) {
  const connection = connections[index];
  if (!connection) throw new Error('missing connection');
  const model =
    connection.models.RaceConnection ??
    connection.model('RaceConnection', connectionSchema, 'race_connections');
  const gateway = createZoomGateway({
    oauthUrl: env.zoom.url,
    apiUrl: `${env.zoom.url}/v2`,
    publicUrl: PUBLIC_URL,
    apps: APPS,
    cipher: createTokenCipher(keys),
    instanceId: `instance-${index}`,
  });
  const store = createMongoCredentialStore({ model, filter: { workspaceId } });
  return { gateway, store, model };
}

function refreshRequests(): number {
  return env.zoom.control.tokenRequests().refresh_token ?? 0;
}

function pick<T>(items: T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

async function seedCredential(workspaceId: string, email: string, expiresAt: Date) {
  const tokens = await env.authorize('user', email);
  const first = instance(0, workspaceId);
  const sealed = first.gateway.seal({ ...tokens, expiresAt }, TEST_SEAL);
  await first.model.create({ workspaceId, credential: sealed });
  return tokens;
}

describe('single-flight refresh across instances', () => {
  it('expired credential: exactly one refresh_token request, every caller gets a working token', async () => {
    const workspaceId = 'T-RACE-1';
    await seedCredential(workspaceId, 'alice@acme.test', new Date(Date.now() - 60_000));
    // A slow token endpoint keeps the refresh in flight while every other caller arrives.
    env.zoom.control.addFault({ route: 'oauth.token', grant_type: 'refresh_token', delay_ms: 150 });
    const before = refreshRequests();

    const instances = Array.from({ length: INSTANCES }, (_, index) => instance(index, workspaceId));
    const results = await Promise.all(
      instances.flatMap(({ gateway, store }) =>
        Array.from({ length: CALLS_PER_INSTANCE }, () =>
          gateway.getMe({ app: 'user', store, seal: TEST_SEAL }),
        ),
      ),
    );

    expect(refreshRequests() - before).toBe(1);
    expect(results).toHaveLength(INSTANCES * CALLS_PER_INSTANCE);
    expect(results.every((user) => user.email === 'alice@acme.test')).toBe(true);

    // The stored credential is the rotated one, lease released, and it keeps working.
    const stored = await pick(instances, 1).store.read();
    expect(stored?.expiresAt.getTime() ?? 0).toBeGreaterThan(Date.now() + 3_000_000);
    const raw = await pick(instances, 2).model.collection.findOne({ workspaceId });
    expect(raw?.credential?.refreshLease ?? null).toBeNull();
    const liveGrant = env.zoom.control
      .state()
      .grants.find((grant) => grant.email === 'alice@acme.test' && grant.active);
    expect(liveGrant?.refreshCount).toBe(1);
    expect(
      (
        await pick(instances, 3).gateway.getMe({
          app: 'user',
          store: pick(instances, 3).store,
          seal: TEST_SEAL,
        })
      ).email,
    ).toBe('alice@acme.test');
  });

  it('token rejected by Zoom (401/124) on every instance: still exactly one refresh', async () => {
    const workspaceId = 'T-RACE-2';
    await seedCredential(workspaceId, 'bob@acme.test', new Date(Date.now() + 30 * 60_000));
    env.zoom.control.expireAccessTokens('bob@acme.test');
    const before = refreshRequests();

    const instances = Array.from({ length: INSTANCES }, (_, index) => instance(index, workspaceId));
    const results = await Promise.all(
      instances.flatMap(({ gateway, store }) =>
        Array.from({ length: CALLS_PER_INSTANCE }, () =>
          gateway.getMe({ app: 'user', store, seal: TEST_SEAL }),
        ),
      ),
    );
    expect(refreshRequests() - before).toBe(1);
    expect(results.every((user) => user.email === 'bob@acme.test')).toBe(true);
  });

  it('a dead grant: every caller gets needs_reconnect, nobody retries it forever', async () => {
    const workspaceId = 'T-RACE-3';
    await seedCredential(workspaceId, 'slack-admin@acme.test', new Date(Date.now() - 1_000));
    env.zoom.control.revokeTokens('slack-admin@acme.test', 'user-app');
    const before = refreshRequests();
    const instances = Array.from({ length: INSTANCES }, (_, index) => instance(index, workspaceId));
    const outcomes = await Promise.allSettled(
      instances.map(({ gateway, store }) => gateway.getMe({ app: 'user', store, seal: TEST_SEAL })),
    );
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected')
        expect((outcome.reason as { code?: string }).code).toBe('needs_reconnect');
    }
    // Each instance may try the dead token once; none loops.
    expect(refreshRequests() - before).toBeLessThanOrEqual(INSTANCES);
  });
});

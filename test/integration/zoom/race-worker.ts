/**
 * One app instance in its own process for the refresh race test: connects its own mongoose, builds
 * its own gateway, prints `ready`, waits for `go` on stdin, then calls getMe concurrently and prints
 * one JSON line with the emails it got (or the error codes).
 */
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { z } from 'zod';
import { createTokenCipher, parseEncryptionKeys } from '../../../src/crypto/token-cipher.js';
import { credentialSchema as storedCredentialSchema } from '../../../src/db/models/credential.js';
import { createMongoCredentialStore } from '../../../src/services/credential-store.js';
import { createZoomGateway } from '../../../src/zoom/index.js';
import { TEST_SEAL } from '../../support/seal.js';

const env = z
  .object({
    RACE_MONGODB_URI: z.string().min(1),
    RACE_ZOOM_URL: z.url(),
    RACE_KEYS: z.string().min(1),
    RACE_WORKSPACE: z.string().min(1),
    RACE_INSTANCE: z.string().min(1),
    RACE_CALLS: z.coerce.number().int().positive(),
  })
  .parse(process.env);

const schema = new mongoose.Schema({
  workspaceId: String,
  credential: { type: storedCredentialSchema, default: null },
});

async function main(): Promise<void> {
  const connection = await mongoose.createConnection(env.RACE_MONGODB_URI).asPromise();
  const model = connection.model('RaceConnection', schema, 'race_connections');
  const gateway = createZoomGateway({
    oauthUrl: env.RACE_ZOOM_URL,
    apiUrl: `${env.RACE_ZOOM_URL}/v2`,
    publicUrl: 'http://127.0.0.1:3999',
    apps: {
      org: { clientId: 'org-app', clientSecret: 'org-secret' },
      user: { clientId: 'user-app', clientSecret: 'user-secret' },
    },
    cipher: createTokenCipher(parseEncryptionKeys(env.RACE_KEYS)),
    instanceId: env.RACE_INSTANCE,
  });
  const store = createMongoCredentialStore({ model, filter: { workspaceId: env.RACE_WORKSPACE } });
  // Warm the connection so "go" measures the race, not the connect.
  await store.read();
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  const outcomes = await Promise.allSettled(
    Array.from({ length: env.RACE_CALLS }, () => gateway.getMe({ app: 'user', store, seal: TEST_SEAL })),
  );
  const results = outcomes.map((outcome) =>
    outcome.status === 'fulfilled'
      ? outcome.value.email
      : `error:${String((outcome.reason as { code?: string }).code)}`,
  );
  process.stdout.write(`${JSON.stringify({ instance: env.RACE_INSTANCE, results })}\n`);
  await connection.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`race worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

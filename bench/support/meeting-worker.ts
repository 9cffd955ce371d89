/**
 * One app instance for benchmark 5, in its own process: its own mongoose connection, cipher and Zoom
 * gateway (with its own instanceId, as a separate app process would have), and the core services.
 * Prints `ready <instance>`, waits for `go` on stdin, then starts all its meeting creations at once
 * and prints `result <json>`.
 */
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import pino from 'pino';
import { z } from 'zod';
import { createTokenCipher, parseEncryptionKeys } from '../../src/crypto/token-cipher.js';
import { createModels } from '../../src/db/models/index.js';
import { createServices, isServiceError, type SlackDirectory } from '../../src/services/index.js';
import { createZoomGateway } from '../../src/zoom/index.js';
import { quietNotifier, runAtOnce } from './quiet-notifier.js';

const env = z
  .object({
    BENCH_MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//),
    BENCH_ZOOM_URL: z.url(),
    BENCH_KEYS: z.string().min(1),
    BENCH_WORKSPACE: z.string().min(1),
    BENCH_INSTANCE: z.string().min(1),
    BENCH_CREATIONS: z.coerce.number().int().positive(),
    BENCH_MEMBERS: z.coerce.number().int().positive(),
    BENCH_ORG_CLIENT_ID: z.string().min(1),
    BENCH_ORG_CLIENT_SECRET: z.string().min(1),
    BENCH_USER_CLIENT_ID: z.string().min(1),
    BENCH_USER_CLIENT_SECRET: z.string().min(1),
  })
  .parse(process.env);

// Meetings never ask Slack anything; the directory is here only because the services need one.
const noDirectory: SlackDirectory = {
  userInfo: async () => null,
  listUsers: async () => ({ users: [] }),
};

async function main(): Promise<void> {
  const logger = pino({ level: 'silent' });
  const connection = await mongoose.createConnection(env.BENCH_MONGODB_URI).asPromise();
  const models = createModels(connection);
  const cipher = createTokenCipher(parseEncryptionKeys(env.BENCH_KEYS));
  const zoom = createZoomGateway({
    oauthUrl: env.BENCH_ZOOM_URL,
    apiUrl: `${env.BENCH_ZOOM_URL}/v2`,
    publicUrl: 'http://127.0.0.1:3999',
    apps: {
      org: { clientId: env.BENCH_ORG_CLIENT_ID, clientSecret: env.BENCH_ORG_CLIENT_SECRET },
      user: { clientId: env.BENCH_USER_CLIENT_ID, clientSecret: env.BENCH_USER_CLIENT_SECRET },
    },
    cipher,
    instanceId: env.BENCH_INSTANCE,
    logger,
  });
  const services = createServices({
    models,
    zoom,
    slack: noDirectory,
    cipher,
    publicUrl: 'http://127.0.0.1:3999',
    logger,
    zoomClientIds: { org: 'bench-org-app', user: 'bench-user-app' },
    notifier: quietNotifier,
    defer: runAtOnce,
  });
  const member = (k: number) => `U${String(k % env.BENCH_MEMBERS).padStart(7, '0')}`;
  // Warm the connection pool and the code paths so "go" measures the race, not start-up.
  await services.status.getStatus(env.BENCH_WORKSPACE, member(0));
  process.stdout.write(`ready ${env.BENCH_INSTANCE}\n`);

  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;

  const start = process.hrtime.bigint();
  const outcomes = await Promise.allSettled(
    Array.from({ length: env.BENCH_CREATIONS }, (_, k) =>
      services.meetings.create(env.BENCH_WORKSPACE, member(k), {
        topic: `bench ${env.BENCH_INSTANCE} #${k}`,
      }),
    ),
  );
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const failures: Record<string, number> = {};
  let succeeded = 0;
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') succeeded += 1;
    else {
      const reason: unknown = outcome.reason;
      const code = isServiceError(reason) ? reason.code : reason instanceof Error ? reason.name : 'unknown';
      failures[code] = (failures[code] ?? 0) + 1;
    }
  }
  process.stdout.write(
    `result ${JSON.stringify({ instance: env.BENCH_INSTANCE, attempted: outcomes.length, succeeded, failures, elapsedMs })}\n`,
  );
  await connection.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`meeting worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

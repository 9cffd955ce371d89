// Chooses the database a test talks to (DESIGN §5): MONGODB_URI if set; else mongodb-memory-server
// when a mongod binary is already on this machine (never downloading one); else the in-process
// wire-protocol emulator. One line says which, once per process.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { startMongoEmulator } from '../../sandbox/mongo/index.js';
import { findLocalMongod } from '../../sandbox/mongo/local-mongod.js';

// The same lookup the sandbox launcher uses (MONGOMS_SYSTEM_BINARY, cache directories, PATH).
export { findLocalMongod };

export type DatabaseKind = 'external' | 'memory-server' | 'emulator';

export interface TestDatabase {
  uri: string;
  kind: DatabaseKind;
  stop(): Promise<void>;
}

const envSchema = z.object({
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb:// or mongodb+srv://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MONGOMS_SYSTEM_BINARY: z.string().optional(),
  MONGOMS_DOWNLOAD_DIR: z.string().optional(),
  PATH: z.string().optional(),
});

let announced = false;
function announce(kind: DatabaseKind, detail: string): void {
  if (announced) return;
  announced = true;
  process.stdout.write(`[test database] using ${kind}: ${detail}\n`);
}

/** `env` is only a parameter so the selection can be tested without touching process.env. */
export async function startTestDatabase(source: NodeJS.ProcessEnv = process.env): Promise<TestDatabase> {
  const env = envSchema.parse(source);
  if (env.MONGODB_URI) {
    announce('external', 'MONGODB_URI');
    return { uri: env.MONGODB_URI, kind: 'external', stop: async () => {} };
  }
  const binary = findLocalMongod(env);
  if (binary) {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    const server = await MongoMemoryServer.create({ binary: { systemBinary: binary } });
    announce('memory-server', binary);
    return { uri: server.getUri(), kind: 'memory-server', stop: async () => void (await server.stop()) };
  }
  const emulator = await startMongoEmulator();
  announce('emulator', 'no MONGODB_URI and no local mongod binary');
  return { uri: emulator.uri, kind: 'emulator', stop: emulator.stop };
}

/** The same server with a fresh database name (sanitised `name` plus a random suffix). */
export function uniqueDatabaseUri(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/([^?]*))?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('not a MongoDB connection string');
  const [, prefix, , query = ''] = match;
  const base = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'test';
  return `${prefix}/${base}_${randomBytes(4).toString('hex')}${query}`;
}

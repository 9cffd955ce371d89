/**
 * The sandbox's database, in the order of issue 10: MONGODB_URI when set; a real mongod through
 * mongodb-memory-server when a binary is already on this machine (never downloading one); else
 * the wire-protocol emulator. The last two keep their data under `.data/` so a restart keeps state.
 */
import { access, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type pino from 'pino';
import { startMongoEmulator } from '../mongo/index.js';
import { findLocalMongod, type LocalMongodEnv } from '../mongo/local-mongod.js';

export type SandboxDatabaseKind = 'external' | 'memory-server' | 'emulator';

export interface SandboxDatabase {
  kind: SandboxDatabaseKind;
  /** Connection string including the database name. */
  uri: string;
  /** One readable line for the UI and the logs, without credentials. */
  description: string;
  stop(): Promise<void>;
}

export interface SandboxDatabaseOptions {
  env: LocalMongodEnv & { MONGODB_URI?: string | undefined };
  /** Where data is kept between runs; undefined keeps everything in memory (tests). */
  dataDir: string | undefined;
  logger: pino.Logger;
}

const DB_NAME = 'zoom-org-connect-sandbox';
const KEPT = ['sandbox-mongo.json', 'sandbox-mongod'];

/** Whether an earlier run left a sandbox database under `dataDir`. */
export async function hasSandboxData(dataDir: string): Promise<boolean> {
  for (const name of KEPT) {
    try {
      await access(join(dataDir, name));
      return true;
    } catch {
      // not there
    }
  }
  return false;
}

/** Deletes the sandbox's own database files (never anything else under `dataDir`). */
export async function forgetSandboxData(dataDir: string): Promise<void> {
  for (const name of KEPT) await rm(join(dataDir, name), { recursive: true, force: true });
}

/** Puts `name` as the database of a connection string that names none. */
export function withDatabaseName(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/([^?]*))?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a MongoDB connection string');
  const [, prefix, db, query = ''] = match;
  return `${prefix}/${db ? db : name}${query}`;
}

export async function startSandboxDatabase(options: SandboxDatabaseOptions): Promise<SandboxDatabase> {
  const { env, dataDir, logger } = options;
  if (env.MONGODB_URI) {
    return {
      kind: 'external',
      uri: withDatabaseName(env.MONGODB_URI, DB_NAME),
      description: 'MongoDB from MONGODB_URI',
      stop: async () => undefined,
    };
  }
  const binary = findLocalMongod(env);
  if (binary) {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    const dbPath = dataDir ? join(dataDir, 'sandbox-mongod') : undefined;
    if (dbPath) await mkdir(dbPath, { recursive: true });
    const server = await MongoMemoryServer.create({
      binary: { systemBinary: binary },
      instance: { ip: '127.0.0.1', ...(dbPath ? { dbPath, storageEngine: 'wiredTiger' as const } : {}) },
    });
    return {
      kind: 'memory-server',
      uri: withDatabaseName(server.getUri(), DB_NAME),
      description: `mongod ${binary}${dbPath ? ` (data in ${dbPath})` : ''}`,
      stop: async () => {
        await server.stop({ doCleanup: !dbPath });
      },
    };
  }
  const persistPath = dataDir ? join(dataDir, 'sandbox-mongo.json') : undefined;
  const emulator = await startMongoEmulator({
    ...(persistPath ? { persistPath } : {}),
    logger: logger.child({ module: 'mongo-emulator' }),
  });
  return {
    kind: 'emulator',
    uri: withDatabaseName(emulator.uri, DB_NAME),
    description: `MongoDB emulator${persistPath ? ` (data in ${persistPath})` : ' (in memory)'}`,
    stop: emulator.stop,
  };
}

/**
 * The embedded database used when MONGODB_URI is unset (DESIGN §2.3): a real `mongod` started by
 * mongodb-memory-server, with its data kept under `.data/mongo` so a restart keeps the state.
 * One machine only; production uses a replica set. Never falls back to the sandbox emulator.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface EmbeddedDatabase {
  uri: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(
  dataDir = path.resolve('.data/mongo'),
): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server');
    const server = await MongoMemoryServer.create({
      instance: { dbPath: dataDir, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
    });
    return {
      uri: `${server.getUri().replace(/\/$/, '')}/zoom-org-connect`,
      stop: async () => {
        await server.stop({ doCleanup: false });
      },
    };
  } catch (error) {
    throw new AppError(
      'embedded_database_unavailable',
      'MONGODB_URI is not set and the embedded MongoDB could not start (no mongod binary could be found or downloaded). ' +
        'Set MONGODB_URI to a MongoDB server, or run `npm run sandbox` to try the app locally.',
      {},
      { cause: error },
    );
  }
}

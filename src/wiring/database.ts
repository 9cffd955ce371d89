/**
 * The database side of buildApp: the embedded MongoDB when `MONGODB_URI` is unset (one machine
 * only), the connection, one model per collection, their indexes, and the data migrations.
 */
import type mongoose from 'mongoose';
import type { Config } from '../config.js';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { closeDatabase, connectDatabase } from '../db/connection.js';
import { startEmbeddedDatabase } from '../db/embedded.js';
import { createModels, ensureIndexes, type Models } from '../db/models/index.js';
import { createLeaseManager } from '../jobs/leases.js';
import type { Logger } from '../logger.js';
import { MIGRATIONS, runMigrations } from '../ops/migrations/index.js';

export interface OpenDatabase {
  db: mongoose.Connection;
  models: Models;
  isUp(): boolean;
  /** A live round trip (readiness): false rather than an error. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  let uri = config.mongodbUri;
  const embedded = uri ? undefined : await startEmbeddedDatabase();
  if (embedded) {
    uri = embedded.uri;
    logger.warn('MONGODB_URI is not set: using the embedded MongoDB under .data/ (one machine only)');
  }
  const db = await connectDatabase(uri as string, logger);
  const models = createModels(db);
  await ensureIndexes(models);
  const isUp = () => db.readyState === 1;
  return {
    db,
    models,
    isUp,
    async ping() {
      if (!isUp() || !db.db) return false;
      return db.db
        .admin()
        .ping({ timeoutMS: 1_000 })
        .then(
          () => true,
          () => false,
        );
    },
    async close() {
      await closeDatabase(db);
      await embedded?.stop();
    },
  };
}

/** Brings stored documents to this version's shapes before anything reads them (src/ops/migrations). */
export async function migrateDatabase(
  database: Pick<OpenDatabase, 'models'>,
  deps: { cipher: TokenCipher; instanceId: string; clock: () => Date; logger: Logger },
): Promise<void> {
  const { models } = database;
  await runMigrations({
    migrations: MIGRATIONS,
    record: models.migrations,
    leases: createLeaseManager({ leases: models.leases, holder: deps.instanceId, clock: deps.clock }),
    context: { models, cipher: deps.cipher, logger: deps.logger, clock: deps.clock },
    instanceId: deps.instanceId,
    logger: deps.logger,
    clock: deps.clock,
  });
}

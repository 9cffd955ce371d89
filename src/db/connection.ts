import mongoose from 'mongoose';
import type { Logger } from 'pino';

/**
 * One mongoose connection per process (createConnection, not the global default, so tests and
 * several simulated instances can hold separate connections side by side).
 */
export async function connectDatabase(uri: string, logger: Logger): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 });
  await connection.asPromise();
  logger.info({ db: connection.name }, 'database connected');
  return connection;
}

export async function closeDatabase(connection: mongoose.Connection): Promise<void> {
  await connection.close();
}

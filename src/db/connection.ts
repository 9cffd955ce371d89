import mongoose from 'mongoose';
import type { Logger } from 'pino';

/**
 * One mongoose connection per process (createConnection, not the global default, so tests and
 * several simulated instances can hold separate connections side by side).
 */
export async function connectDatabase(uri: string, logger: Logger): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    // mongoose's readyState (what commands check to answer "temporarily unavailable" inside
    // Slack's 3 s ack) only changes when a heartbeat fails; the driver's 10 s default leaves
    // commands hanging on a dead database for that long (issue 8). A hello every 2 s is cheap.
    heartbeatFrequencyMS: 2_000,
  });
  await connection.asPromise();
  logger.info({ db: connection.name }, 'database connected');
  return connection;
}

export async function closeDatabase(connection: mongoose.Connection): Promise<void> {
  await connection.close();
}

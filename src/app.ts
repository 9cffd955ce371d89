/**
 * buildApp(config): the one place where everything is wired (DESIGN §4). Handlers never build
 * their own clients; they receive what is created here.
 */
import express, { type Express } from 'express';
import mongoose from 'mongoose';
import { type Config, secretValues } from './config.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './db/embedded.js';
import { createHealthRouter } from './http/health.js';
import { type ListeningServer, listen } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { createSlackTransport, type SlackTransport } from './slack/bolt.js';

export interface AppOverrides {
  logger?: Logger;
}

export interface BuiltApp {
  config: Config;
  logger: Logger;
  http: Express;
  db: mongoose.Connection;
  slack: SlackTransport;
  /** Listen on `port` (default config.port); resolves with the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Graceful: stop accepting, finish in-flight requests, stop Slack, close the database. */
  stop(): Promise<void>;
  isReady(): Promise<boolean>;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<BuiltApp> {
  const logger =
    overrides.logger ??
    createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'zoom-org-connect' });

  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startEmbeddedDatabase();
    uri = embedded.uri;
    logger.warn('MONGODB_URI is not set: using the embedded MongoDB under .data/ (one machine only)');
  }
  const db = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5_000 });
  await db.asPromise();

  let stopping = false;
  const isReady = async (): Promise<boolean> => {
    if (stopping || db.readyState !== mongoose.ConnectionStates.connected || !db.db) return false;
    const ping = db.db.admin().ping({ timeoutMS: 1_000 });
    return ping.then(
      () => true,
      () => false,
    );
  };

  const http = express();
  http.disable('x-powered-by');
  http.set('trust proxy', true);
  http.use(createHealthRouter({ isReady }));

  const slack = createSlackTransport({
    slack: config.slack,
    logger,
    expressApp: http,
    publicUrl: config.publicUrl,
  });

  let server: ListeningServer | undefined;
  return {
    config,
    logger,
    http,
    db,
    slack,
    isReady,
    async listen(port = config.port, host) {
      server = await listen(http, port, host);
      await slack.start();
      logger.info({ port: server.port, mode: config.slack.mode }, 'listening');
      return server.port;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      await server?.close();
      await slack.stop().catch((error: unknown) => logger.warn({ err: error }, 'stopping Slack failed'));
      await db.close();
      await embedded?.stop();
      logger.info('stopped');
    },
  };
}

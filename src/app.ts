/**
 * buildApp(config): the one place where everything is wired (DESIGN §4). Handlers never build
 * their own clients; they receive what is created here. Order matters only for HTTP: the Zoom
 * webhook router reads raw bodies, so it is mounted before anything that parses bodies.
 */
import { hkdfSync, randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type mongoose from 'mongoose';
import { type Config, secretValues } from './config.js';
import { createTokenCipher } from './crypto/token-cipher.js';
import { closeDatabase, connectDatabase } from './db/connection.js';
import { createDeliveryDeduper } from './db/dedupe.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './db/embedded.js';
import { createModels, ensureIndexes, type Models } from './db/models/index.js';
import { createBrowserBinding } from './http/browser-binding.js';
import { createHealthRouter } from './http/health.js';
import { createMetricsRouter, requestTimer } from './http/metrics-routes.js';
import { errorResponder, securityHeaders } from './http/security.js';
import { type ListeningServer, listen } from './http/server.js';
import { createZoomRoutes } from './http/zoom-routes.js';
import { createJobDefinitions } from './jobs/definitions.js';
import { createLeaseManager } from './jobs/leases.js';
import { createJobScheduler, type JobScheduler } from './jobs/scheduler.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createServices, createZoomEventHandler, type Services } from './services/index.js';
import { createSlackTransport, type SlackTransport } from './slack/bolt.js';
import { createSlackClients } from './slack/clients.js';
import { createSlackDirectory } from './slack/directory.js';
import { createFollowUpQueue } from './slack/follow-ups.js';
import { createHomePublisher } from './slack/home.js';
import { createMongoInstallationStore } from './slack/installation-store.js';
import { registerListeners } from './slack/listeners/index.js';
import { createSlackNotifier, type SlackNotifier } from './slack/notifier.js';
import { createResponseUrlClient } from './slack/response-url.js';
import { createWorkspaceRegistry } from './slack/workspaces.js';
import { createZoomGateway, createZoomWebhookRouter } from './zoom/index.js';

export interface AppOverrides {
  logger?: Logger;
  clock?: () => Date;
  /** Zoom's HTTP client (tests inject faults here; production uses global fetch). */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Names this instance in leases; defaults to a random id. */
  instanceId?: string;
  /** Periodic jobs: on by default; tests drive them with `jobs.tick()`. */
  startJobs?: boolean;
  /** Prometheus default process metrics (off in tests that build many apps in one process). */
  defaultMetrics?: boolean;
}

export interface BuiltApp {
  config: Config;
  logger: Logger;
  http: Express;
  db: mongoose.Connection;
  models: Models;
  services: Services;
  notifier: SlackNotifier;
  slack: SlackTransport;
  jobs: JobScheduler;
  metrics: Metrics;
  /** Listen on `port` (default config.port); resolves with the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Graceful: stop accepting, finish in-flight requests and acked commands' replies, stop jobs and Slack, close the database. */
  stop(): Promise<void>;
  isReady(): Promise<boolean>;
}

/** A separate key for the browser-binding cookie, derived from the newest encryption key. */
function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<BuiltApp> {
  const logger =
    overrides.logger ??
    createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'zoom-org-connect' });
  const clock = overrides.clock ?? (() => new Date());
  const instanceId = overrides.instanceId ?? randomUUID();
  // Slash-command work after the ack runs in this bounded queue (src/slack/follow-ups.ts).
  const followUps = createFollowUpQueue();
  const metrics = createMetrics({
    defaultMetrics: overrides.defaultMetrics ?? true,
    followUpDepth: () => followUps.depth(),
  });
  const firstKey = config.encryptionKeys[0];
  if (!firstKey) throw new Error('TOKEN_ENCRYPTION_KEYS is empty');
  const cipher = createTokenCipher(config.encryptionKeys);

  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startEmbeddedDatabase();
    uri = embedded.uri;
    logger.warn('MONGODB_URI is not set: using the embedded MongoDB under .data/ (one machine only)');
  }
  const db = await connectDatabase(uri, logger);
  const models = createModels(db);
  await ensureIndexes(models);

  const zoom = createZoomGateway({
    oauthUrl: config.zoom.oauthUrl,
    apiUrl: config.zoom.apiUrl,
    publicUrl: config.publicUrl,
    apps: {
      org: { clientId: config.zoom.org.clientId, clientSecret: config.zoom.org.clientSecret },
      user: { clientId: config.zoom.user.clientId, clientSecret: config.zoom.user.clientSecret },
    },
    cipher,
    instanceId,
    logger,
    onCall: (endpoint, outcome) => metrics.zoomApiCalls.inc({ endpoint, outcome }),
    onRefresh: (app, outcome) => metrics.tokenRefreshes.inc({ app, outcome }),
    ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
    ...(overrides.clock ? { clock: overrides.clock } : {}),
  });

  const installationStore =
    config.slack.mode === 'multi'
      ? createMongoInstallationStore({ installations: models.slackInstallations, box: cipher, logger, clock })
      : undefined;
  const clients = createSlackClients({ slack: config.slack, logger, installationStore });
  let notifierRef: SlackNotifier | undefined;
  const services = createServices({
    models,
    zoom,
    slack: createSlackDirectory(clients),
    cipher,
    publicUrl: config.publicUrl,
    clock,
    logger,
    notifier: () => notifierRef,
  });
  const home = createHomePublisher({ services, clients, logger });
  const notifier = createSlackNotifier({
    services,
    clients,
    home,
    logger,
    listAdmins: (workspaceId) => services.directory.listAdmins(workspaceId),
  });
  notifierRef = notifier;

  let stopping = false;
  const isDatabaseUp = () => db.readyState === 1;
  const isReady = async (): Promise<boolean> => {
    if (stopping || !isDatabaseUp() || !db.db) return false;
    return db.db
      .admin()
      .ping({ timeoutMS: 1_000 })
      .then(
        () => true,
        () => false,
      );
  };

  const http = express();
  http.disable('x-powered-by');
  http.set('trust proxy', true);
  http.use(securityHeaders({ https: config.publicUrl.startsWith('https://') }));
  http.use(requestTimer(metrics));
  http.use(createHealthRouter({ isReady }));
  http.use(createMetricsRouter(metrics));
  http.use(
    createZoomWebhookRouter({
      secrets: { org: config.zoom.org.webhookSecret, user: config.zoom.user.webhookSecret },
      dispatcher: createZoomEventHandler({
        connections: services.connections,
        meetings: services.meetings,
        zoom,
        notifier,
        logger,
      }),
      isDuplicate: createDeliveryDeduper({ processedEvents: models.processedEvents, source: 'zoom', clock }),
      logger,
      clock,
    }),
  );
  http.use(
    createZoomRoutes({
      approvals: services.approvals,
      binding: createBrowserBinding({
        key: deriveKey(firstKey.key, 'oauth-browser-binding'),
        secure: config.publicUrl.startsWith('https://'),
      }),
      logger,
      onCallbackResult: (result) => notifier.approvalOutcome(result),
    }),
  );

  const responseUrls = createResponseUrlClient();
  // Bolt mounts /slack/events (and the install routes) on our express app.
  const slack = createSlackTransport({
    slack: config.slack,
    logger,
    expressApp: http,
    publicUrl: config.publicUrl,
    ...(installationStore ? { installationStore } : {}),
  });
  registerListeners(slack.app, {
    services,
    clients,
    notifier,
    home,
    workspaces: createWorkspaceRegistry({ services, clients, logger }),
    logger,
    metrics,
    isDatabaseUp,
    followUps,
    responseUrls,
    isDuplicateSlackEvent: createDeliveryDeduper({
      processedEvents: models.processedEvents,
      source: 'slack',
      clock,
    }),
    removeInstallation: installationStore
      ? (workspaceId) => installationStore.deleteByWorkspace(workspaceId)
      : undefined,
  });
  slack.app.error(async (error) => {
    logger.error({ err: error }, 'unhandled Slack listener error');
  });
  http.use(errorResponder(logger));

  const jobs = createJobScheduler({
    jobs: createJobDefinitions({ services, notifier, logger, metrics }),
    leases: createLeaseManager({ leases: models.leases, holder: instanceId, clock }),
    logger,
    metrics,
    clock,
    isDatabaseUp,
  });

  let server: ListeningServer | undefined;
  return {
    config,
    logger,
    http,
    db,
    models,
    services,
    notifier,
    slack,
    jobs,
    metrics,
    isReady,
    async listen(port = config.port, host) {
      server = await listen(http, port, host);
      await slack.start();
      if (overrides.startJobs ?? true) jobs.start();
      logger.info({ port: server.port, mode: config.slack.mode }, 'listening');
      return server.port;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      await server?.close();
      // Commands acked before the stop still owe their replies: let them finish (bounded).
      await followUps.drain(10_000);
      await jobs.stop();
      await slack.stop().catch((error: unknown) => logger.warn({ err: error }, 'stopping Slack failed'));
      await responseUrls.close();
      await closeDatabase(db);
      await embedded?.stop();
      logger.info('stopped');
    },
  };
}

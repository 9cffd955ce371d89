/**
 * buildApp(config): the one place where everything is wired (DESIGN §4). Handlers never build
 * their own clients; they receive what is created here. The three sides have their own wiring
 * modules (src/wiring/: database, http, slack); this file orders them:
 * database → Zoom → Slack access → core services → notifier → the services that tell people →
 * public HTTP (health, webhooks, links) → Bolt on it → jobs. The metrics listener is separate.
 */
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import type mongoose from 'mongoose';
import { type AfterAckQueue, createAfterAckQueue } from './after-ack.js';
import { type Config, secretValues } from './config.js';
import { createTokenCipher, type TokenCipher } from './crypto/token-cipher.js';
import type { Models } from './db/models/index.js';
import { errorResponder } from './http/security.js';
import { type ListeningServer, listen } from './http/server.js';
import { createJobDefinitions } from './jobs/definitions.js';
import { createLeaseManager } from './jobs/leases.js';
import { createJobScheduler, type JobScheduler } from './jobs/scheduler.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import {
  completeServices,
  createCoreServices,
  createMeetingReader,
  type Services,
} from './services/index.js';
import type { SlackTransport } from './slack/bolt.js';
import { createSlackDirectory } from './slack/directory.js';
import { createHomePublisher } from './slack/home.js';
import { createSlackNotifier, type SlackNotifier } from './slack/notifier.js';
import { createResponseUrlClient } from './slack/response-url.js';
import { migrateDatabase, openDatabase } from './wiring/database.js';
import { createMetricsHttp, createPublicHttp } from './wiring/http.js';
import { createSlackAccess, mountSlack, type SlackAccess } from './wiring/slack.js';
import { createZoomGateway, type ZoomGateway } from './zoom/index.js';

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
  afterAck: AfterAckQueue;
  /** Listen on `port` (default config.port) and start the metrics listener; resolves with the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** The metrics listener's bound port once listening (config.metrics.port may be 0: any free port). */
  metricsPort(): number | undefined;
  /** Graceful: stop accepting, finish in-flight requests and the work owed after answers, stop jobs and Slack, close the database. */
  stop(): Promise<void>;
  isReady(): Promise<boolean>;
}

/** How long shutdown waits for work already promised (replies, DMs) before closing anyway. */
const DRAIN_MS = 10_000;

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<BuiltApp> {
  const logger =
    overrides.logger ??
    createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'zoom-org-connect' });
  const clock = overrides.clock ?? (() => new Date());
  const instanceId = overrides.instanceId ?? randomUUID();
  const { afterAck, metrics } = createInstruments(logger, overrides.defaultMetrics ?? true);
  const cipher = createTokenCipher(config.encryptionKeys);
  const database = await openDatabase(config, logger);
  const { db, models } = database;
  await migrateDatabase(database, { cipher, instanceId, clock, logger });

  const zoom = createZoom(config, cipher, metrics, instanceId, logger, overrides);

  const access = createSlackAccess({ config, models, cipher, logger, clock });
  const { services, notifier, home } = createServicesAndNotifier(config, {
    models,
    zoom,
    cipher,
    access,
    afterAck,
    clock,
    logger,
  });

  let stopping = false;
  const isReady = async () => !stopping && (await database.ping());
  const http = createPublicHttp({
    config,
    logger,
    metrics,
    models,
    services,
    afterAck,
    clock,
    isReady,
    onCallbackResult: (result) => notifier.approvalOutcome(result),
  });
  const responseUrls = createResponseUrlClient();
  const slack = mountSlack({
    config,
    http,
    access,
    models,
    services,
    notifier,
    home,
    afterAck,
    responseUrls,
    metrics,
    logger,
    clock,
    isDatabaseUp: database.isUp,
  });
  http.use(errorResponder(logger));

  const jobs = createJobScheduler({
    jobs: createJobDefinitions({ services, logger, metrics }),
    leases: createLeaseManager({ leases: models.leases, holder: instanceId, clock }),
    logger,
    metrics,
    clock,
    isDatabaseUp: database.isUp,
  });
  const built = {
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
    afterAck,
    isReady,
  };
  return withLifecycle(built, {
    onStopping: () => {
      stopping = true;
    },
    startJobs: overrides.startJobs ?? true,
    responseUrls,
    closeDatabase: () => database.close(),
  });
}

/**
 * The services in their two steps around the notifier: the core services, the Slack notifier and
 * Home built on them, then the services that tell people through that notifier (after the answer).
 */
function createServicesAndNotifier(
  config: Config,
  deps: {
    models: Models;
    zoom: ZoomGateway;
    cipher: TokenCipher;
    access: SlackAccess;
    afterAck: AfterAckQueue;
    clock: () => Date;
    logger: Logger;
  },
) {
  const { access, afterAck, logger } = deps;
  const serviceDeps = {
    ...deps,
    slack: createSlackDirectory(access.clients),
    publicUrl: config.publicUrl,
    zoomClientIds: { org: config.zoom.org.clientId, user: config.zoom.user.clientId },
    personalLinkTtlMs: config.personalLinkTtlMinutes * 60_000,
    dataRetentionDays: config.dataRetentionDays,
  };
  const core = createCoreServices(serviceDeps);
  const meetings = createMeetingReader({ models: deps.models, clock: deps.clock });
  const home = createHomePublisher({ services: core, meetings, clients: access.clients, logger });
  const notifier = createSlackNotifier({ services: core, clients: access.clients, home, logger });
  const services = completeServices(core, {
    ...serviceDeps,
    notifier,
    defer: (label, context, work) => afterAck.enqueue('notification', { label, ...context }, work),
  });
  return { services, notifier, home };
}

/** The after-ack queue and the metrics that watch it (each needs the other: the queue reports, the gauge reads). */
function createInstruments(
  logger: Logger,
  defaultMetrics: boolean,
): { afterAck: AfterAckQueue; metrics: Metrics } {
  let metrics: Metrics | undefined;
  const afterAck = createAfterAckQueue({
    logger,
    onFinished: (kind, outcome, seconds) => metrics?.afterAckWork.observe({ kind, outcome }, seconds),
  });
  metrics = createMetrics({ defaultMetrics, afterAckDepth: () => afterAck.depth() });
  return { afterAck, metrics };
}

/** The Zoom gateway with its metrics hooks (and the tests' fetch and clock, when given). */
function createZoom(
  config: Config,
  cipher: TokenCipher,
  metrics: Metrics,
  instanceId: string,
  logger: Logger,
  overrides: AppOverrides,
) {
  return createZoomGateway({
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
}

/** listen / stop around the wired parts: the two listeners, Slack, the jobs, the drain on stop. */
function withLifecycle(
  built: Omit<BuiltApp, 'listen' | 'stop' | 'metricsPort'>,
  options: {
    onStopping(): void;
    startJobs: boolean;
    responseUrls: { close(): Promise<void> };
    closeDatabase(): Promise<void>;
  },
): BuiltApp {
  const { config, logger, http, slack, jobs, metrics, afterAck } = built;
  let server: ListeningServer | undefined;
  let metricsServer: ListeningServer | undefined;
  let stopped = false;
  return {
    ...built,
    async listen(port = config.port, host) {
      server = await listen(http, port, host);
      metricsServer = await listen(createMetricsHttp(metrics), config.metrics.port, config.metrics.host);
      await slack.start();
      if (options.startJobs) jobs.start();
      logger.info(
        { port: server.port, metricsPort: metricsServer.port, mode: config.slack.mode },
        'listening',
      );
      return server.port;
    },
    metricsPort: () => metricsServer?.port,
    async stop() {
      if (stopped) return;
      stopped = true;
      options.onStopping();
      await server?.close();
      // Work promised before the stop (replies, DMs after a modal or a webhook): let it finish (bounded).
      const { unfinished } = await afterAck.drain(DRAIN_MS);
      if (unfinished > 0) logger.warn({ unfinished }, 'stopping with work after the answer unfinished');
      await jobs.stop();
      await slack.stop().catch((error: unknown) => logger.warn({ err: error }, 'stopping Slack failed'));
      await options.responseUrls.close();
      await metricsServer?.close();
      await options.closeDatabase();
      logger.info('stopped');
    },
  };
}

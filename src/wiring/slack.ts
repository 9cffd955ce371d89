/**
 * The Slack side of buildApp. Before the services: the installation store (multi-workspace mode)
 * and the Web API clients, which the services' directory port reads through. After them: Bolt
 * (mounted on the public express app, or Socket Mode) with every listener registered.
 */
import type { Express } from 'express';
import type { AfterAckQueue } from '../after-ack.js';
import type { Config } from '../config.js';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { createDeliveryDeduper } from '../db/dedupe.js';
import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Services } from '../services/index.js';
import { createSlackTransport, type SlackTransport } from '../slack/bolt.js';
import { createSlackClients, type SlackClients } from '../slack/clients.js';
import type { HomePublisher } from '../slack/home.js';
import { createMongoInstallationStore, type MongoInstallationStore } from '../slack/installation-store.js';
import { registerListeners } from '../slack/listeners/index.js';
import type { SlackNotifier } from '../slack/notifier.js';
import type { ResponseUrlClient } from '../slack/response-url.js';
import { createWorkspaceRegistry } from '../slack/workspaces.js';

export interface SlackAccess {
  clients: SlackClients;
  installationStore: MongoInstallationStore | undefined;
}

export function createSlackAccess(deps: {
  config: Config;
  models: Models;
  cipher: TokenCipher;
  logger: Logger;
  clock: () => Date;
}): SlackAccess {
  const { config, models, cipher, logger, clock } = deps;
  const installationStore =
    config.slack.mode === 'multi'
      ? createMongoInstallationStore({ installations: models.slackInstallations, box: cipher, logger, clock })
      : undefined;
  const clients = createSlackClients({
    slack: config.slack,
    logger,
    ...(installationStore ? { installationStore } : {}),
    // Grid: the enterprise recorded with each workspace finds its org-wide installation.
    storedEnterpriseOf: async (workspaceId) =>
      (await models.workspaces.findOne({ workspaceId }, { enterpriseId: 1 }).lean())?.enterpriseId,
  });
  return { clients, installationStore };
}

export function mountSlack(deps: {
  config: Config;
  http: Express;
  access: SlackAccess;
  models: Models;
  services: Services;
  notifier: SlackNotifier;
  home: HomePublisher;
  afterAck: AfterAckQueue;
  responseUrls: ResponseUrlClient;
  metrics: Metrics;
  logger: Logger;
  clock: () => Date;
  isDatabaseUp(): boolean;
}): SlackTransport {
  const { config, access, services, logger } = deps;
  const { installationStore, clients } = access;
  // Bolt mounts /slack/events (and the install routes) on our express app.
  const slack = createSlackTransport({
    slack: config.slack,
    logger,
    expressApp: deps.http,
    publicUrl: config.publicUrl,
    ...(installationStore ? { installationStore: reinstallAware(installationStore, services) } : {}),
  });
  registerListeners(slack.app, {
    services,
    clients,
    notifier: deps.notifier,
    home: deps.home,
    workspaces: createWorkspaceRegistry({ services, clients, logger }),
    logger,
    metrics: deps.metrics,
    isDatabaseUp: deps.isDatabaseUp,
    afterAck: deps.afterAck,
    responseUrls: deps.responseUrls,
    isDuplicateSlackEvent: createDeliveryDeduper({
      processedEvents: deps.models.processedEvents,
      source: 'slack',
      clock: deps.clock,
    }),
    removeInstallation: installationStore
      ? (workspaceId) => installationStore.deleteByWorkspace(workspaceId)
      : undefined,
  });
  slack.app.error(async (error) => {
    logger.error({ err: error }, 'unhandled Slack listener error');
  });
  return slack;
}

/** An installation stored for a workspace that was uninstalled: it is back (issue 14 §8). */
function reinstallAware(store: MongoInstallationStore, services: Services): MongoInstallationStore {
  const storeInstallation: MongoInstallationStore['storeInstallation'] = async (installation, logger) => {
    await store.storeInstallation(installation, logger);
    await services.lifecycle.reinstalled({
      workspaceId: installation.team?.id,
      enterpriseId: installation.isEnterpriseInstall ? installation.enterprise?.id : undefined,
    });
  };
  return Object.assign(Object.create(store) as MongoInstallationStore, { storeInstallation });
}

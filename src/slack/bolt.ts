/**
 * Bolt for the three modes of DESIGN §2.3. In HTTP modes Bolt's ExpressReceiver mounts
 * `/slack/events` (and the install routes in multi-workspace mode) on OUR express app, so one
 * server on PORT serves Slack and Zoom; in Socket Mode Slack arrives over a WebSocket and the
 * express app still serves the Zoom routes.
 */
import { App as BoltApp, ExpressReceiver, type InstallationStore, SocketModeReceiver } from '@slack/bolt';
import type { Express } from 'express';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { toSlackLogger } from './bolt-logger.js';

/** DESIGN §2.5: the least bot scopes; docs/architecture.md says why each is needed. */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'users:read.email'];

export interface BoltDeps {
  slack: SlackConfig;
  logger: Logger;
  expressApp: Express;
  publicUrl: string;
  /** Multi-workspace mode only. */
  installationStore?: InstallationStore;
}

export interface SlackTransport {
  app: BoltApp;
  /** Socket Mode opens its WebSocket here; HTTP modes have nothing to start. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackTransport({
  slack,
  logger,
  expressApp,
  publicUrl,
  installationStore,
}: BoltDeps): SlackTransport {
  const slackLogger = toSlackLogger(logger);
  const clientOptions = { slackApiUrl: slack.apiUrl };
  const common = {
    logger: slackLogger,
    clientOptions,
    convoStore: false as const,
    extendedErrorHandler: true,
  };

  if (slack.mode === 'socket') {
    const receiver = new SocketModeReceiver({ appToken: slack.appToken, logger: slackLogger });
    const app = new BoltApp({ ...common, token: slack.botToken, receiver });
    return {
      app,
      start: async () => {
        await receiver.start();
      },
      stop: async () => {
        await receiver.stop();
      },
    };
  }

  if (slack.mode === 'single') {
    const receiver = new ExpressReceiver({
      signingSecret: slack.signingSecret,
      logger: slackLogger,
      app: expressApp,
      bodyLimit: '256kb',
    });
    const app = new BoltApp({ ...common, token: slack.botToken, receiver });
    return { app, start: async () => undefined, stop: async () => undefined };
  }

  if (!installationStore) throw new Error('multi-workspace mode needs an installation store');
  const receiver = new ExpressReceiver({
    signingSecret: slack.signingSecret,
    logger: slackLogger,
    app: expressApp,
    bodyLimit: '256kb',
    clientId: slack.clientId,
    clientSecret: slack.clientSecret,
    stateSecret: slack.stateSecret,
    scopes: BOT_SCOPES,
    installationStore,
    redirectUri: `${publicUrl}/slack/oauth_redirect`,
    installerOptions: {
      directInstall: true,
      redirectUriPath: '/slack/oauth_redirect',
      clientOptions,
      // Slack's authorize page lives next to its Web API (slack.com/api/ → slack.com/oauth/v2/authorize),
      // which also points the sandbox's install flow at the Slack stand-in.
      authorizationUrl: new URL('../oauth/v2/authorize', slack.apiUrl).toString(),
    },
  });
  const app = new BoltApp({ ...common, receiver });
  return { app, start: async () => undefined, stop: async () => undefined };
}

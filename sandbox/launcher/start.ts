/**
 * startSandbox: the database, the Zoom and Slack stand-ins with their default seeds, the real app
 * wired to them exactly as in production (Bolt's HTTP receiver, WebClient, the Zoom clients, all
 * over loopback HTTP), and the browser UI that plays the people of the seeded workspaces.
 * `npm run sandbox` (sandbox/launcher/main.ts) and the browser test both call it.
 */
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { type BuiltApp, buildApp } from '../../src/app.js';
import { loadConfig, secretValues } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import {
  combineSeeds,
  DEFAULT_SEED,
  GRID_SEED,
  loadCommandEscaping,
  loadManifestShortcuts,
  type SlackSeed,
  type SlackStandIn,
  startSlackStandIn,
} from '../slack/index.js';
import { createActivityFeed } from '../ui/activity.js';
import { startRecordingProxy } from '../ui/recording-proxy.js';
import { startUiServer } from '../ui/server.js';
import { DEFAULT_ZOOM_SEED, startZoomStandIn } from '../zoom/index.js';
import {
  forgetSandboxData,
  hasSandboxData,
  type SandboxDatabaseKind,
  startSandboxDatabase,
} from './database.js';
import { loadOrCreateSecrets } from './secrets.js';
import { installIntoTeam } from './slack-install.js';

export interface SandboxOptions {
  /** Port of the UI; default 3300; 0 picks a free one. */
  port?: number;
  /** Where state is kept between runs (database, generated keys, app log); null = memory only. */
  dataDir?: string | null;
  /** MONGODB_URI and the mongodb-memory-server lookup variables; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * `multi` (default): the app is installed into every seeded team through its real OAuth install
   * route, so every seeded workspace works. `single`: one bot token (the first team's).
   */
  slackMode?: 'multi' | 'single';
  /** Level of the app's log (written to `<dataDir>/sandbox.log`); default info, silent without dataDir. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Start from an empty sandbox database (deletes the data kept under dataDir; never touches MONGODB_URI). */
  fresh?: boolean;
  /** The sandbox's own logger (stand-ins, UI server); default silent. */
  logger?: pino.Logger;
}

export interface Sandbox {
  /** The URL to open. */
  url: string;
  appUrl: string;
  slackUrl: string;
  zoomUrl: string;
  database: { kind: SandboxDatabaseKind; description: string };
  app: BuiltApp;
  slack: SlackStandIn;
  stop(): Promise<void>;
}

/** GRID_SEED before its org admin deployed the app: the sandbox deploys it through the real install route. */
function undeployedGrid(): SlackSeed {
  const seed = structuredClone(GRID_SEED) as SlackSeed;
  for (const enterprise of seed.enterprises ?? [])
    if (enterprise.org_install) enterprise.org_install.installed = false;
  return seed;
}

/** `preferred` when it is free on loopback, else any free port. */
async function pickPort(preferred: number): Promise<number> {
  const tryPort = async (port: number): Promise<number | undefined> => {
    const server = createServer();
    const bound = await new Promise<boolean>((done) => {
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => done(true));
    });
    if (!bound) return undefined;
    const address = server.address();
    await new Promise<void>((done) => server.close(() => done()));
    return typeof address === 'object' && address ? address.port : undefined;
  };
  const port = (preferred > 0 ? await tryPort(preferred) : undefined) ?? (await tryPort(0));
  if (port === undefined) throw new Error('no free port on 127.0.0.1');
  return port;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const env = options.env ?? process.env;
  const dataDir = options.dataDir === null ? undefined : resolve(options.dataDir ?? '.data');
  const slackMode = options.slackMode ?? 'multi';
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => logger.warn({ err: error }, 'sandbox: a part failed to stop'));
    }
  };

  try {
    if (dataDir && options.fresh) await forgetSandboxData(dataDir);
    const restored = dataDir ? await hasSandboxData(dataDir) : false;
    const secrets = await loadOrCreateSecrets(dataDir);
    const database = await startSandboxDatabase({
      env: {
        MONGODB_URI: env.MONGODB_URI,
        MONGOMS_SYSTEM_BINARY: env.MONGOMS_SYSTEM_BINARY,
        MONGOMS_DOWNLOAD_DIR: env.MONGOMS_DOWNLOAD_DIR,
        PATH: env.PATH,
      },
      dataDir,
      logger,
    });
    stops.push(database.stop);

    // The app's outgoing calls go through recording proxies so the activity pane can list them.
    const feedRef: { current: ReturnType<typeof createActivityFeed> | undefined } = { current: undefined };

    const zoom = await startZoomStandIn({ seed: DEFAULT_ZOOM_SEED, logger: logger.child({ part: 'zoom' }) });
    stops.push(zoom.stop);
    // Stable ports (UI port + 1 for the app, + 2 for Zoom) keep what the database stores valid
    // across restarts: PUBLIC_URL-based links and the Zoom API URL saved with each token.
    const uiPort = options.port ?? 3300;
    const zoomProxyUrl = { current: '' };
    const zoomProxy = await startRecordingProxy({
      target: zoom.url,
      logger,
      port: uiPort > 0 ? uiPort + 2 : 0,
      // Zoom names the API host to use in each token answer (`api_url`); naming this proxy keeps
      // the app's API calls visible, exactly as a regional Zoom API host would be used.
      rewriteJson: (path, json) =>
        path === '/oauth/token' && typeof json.api_url === 'string'
          ? { ...json, api_url: zoomProxyUrl.current }
          : json,
      onCall: (call) =>
        feedRef.current?.record({
          at: call.at,
          // The app calls the API, token and revoke; the rest (the consent page) is a person's browser.
          source: /^\/(v2\/|oauth\/(token|revoke))/.test(call.path) ? 'app-zoom' : 'browser-zoom',
          kind: /^\/(v2\/|oauth\/(token|revoke))/.test(call.path) ? 'zoom_call' : 'consent_page',
          team: null,
          user: null,
          summary: `${call.method} ${call.path} → ${call.status}${call.error ? ` (${call.error})` : ''}`,
          ok: call.status < 400,
        }),
    });
    stops.push(zoomProxy.stop);
    zoomProxyUrl.current = zoomProxy.url;

    // Multi-workspace mode also gets the Enterprise Grid organization, deployed org-wide below.
    const slackSeed = slackMode === 'multi' ? combineSeeds(DEFAULT_SEED, undeployedGrid()) : DEFAULT_SEED;
    const slack = await startSlackStandIn({
      signingSecret: secrets.slackSigningSecret,
      clientId: secrets.slackClientId,
      clientSecret: secrets.slackClientSecret,
      seed: slackSeed,
      // As the app's manifest says: `/zoom-meet` arrives with mentions escaped to user ids, and
      // only the manifest's shortcuts exist.
      commandEscaping: await loadCommandEscaping('manifest.yml'),
      shortcuts: await loadManifestShortcuts('manifest.yml'),
      logger: logger.child({ part: 'slack' }),
    });
    stops.push(slack.stop);
    const slackProxy = await startRecordingProxy({
      target: slack.url,
      logger,
      onCall: (call) => {
        // Bolt's install flow and response_url posts are recorded by the stand-in itself.
        if (!call.path.startsWith('/api/')) return;
        feedRef.current?.record({
          at: call.at,
          source: 'app-slack',
          kind: 'slack_call',
          team: null,
          user: null,
          summary: `${call.path.slice('/api/'.length)}${call.error ? ` → ${call.error}` : ' → ok'}`,
          ok: call.error === undefined,
        });
      },
    });
    stops.push(slackProxy.stop);

    const appPort = await pickPort(uiPort > 0 ? uiPort + 1 : 0);
    const appUrl = `http://127.0.0.1:${appPort}`;
    const zoomApps = new Map((DEFAULT_ZOOM_SEED.apps ?? []).map((app) => [app.client_id, app]));
    const orgApp = [...zoomApps.values()].find((app) => app.kind === 'admin');
    const userApp = [...zoomApps.values()].find((app) => app.kind === 'user');
    if (!orgApp || !userApp) throw new Error('the Zoom seed needs an admin-managed and a user-managed app');
    const firstTeam = DEFAULT_SEED.teams[0];
    if (!firstTeam) throw new Error('the Slack seed has no team');

    const appEnv: Record<string, string> = {
      SLACK_SIGNING_SECRET: secrets.slackSigningSecret,
      SLACK_API_URL: `${slackProxy.url}/api/`,
      ZOOM_ORG_CLIENT_ID: orgApp.client_id,
      ZOOM_ORG_CLIENT_SECRET: orgApp.client_secret,
      ZOOM_ORG_WEBHOOK_SECRET: orgApp.webhook_secret,
      ZOOM_USER_CLIENT_ID: userApp.client_id,
      ZOOM_USER_CLIENT_SECRET: userApp.client_secret,
      ZOOM_USER_WEBHOOK_SECRET: userApp.webhook_secret,
      ZOOM_OAUTH_URL: zoomProxy.url,
      ZOOM_API_URL: `${zoomProxy.url}/v2`,
      PUBLIC_URL: appUrl,
      MONGODB_URI: database.uri,
      TOKEN_ENCRYPTION_KEYS: secrets.encryptionKeys,
      PORT: String(appPort),
      // Any free port: two sandboxes (or a sandbox and the tests) must not fight over 9464.
      METRICS_PORT: '0',
      LOG_LEVEL: options.logLevel ?? (dataDir ? 'info' : 'silent'),
      NODE_ENV: 'development',
      ...(slackMode === 'multi'
        ? {
            SLACK_CLIENT_ID: secrets.slackClientId,
            SLACK_CLIENT_SECRET: secrets.slackClientSecret,
            SLACK_STATE_SECRET: secrets.slackStateSecret,
          }
        : { SLACK_BOT_TOKEN: firstTeam.bot_token }),
    };
    const config = loadConfig(appEnv, { sandbox: true });
    const appLogger: Logger = createLogger({
      level: config.logLevel,
      secrets: secretValues(config),
      name: 'zoom-org-connect',
      ...(dataDir && config.logLevel !== 'silent'
        ? { destination: pino.destination({ dest: join(dataDir, 'sandbox.log'), mkdir: true, sync: false }) }
        : {}),
    });
    const app = await buildApp(config, { logger: appLogger });
    stops.push(() => app.stop());
    await app.listen(appPort, '127.0.0.1');

    slack.setAppUrl(`${appUrl}/slack/events`);
    zoom.control.setWebhookTarget(`${appUrl}/zoom/webhooks`);

    const teams = slackMode === 'multi' ? slackSeed.teams : [firstTeam];
    if (slackMode === 'multi') {
      for (const team of DEFAULT_SEED.teams) {
        const installer = team.users?.find((u) => u.is_admin || u.is_owner) ?? team.users?.[0];
        if (!installer) continue;
        await installIntoTeam({
          appUrl,
          authorizeUrl: slack.authorizeUrl,
          team: team.id,
          user: installer.id,
        });
      }
      // An org admin deploys the app to the whole Grid organization: one installation, both workspaces.
      for (const enterprise of GRID_SEED.enterprises) {
        await installIntoTeam({
          appUrl,
          authorizeUrl: slack.authorizeUrl,
          team: enterprise.id,
          user: 'W_GRACE',
        });
      }
    }

    const feed = createActivityFeed({
      slackControl: async (path) => (await fetch(`${slack.url}/_sandbox${path}`)).json(),
      zoomControl: async (path) => (await fetch(`${zoom.url}/_sandbox${path}`)).json(),
      zoomAppName: (clientId) => (zoomApps.get(clientId)?.kind === 'admin' ? 'org app' : 'personal app'),
    });
    feedRef.current = feed;

    const ui = await startUiServer({
      port: uiPort,
      appUrl,
      slackControlUrl: `${slack.url}/_sandbox`,
      zoomControlUrl: `${zoom.url}/_sandbox`,
      zoomBrowserUrl: zoomProxy.url,
      zoomApps: [...zoomApps.values()].map((app) => ({
        client_id: app.client_id,
        kind: app.kind,
        name: app.name ?? app.client_id,
      })),
      teams: teams.map((team) => team.id),
      database: database.description,
      restored: restored && database.kind !== 'external',
      slackMode,
      feed,
      logger,
    });
    stops.push(ui.stop);

    return {
      url: ui.url,
      appUrl,
      slackUrl: slack.url,
      zoomUrl: zoomProxy.url,
      database: { kind: database.kind, description: database.description },
      app,
      slack,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

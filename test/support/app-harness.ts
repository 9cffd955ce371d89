/**
 * One helper that starts what an end-to-end test needs: a database (DESIGN §5 order), the Zoom
 * and Slack stand-ins, and the real app on loopback wired to them exactly as in production
 * (Bolt's HTTP receiver, WebClient, the Zoom clients). Tests then act only through HTTP.
 */
import pino from 'pino';
import { freePort } from '../../sandbox/shared/free-port.js';
import { type SlackSeed, type SlackStandIn, startSlackStandIn } from '../../sandbox/slack/index.js';
import { startZoomStandIn, type ZoomSeed, type ZoomStandIn } from '../../sandbox/zoom/index.js';
import { type BuiltApp, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from './database.js';

export const SIGNING_SECRET = 'e2e-signing-secret';
const KEY = Buffer.alloc(32, 42).toString('base64');

export interface AppHarness {
  app: BuiltApp;
  url: string;
  slack: SlackStandIn;
  zoom: ZoomStandIn;
  database: TestDatabase;
  /** A second app instance on the same database (scale-out tests). */
  startInstance(instanceId: string): Promise<{ app: BuiltApp; url: string }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra or overriding environment (an empty string unsets a variable). */
  env?: Record<string, string>;
  /** Slack app credentials the stand-in checks in oauth.v2.access (multi-workspace tests). */
  slackClient?: { clientId: string; clientSecret: string };
  /** The Slack stand-in's world (default: its DEFAULT_SEED), e.g. GRID_SEED for Enterprise Grid. */
  slackSeed?: SlackSeed;
  /** The Zoom stand-in's world (default: its DEFAULT_ZOOM_SEED). */
  zoomSeed?: ZoomSeed;
}

export async function startAppHarness(name: string, options: HarnessOptions = {}): Promise<AppHarness> {
  const env = options.env ?? {};
  const database = await startTestDatabase();
  const mongoUri = uniqueDatabaseUri(database.uri, `e2e_${name}_${Date.now().toString(36)}`);
  const zoom = await startZoomStandIn(options.zoomSeed ? { seed: options.zoomSeed } : {});
  const slack = await startSlackStandIn({
    signingSecret: SIGNING_SECRET,
    ...(options.slackClient ?? {}),
    ...(options.slackSeed ? { seed: options.slackSeed } : {}),
  });
  const logger = pino({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });

  const configFor = (port: number) =>
    loadConfig({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-acme',
      SLACK_API_URL: slack.apiUrl,
      ZOOM_ORG_CLIENT_ID: 'org-app',
      ZOOM_ORG_CLIENT_SECRET: 'org-secret',
      ZOOM_ORG_WEBHOOK_SECRET: 'org-webhook-secret',
      ZOOM_USER_CLIENT_ID: 'user-app',
      ZOOM_USER_CLIENT_SECRET: 'user-secret',
      ZOOM_USER_WEBHOOK_SECRET: 'user-webhook-secret',
      ZOOM_OAUTH_URL: zoom.url,
      ZOOM_API_URL: `${zoom.url}/v2`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MONGODB_URI: mongoUri,
      TOKEN_ENCRYPTION_KEYS: `e2e:${KEY}`,
      PORT: String(port),
      METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      ...env,
    });

  const instances: BuiltApp[] = [];
  const startInstance = async (instanceId: string) => {
    const port = await freePort();
    const app = await buildApp(configFor(port), {
      logger,
      instanceId,
      startJobs: false,
      defaultMetrics: false,
    });
    await app.listen(port, '127.0.0.1');
    instances.push(app);
    return { app, url: `http://127.0.0.1:${port}` };
  };

  const first = await startInstance('instance-1');
  slack.setAppUrl(`${first.url}/slack/events`);
  zoom.control.setWebhookTarget(`${first.url}/zoom/webhooks`);

  return {
    app: first.app,
    url: first.url,
    slack,
    zoom,
    database,
    startInstance,
    async stop() {
      for (const app of instances) await app.stop();
      await slack.stop();
      await zoom.stop();
      await database.stop();
    },
  };
}

export { followLinkAsZoomUser } from './link-browser.js';

/** The first link in a text or Block Kit payload that points at one of our approval routes. */
export function approvalLinkIn(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  const match = /https?:\/\/127\.0\.0\.1:\d+\/zoom\/(?:approve|connect)\/[A-Za-z0-9_.-]+/.exec(text);
  return match?.[0];
}

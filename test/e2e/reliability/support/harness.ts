/**
 * A copy of test/support/app-harness.ts with what the reliability, hostile and isolation suites
 * need on top: a shared movable clock (app + Zoom stand-in, so signed webhooks and token expiry
 * agree), the app's own redacting logger writing to memory (to search every log line for
 * secrets), and optionally a private MongoDB emulator that a test can stop and restart on the
 * same port (data kept in a snapshot file) to play "MongoDB went away".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MongoEmulator, startMongoEmulator } from '../../../../sandbox/mongo/index.js';
import { freePort } from '../../../../sandbox/shared/free-port.js';
import { type SlackStandIn, startSlackStandIn } from '../../../../sandbox/slack/index.js';
import { startZoomStandIn, type ZoomStandIn } from '../../../../sandbox/zoom/index.js';
import { type BuiltApp, buildApp } from '../../../../src/app.js';
import { type Config, loadConfig, secretValues } from '../../../../src/config.js';
import { createTokenCipher } from '../../../../src/crypto/token-cipher.js';
import { grantSeal } from '../../../../src/db/sealed-fields.js';
import { createLogger } from '../../../../src/logger.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../../../support/database.js';
import { followLinkAsZoomUser } from '../../../support/link-browser.js';

export const SIGNING_SECRET = 'e2e-signing-secret';
export const KEY = Buffer.alloc(32, 42).toString('base64');
export const T = 'T_ACME';

/** Real time plus an offset that tests move forward (never backward). */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  const clock = (() => new Date(Date.now() + offset)) as TestClock;
  clock.advance = (ms) => {
    offset += ms;
  };
  return clock;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Own emulator that `restartDatabase()`/`stopDatabase()` control (default: the shared test database). */
  ownDatabase?: boolean;
}

export interface ReliabilityHarness {
  app: BuiltApp;
  url: string;
  config: Config;
  slack: SlackStandIn;
  zoom: ZoomStandIn;
  clock: TestClock;
  mongoUri: string;
  /** Every line the app(s) logged, as written (JSON). */
  logLines: string[];
  startInstance(instanceId: string): Promise<{ app: BuiltApp; url: string }>;
  /** Only with `ownDatabase`: the MongoDB process goes away / comes back on the same port. */
  stopDatabase(): Promise<void>;
  restartDatabase(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReliabilityHarness(
  name: string,
  options: HarnessOptions = {},
): Promise<ReliabilityHarness> {
  const clock = createTestClock();
  let shared: TestDatabase | undefined;
  let own: MongoEmulator | undefined;
  let ownPort = 0;
  let snapshotDir: string | undefined;
  let mongoUri: string;
  if (options.ownDatabase) {
    snapshotDir = mkdtempSync(join(tmpdir(), 'zoc-reliability-'));
    own = await startMongoEmulator({ persistPath: join(snapshotDir, 'data.json') });
    ownPort = own.port;
    mongoUri = `mongodb://127.0.0.1:${ownPort}/e2e_${name}?serverSelectionTimeoutMS=1500`;
  } else {
    shared = await startTestDatabase();
    mongoUri = uniqueDatabaseUri(shared.uri, `e2e_${name}_${Date.now().toString(36)}`);
  }
  const zoom = await startZoomStandIn({ clock });
  const slack = await startSlackStandIn({ signingSecret: SIGNING_SECRET });

  // Behind a load balancer every instance has the same PUBLIC_URL: the first instance's here.
  let publicUrl: string | undefined;
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
      PUBLIC_URL: publicUrl ?? `http://127.0.0.1:${port}`,
      MONGODB_URI: mongoUri,
      TOKEN_ENCRYPTION_KEYS: `e2e:${KEY}`,
      PORT: String(port),
      METRICS_PORT: '0',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'test',
      ...options.env,
    });

  const logLines: string[] = [];
  const instances: BuiltApp[] = [];
  let firstConfig: Config | undefined;
  const startInstance = async (instanceId: string) => {
    const port = await freePort();
    const config = configFor(port);
    firstConfig ??= config;
    publicUrl ??= config.publicUrl;
    // The production logger (with its redaction), writing into memory.
    const logger = createLogger({
      level: 'debug',
      secrets: secretValues(config),
      destination: { write: (line: string) => void logLines.push(line) },
      name: instanceId,
    });
    const app = await buildApp(config, {
      logger,
      instanceId,
      clock,
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
    config: firstConfig as Config,
    slack,
    zoom,
    clock,
    mongoUri,
    logLines,
    startInstance,
    async stopDatabase() {
      if (!own) throw new Error('stopDatabase needs ownDatabase: true');
      await own.stop();
      own = undefined;
    },
    async restartDatabase() {
      if (own) return;
      own = await startMongoEmulator({
        port: ownPort,
        ...(snapshotDir ? { persistPath: join(snapshotDir, 'data.json') } : {}),
      });
    },
    async stop() {
      for (const app of instances) await app.stop().catch(() => undefined);
      await slack.stop();
      await zoom.stop();
      await own?.stop();
      await shared?.stop();
      if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
    },
  };
}

/** A browser following an approval/connect link: our page, Zoom's consent, the callback page. */
/** The whole link journey in one browser (test/support/link-browser.ts). */
export function followLink(
  harness: Pick<ReliabilityHarness, 'zoom'>,
  link: string,
  zoomEmail: string,
): Promise<{ status: number; html: string; refused?: string }> {
  return followLinkAsZoomUser(harness, link, zoomEmail);
}

export function approvalLinkIn(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  const match = /https?:\/\/127\.0\.0\.1:\d+\/zoom\/(?:approve|connect)\/[A-Za-z0-9_.-]+/.exec(text);
  return match?.[0];
}

export const text = (value: unknown): string => JSON.stringify(value);

/** Polls an async condition (every 25 ms) until it holds; throws with `what` after `timeoutMs`. */
export async function until(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Every configured secret and the live Zoom tokens of every grant (opened from the
 * database) that appear in the app's log lines, in `texts`, or in any Slack surface of T_ACME.
 */
export async function secretLeaks(h: ReliabilityHarness, texts: string[] = []): Promise<string[]> {
  const cipher = createTokenCipher(h.config.encryptionKeys);
  const tokens: string[] = [];
  for (const doc of await h.app.models.zoomGrants.find({}).lean()) {
    if (!doc.credential) continue;
    tokens.push(
      cipher.open(doc.credential.accessToken, grantSeal(doc.app, doc.zoomUserId, 'accessToken')),
      cipher.open(doc.credential.refreshToken, grantSeal(doc.app, doc.zoomUserId, 'refreshToken')),
    );
  }
  const secrets = [
    SIGNING_SECRET,
    'xoxb-acme',
    'org-secret',
    'user-secret',
    'org-webhook-secret',
    'user-webhook-secret',
    KEY,
    ...tokens,
  ];
  const slackText: string[] = [];
  for (const user of ['U_SLACKADMIN', 'U_OWNER', 'U_ZOOMADMIN', 'U_ALICE', 'U_BOB', 'U_CAROL']) {
    const member = h.slack.user(T, user);
    slackText.push(JSON.stringify([member.dms(), member.ephemerals(), member.modals(), member.home()]));
  }
  slackText.push(JSON.stringify(h.slack.user(T, 'U_ALICE').channelMessages('C_GENERAL')));
  const leaks: string[] = [];
  for (const [where, haystack] of [
    ['log', h.logLines],
    ['text', texts],
    ['slack', slackText],
  ] as const) {
    for (const secret of secrets) {
      const hit = haystack.find((t) => t.includes(secret));
      if (hit) leaks.push(`${where}: ${secret.slice(0, 4)}… in ${hit.slice(0, 200)}`);
    }
  }
  return leaks;
}

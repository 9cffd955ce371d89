/**
 * startSlackStandIn: one loopback HTTP server with the Web API (`/api/`), the response_url and
 * OAuth endpoints, and the control API (`/_sandbox`), around a simulated workspace whose users
 * send signed requests to the app.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import type { EventResult, SubmitValues } from './actors.js';
import { createActors } from './actors.js';
import { createControlRouter } from './control-api.js';
import type { AppResponse, DeliveryOptions } from './delivery.js';
import { createDelivery } from './delivery.js';
import type { Faults } from './faults.js';
import { createFaults } from './faults.js';
import type { ManifestShortcut } from './manifest.js';
import type { MethodDeps } from './methods/index.js';
import type { RecordedError } from './recorder.js';
import { createRecorder } from './recorder.js';
import type { ParsedSlackSeed, SlackSeed } from './seed.js';
import { DEFAULT_SEED, parseSeed } from './seed.js';
import type { SimulatedUser } from './simulated-user.js';
import { createSimulatedUser, waitFor } from './simulated-user.js';
import { createWebApiRouter } from './web-api.js';
import type { JsonObject, Workspace } from './workspace.js';
import { createWorkspace } from './workspace.js';

export interface SlackStandInOptions {
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** The app's request URL, e.g. http://127.0.0.1:3000/slack/events; settable later with setAppUrl. */
  appUrl?: string;
  signingSecret: string;
  /** Default: DEFAULT_SEED (T_ACME and T_OTHER). Parsed with zod. */
  seed?: SlackSeed | ParsedSlackSeed;
  /** Workspace time in ms (trigger expiry, ts, event_time). Default Date.now. */
  clock?: () => number;
  /** Time used for request signatures; stays real by default because Bolt checks it against its own clock. */
  signingClock?: () => number;
  logger?: pino.Logger;
  /** Checked by oauth.v2.access and the authorize page when set. */
  clientId?: string;
  clientSecret?: string;
  /** Redirect target of the authorize page when a request names none. */
  redirectUri?: string;
  /** How long the API must be idle before an act returns (default 100 ms); 0 disables settling. */
  settleQuietMs?: number;
  /** Upper bound for settling (default 5000 ms). */
  settleTimeoutMs?: number;
  /** Timeout of one delivery to the app (default 10 s). */
  deliveryTimeoutMs?: number;
  /**
   * `should_escape` per slash command, as in the app manifest (see loadCommandEscaping): escaped
   * commands get `<@U…|name>` / `<#C…|name>` / `<url>` markup. Default: none escaped.
   */
  commandEscaping?: Record<string, boolean>;
  /**
   * The shortcuts of the app's manifest (see loadManifestShortcuts); when given, a person can only
   * use those. Default: any callback_id may be sent.
   */
  shortcuts?: ManifestShortcut[];
  /**
   * Keep connections alive, as Slack does (default false: see the note where it is applied). A
   * long-lived stand-in that the app keeps talking to (the benchmarks) should say true.
   */
  keepAlive?: boolean;
}

export interface SlackStandIn {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** What the app sets as SLACK_API_URL (`<url>/api/`). */
  readonly apiUrl: string;
  readonly workspace: Workspace;
  readonly faults: Faults;
  user(teamId: string, userId: string): SimulatedUser;
  setAppUrl(url: string): void;
  /** Replaces the `should_escape` settings of slash commands. */
  setCommandEscaping(escaping: Record<string, boolean>): void;
  /** Replaces the shortcuts a person may use (undefined: any). */
  setShortcuts(shortcuts: ManifestShortcut[] | undefined): void;
  errors(): RecordedError[];
  clearErrors(): void;
  /** Waits until no Web API call is in flight and none came for `quietMs`. */
  settle(quietMs?: number): Promise<void>;
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Sends an event (applying team_join / user_change / app_uninstalled / tokens_revoked to the workspace). */
  sendEvent(
    teamId: string,
    event: JsonObject,
    options?: DeliveryOptions & { eventId?: string },
  ): Promise<EventResult>;
  /** Redelivers a sent event with `x-slack-retry-num`. */
  redeliverEvent(eventId: string, retryNum?: number, retryReason?: string): Promise<EventResult>;
  /** Sends a command with custom delivery options (bad signature, stale timestamp, retry headers). */
  deliverCommand(
    teamId: string,
    userId: string,
    command: string,
    text?: string,
    options?: DeliveryOptions & { channel?: string },
  ): Promise<AppResponse>;
  /** An OAuth code for oauth.v2.access, as if the user had approved the install. */
  issueOAuthCode(teamId: string, userId: string, redirectUri?: string): string;
  /**
   * Fetches a link as Slack's unfurler does (GET, Slackbot-LinkExpanding user agent, redirects not
   * followed), so a test can check that a bot merely looking at a link changes nothing.
   */
  unfurl(url: string): Promise<AppResponse & { location: string | undefined }>;
  /** The authorize URL to give Bolt's InstallProvider as `authorizationUrl`. */
  readonly authorizeUrl: string;
  submit(
    teamId: string,
    userId: string,
    values: SubmitValues,
    viewId?: string,
  ): ReturnType<SimulatedUser['submit']>;
  stop(): Promise<void>;
}

const SETTLE_MIN_TURNS = 10;

export const UNFURLER_USER_AGENT = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';

async function unfurl(url: string, recorder: ReturnType<typeof createRecorder>) {
  recorder.activity('unfurl', undefined, undefined, `unfurl ${url}`);
  const response = await fetch(url, {
    headers: { 'user-agent': UNFURLER_USER_AGENT, accept: 'text/html,*/*' },
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: response.status, body, json, location: response.headers.get('location') ?? undefined };
}

function isParsed(seed: SlackSeed | ParsedSlackSeed): seed is ParsedSlackSeed {
  return (
    typeof seed.app_id === 'string' &&
    Array.isArray(seed.enterprises) &&
    seed.teams.every((t) => Array.isArray(t.users) && Array.isArray(t.scopes))
  );
}

export async function startSlackStandIn(options: SlackStandInOptions): Promise<SlackStandIn> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const clock = options.clock ?? Date.now;
  const seed =
    options.seed === undefined
      ? parseSeed(DEFAULT_SEED)
      : isParsed(options.seed)
        ? options.seed
        : parseSeed(options.seed);
  const workspace = createWorkspace(seed, clock);
  const recorder = createRecorder(clock);
  const faults = createFaults();
  let appUrl = options.appUrl;
  let commandEscaping = { ...(options.commandEscaping ?? {}) };
  let shortcuts = options.shortcuts;
  let baseUrl = '';
  const quietDefault = options.settleQuietMs ?? 100;
  const settleTimeout = options.settleTimeoutMs ?? 5_000;

  /**
   * Quiet means: nothing in flight and no change for `quietMs` of wall time AND for several loop
   * turns, each with an I/O poll phase. Counting turns matters when the process is starved of CPU:
   * on resume, overdue timers run before pending sockets are read, so wall time alone would call
   * it quiet while the app's next Web API request sits unread in the kernel.
   */
  const settle = async (quietMs = quietDefault): Promise<void> => {
    if (quietMs <= 0) return;
    const deadline = Date.now() + settleTimeout;
    let seen = recorder.quiet().changes;
    let quietSince = Date.now();
    let quietTurns = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setImmediate(resolve));
      const { inFlight, changes } = recorder.quiet();
      if (inFlight > 0 || changes !== seen) {
        seen = changes;
        quietSince = Date.now();
        quietTurns = 0;
      } else {
        quietTurns += 1;
      }
      if (quietTurns >= SETTLE_MIN_TURNS && Date.now() - quietSince >= quietMs) return;
      if (Date.now() > deadline) return;
    }
  };

  const delivery = createDelivery({
    appUrl: () => appUrl,
    signingSecret: options.signingSecret,
    signingClock: options.signingClock ?? Date.now,
    logger: logger.child({ module: 'slack-stand-in.delivery' }),
    timeoutMs: options.deliveryTimeoutMs ?? 10_000,
  });
  const methodDeps: MethodDeps = {
    workspace,
    recorder,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  };
  const actors = createActors({
    workspace,
    recorder,
    delivery,
    methodDeps,
    baseUrl: () => baseUrl,
    logger,
    settle: () => settle(),
    commandEscaping: () => commandEscaping,
    shortcuts: () => shortcuts,
  });
  const users = new Map<string, SimulatedUser>();
  const user = (teamId: string, userId: string): SimulatedUser => {
    if (!workspace.user(teamId, userId))
      throw new Error(`Slack stand-in: unknown user ${userId} in ${teamId}`);
    const key = `${teamId}/${userId}`;
    let handle = users.get(key);
    if (!handle) {
      handle = createSimulatedUser(workspace, actors, teamId, userId);
      users.set(key, handle);
    }
    return handle;
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // No keep-alive: a test process starts and stops many stand-ins, and a pooled socket to a stopped
  // one whose port is handed out again would fail the next request with ECONNRESET.
  if (!options.keepAlive) {
    app.use((_req, res, next) => {
      res.set('connection', 'close');
      next();
    });
  }
  app.use(
    createWebApiRouter({
      workspace,
      recorder,
      faults,
      logger: logger.child({ module: 'slack-stand-in.web-api' }),
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: options.redirectUri,
    }),
  );
  app.use(
    '/_sandbox',
    createControlRouter({
      workspace,
      actors,
      recorder,
      faults,
      logger: logger.child({ module: 'slack-stand-in.control' }),
      user,
      setAppUrl: (url) => {
        appUrl = url;
      },
      appUrl: () => appUrl,
      unfurl: (url) => unfurl(url, recorder),
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ ok: false, error: 'not_found' });
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      else resolve(s);
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;
  logger.info({ url: baseUrl }, 'Slack stand-in listening');

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    authorizeUrl: `${baseUrl}/oauth/v2/authorize`,
    workspace,
    faults,
    user,
    setAppUrl(url) {
      appUrl = url;
    },
    setCommandEscaping(escaping) {
      commandEscaping = { ...escaping };
    },
    setShortcuts(next) {
      shortcuts = next;
    },
    errors: () => recorder.errors(),
    clearErrors: () => recorder.clearErrors(),
    settle,
    waitFor: (predicate, timeoutMs) => waitFor(predicate, timeoutMs),
    sendEvent: (teamId, event, eventOptions) => actors.event(teamId, event, eventOptions),
    redeliverEvent: (eventId, retryNum, retryReason) => actors.redeliver(eventId, retryNum, retryReason),
    deliverCommand: (teamId, userId, command, text, commandOptions) =>
      actors.command(teamId, userId, command, text, commandOptions),
    issueOAuthCode: (teamId, userId, redirectUri) =>
      workspace.issueOAuthCode({ teamId, userId, redirectUri, scopes: [] }).code,
    submit: (teamId, userId, values, viewId) => actors.submit(teamId, userId, values, viewId),
    unfurl: (url) => unfurl(url, recorder),
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

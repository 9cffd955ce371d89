/**
 * SIGTERM while work after an answer is still running (issue 15): the app runs as production runs
 * it (its own process, `src/main.ts`, configured by its environment) and is stopped the way an
 * orchestrator stops it, right after it answered Slack (a modal submission) or Zoom (a webhook).
 * The Slack stand-in holds the DM call for a while, so the DM is certainly still in flight when
 * the signal arrives: it must still go out, and the process must exit by itself, in time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../sandbox/shared/free-port.js';
import { type SlackStandIn, startSlackStandIn } from '../../sandbox/slack/index.js';
import { startZoomStandIn, type ZoomStandIn } from '../../sandbox/zoom/index.js';
import { approvalLinkIn, followLinkAsZoomUser } from '../support/app-harness.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../support/database.js';

const root = path.resolve(import.meta.dirname, '../..');
const SIGNING_SECRET = 'shutdown-signing-secret';
const T = 'T_ACME';
/** How long the Slack stand-in holds the DM: long enough to be in flight when SIGTERM lands. */
const HOLD_MS = 1_500;
/** Generous on a busy 2-core machine; the app's own drain bound is 10 s. */
const EXIT_WITHIN_MS = 25_000;

let database: TestDatabase;
let slack: SlackStandIn;
let zoom: ZoomStandIn;
let mongoUri: string;

beforeAll(async () => {
  database = await startTestDatabase();
  mongoUri = uniqueDatabaseUri(database.uri, `e2e_shutdown_${Date.now().toString(36)}`);
  zoom = await startZoomStandIn({});
  // No settling: an act returns as soon as the app answered, so the signal follows the answer.
  slack = await startSlackStandIn({ signingSecret: SIGNING_SECRET, settleQuietMs: 0 });
});

afterAll(async () => {
  await slack?.stop();
  await zoom?.stop();
  await database?.stop();
});

interface RunningApp {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** One port for both runs: the approval link made by the first process carries it. */
let port = 0;

async function startApp(): Promise<RunningApp> {
  if (port === 0) port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
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
      PUBLIC_URL: url,
      MONGODB_URI: mongoUri,
      TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      PORT: String(port),
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    },
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  // Ready when /readyz answers 200 (bounded: start-up with tsx on a busy machine takes a few seconds).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited at start:\n${output.join('')}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the app did not become ready:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  slack.setAppUrl(`${url}/slack/events`);
  zoom.control.setWebhookTarget(`${url}/zoom/webhooks`);
  return { child, url, output };
}

/** SIGTERM, then the time until the process exited and its exit code. */
async function terminate(app: RunningApp): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const exited = once(app.child, 'exit') as Promise<[number | null, string | null]>;
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), EXIT_WITHIN_MS);
  const [code] = await exited;
  clearTimeout(timer);
  return { code, ms: Date.now() - started };
}

const text = (value: unknown) => JSON.stringify(value);

describe('SIGTERM right after an answer', () => {
  let approvalLink: string | undefined;

  it('after a modal submission: the approval DM to the Zoom admin still goes out, and the process exits', async () => {
    const app = await startApp();
    const sam = slack.user(T, 'U_SLACKADMIN');
    await sam.command('/zoom-connect', 'org');
    await sam.waitFor(() => sam.lastModal()?.callbackId === 'zoom_connect' || undefined, 10_000);
    await sam.select({ actionId: 'connect_org_path_choice', value: 'send' });
    // No settling here: wait for the modal to show the recipient picker.
    await sam.waitFor(
      () => text(sam.lastModal()?.view).includes('"block_id":"connect_recipient"') || undefined,
      10_000,
    );
    slack.faults.add({ method: 'conversations.open', kind: 'delay', delayMs: HOLD_MS, times: 1 });
    const submitted = await sam.submit({
      connect_recipient: { connect_recipient_pick: 'U_ZOOMADMIN' },
    });
    expect(submitted.status).toBe(200);
    const zoe = slack.user(T, 'U_ZOOMADMIN');
    // The answer is in; the DM is held by Slack right now.
    expect(zoe.dms().some((m) => text(m).includes('Approve in Zoom'))).toBe(false);

    const { code, ms } = await terminate(app);
    expect(code, app.output.join('')).toBe(0);
    expect(ms).toBeLessThan(EXIT_WITHIN_MS);
    expect(zoe.dms().some((m) => text(m).includes('Approve in Zoom'))).toBe(true);
    approvalLink = approvalLinkIn(sam.lastModal()?.view);
    expect(approvalLink).toBeDefined();
  });

  it('after a Zoom webhook answer: the admins are still told, and the process exits', async () => {
    const app = await startApp();
    // The link was made by the previous process: the same database serves it.
    const done = await followLinkAsZoomUser({ zoom }, approvalLink ?? '', 'zoom-admin@acme.test');
    expect(done.status).toBe(200);
    const sam = slack.user(T, 'U_SLACKADMIN');
    await sam.waitFor(
      () => sam.dms().some((m) => text(m).includes('zoom-admin@acme.test')) || undefined,
      10_000,
    );
    const alertsBefore = sam.dms().filter((m) => text(m).includes('stopped')).length;

    slack.faults.add({ method: 'conversations.open', kind: 'delay', delayMs: HOLD_MS, times: 5 });
    // Zoom deletes the admin behind the connection: the stand-in sends user.deleted and gets its 200.
    await zoom.control.deleteUser('zoom-admin@acme.test');
    const delivered = zoom.control.state().webhook_deliveries.at(-1);
    expect(delivered).toMatchObject({ event: 'user.deleted', status: 200 });

    const { code, ms } = await terminate(app);
    expect(code, app.output.join('')).toBe(0);
    expect(ms).toBeLessThan(EXIT_WITHIN_MS);
    expect(sam.dms().filter((m) => text(m).includes('stopped')).length).toBe(alertsBefore + 1);
  });
});

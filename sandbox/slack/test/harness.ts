// A real Bolt App (ExpressReceiver on a random loopback port) wired to a Slack stand-in.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authorize } from '@slack/bolt';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import type { SlackStandIn, SlackStandInOptions } from '../index.js';
import { startSlackStandIn } from '../index.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface Harness {
  standIn: SlackStandIn;
  app: App;
  /** The Express receiver; tests may add routes to its `app` (e.g. a page behind a link). */
  receiver: ExpressReceiver;
  appUrl: string;
  stop(): Promise<void>;
}

export async function startHarness(
  register: (app: App) => void,
  options: Partial<SlackStandInOptions> & { token?: string; authorize?: Authorize<boolean> } = {},
): Promise<Harness> {
  const { token, authorize, ...standInOptions } = options;
  const standIn = await startSlackStandIn({ signingSecret: SIGNING_SECRET, ...standInOptions });
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({
    // An org-wide app (Enterprise Grid) authorizes per request instead of holding one token.
    ...(authorize ? { authorize } : { token: token ?? 'xoxb-acme' }),
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } },
  });
  register(app);
  // No keep-alive, for the same reason as in the stand-in: ports are reused across tests.
  const server: Server = createServer((req, res) => {
    res.setHeader('connection', 'close');
    receiver.app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const appUrl = `http://127.0.0.1:${port}/slack/events`;
  standIn.setAppUrl(appUrl);
  return {
    standIn,
    app,
    receiver,
    appUrl,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await standIn.stop();
    },
  };
}

/** WebClient / Bolt logger that prints nothing (the stand-in's error responses are expected in tests). */
export const quietLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

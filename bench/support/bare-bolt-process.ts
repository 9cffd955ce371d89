/**
 * The framework's floor for benchmark 1: a Bolt app with the same Bolt version and receiver as ours
 * (ExpressReceiver on an express app, same body limit and options, same HTTP server settings),
 * whose only listener acks every slash command. No database, no services.
 * Prints `ready <port>`.
 */
import bolt, { LogLevel } from '@slack/bolt';
import express from 'express';
import { z } from 'zod';
import { listen } from '../../src/http/server.js';

const { App, ExpressReceiver } = bolt;

const env = z
  .object({
    SLACK_SIGNING_SECRET: z.string().min(1),
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-'),
    SLACK_API_URL: z.url(),
  })
  .parse(process.env);

async function main(): Promise<void> {
  const http = express();
  http.disable('x-powered-by');
  const receiver = new ExpressReceiver({
    signingSecret: env.SLACK_SIGNING_SECRET,
    app: http,
    bodyLimit: '256kb',
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    receiver,
    clientOptions: { slackApiUrl: env.SLACK_API_URL },
    convoStore: false,
    extendedErrorHandler: true,
    logLevel: LogLevel.ERROR,
  });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = await listen(http, 0, '127.0.0.1');
  process.stdout.write(`ready ${server.port}\n`);
  const stop = () => {
    server.close(1_000).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare bolt: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

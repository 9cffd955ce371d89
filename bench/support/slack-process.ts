/**
 * The Slack stand-in in its own process, for the benchmarks. Besides what `npm run sandbox:slack`
 * does, it issues a pool of response_url values before announcing itself (written as a JSON array
 * to --response-urls FILE), so the app's follow-up `respond()` calls land on URLs the stand-in
 * knows, as they would at Slack, instead of failing as unknown.
 * Prints `ready <apiUrl>`. On a `replies` line on stdin it prints `replies <json>`: `[poolIndex,
 * epochMs]` for every use of a pool URL since the previous `replies` line, the moment each reply
 * reached the stand-in (so the runner can time request → reply).
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadSeedFile, startSlackStandIn } from '../../sandbox/slack/index.js';

const argsSchema = z.object({
  seed: z.string().min(1),
  'signing-secret': z.string().min(1),
  'response-urls': z.string().min(1),
  count: z.coerce.number().int().min(0).max(100_000),
  team: z.string().min(1),
  user: z.string().min(1),
  channel: z.string().min(1),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      'signing-secret': { type: 'string' },
      'response-urls': { type: 'string' },
      count: { type: 'string' },
      team: { type: 'string' },
      user: { type: 'string' },
      channel: { type: 'string' },
    },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const standIn = await startSlackStandIn({
    signingSecret: args['signing-secret'],
    seed: await loadSeedFile(args.seed),
    settleQuietMs: 0,
    // Slack keeps connections alive; a new TCP connection per respond() would bill the app for a
    // cost it does not have in production.
    keepAlive: true,
  });
  let replies: Array<[number, number]> = [];
  const urls = Array.from({ length: args.count }, (_, index) => {
    const record = standIn.workspace.issueResponseUrl({
      teamId: args.team,
      userId: args.user,
      channelId: args.channel,
      messageTs: undefined,
      isEphemeral: true,
    });
    // The stand-in counts a use once the reply's body was read and accepted: note when.
    let uses = record.uses;
    Object.defineProperty(record, 'uses', {
      get: () => uses,
      set: (value: number) => {
        if (value > uses) replies.push([index, Date.now()]);
        uses = value;
      },
    });
    return `${standIn.url}/response/${record.id}`;
  });
  writeFileSync(args['response-urls'], JSON.stringify(urls));
  process.stdout.write(`ready ${standIn.apiUrl}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'replies') return;
    process.stdout.write(`replies ${JSON.stringify(replies)}\n`);
    replies = [];
  });
  const stop = () => {
    standIn.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench slack stand-in: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

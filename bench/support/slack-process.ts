/**
 * The Slack stand-in in its own process, for the benchmarks. Besides what `npm run sandbox:slack`
 * does, it issues a pool of response_url values before announcing itself (written as a JSON array
 * to --response-urls FILE), so the app's follow-up `respond()` calls land on URLs the stand-in
 * knows, as they would at Slack, instead of failing as unknown.
 * Prints `ready <apiUrl>`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadSeedFile, startSlackStandIn } from '../../src/sandbox/slack/index.js';

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
  });
  const urls = Array.from({ length: args.count }, () => {
    const record = standIn.workspace.issueResponseUrl({
      teamId: args.team,
      userId: args.user,
      channelId: args.channel,
      messageTs: undefined,
      isEphemeral: true,
    });
    return `${standIn.url}/response/${record.id}`;
  });
  writeFileSync(args['response-urls'], JSON.stringify(urls));
  process.stdout.write(`ready ${standIn.apiUrl}\n`);
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

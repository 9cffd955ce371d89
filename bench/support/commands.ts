/** `/zoom-status` requests as Slack sends them, from the benchmark's users. */
import { randomBytes } from 'node:crypto';
import { COMMAND_USERS, TEAM_ID, userId } from './scenario.js';
import { signedHeaders, slashCommandBody } from './slack-signing.js';

const runId = randomBytes(4).toString('hex');

/**
 * Body factory for autocannon: user i % COMMAND_USERS, a fresh trigger id, and the next response_url
 * of the pool (shared across calls so no URL is used more than Slack's 5 times in one run).
 */
export function statusBodies(
  responseUrls: readonly string[],
  command = '/zoom-status',
  /** Called as each body is made (i.e. sent), with the index of the pool URL it carries. */
  onSend?: (urlIndex: number) => void,
): (i: number) => string {
  let next = 0;
  return (i) => {
    const urlIndex = next % Math.max(1, responseUrls.length);
    onSend?.(urlIndex);
    const responseUrl = responseUrls[urlIndex] ?? 'http://127.0.0.1:9/response/none';
    next += 1;
    return slashCommandBody({
      teamId: TEAM_ID,
      userId: userId(i % COMMAND_USERS),
      command,
      responseUrl,
      triggerId: `${Math.floor(Date.now() / 1000)}.${runId}.${next}`,
    });
  };
}

export interface ProbeAnswer {
  status: number;
  ms: number;
  body: string;
}

/** One signed POST to `/slack/events`, timed (used to check a target answers before loading it). */
export async function probe(baseUrl: string, signingSecret: string, body: string): Promise<ProbeAnswer> {
  const start = process.hrtime.bigint();
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: signedHeaders(signingSecret, body),
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, ms: Number(process.hrtime.bigint() - start) / 1e6, body: text };
}

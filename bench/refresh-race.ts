/**
 * Benchmark 5: token refresh under load. Three app instances (separate processes, each with its own
 * database connection and Zoom gateway with its own instanceId) start 200 meeting creations at once,
 * just after the Zoom stand-in expired the organization's access token. Refresh tokens rotate, so
 * exactly one `refresh_token` request may reach Zoom; we count them at the stand-in.
 */
import { z } from 'zod';
import { childEnv, spawnService } from './support/processes.js';
import { type BenchResult, check, type Figure } from './support/report.js';
import {
  ENCRYPTION_KEYS,
  memberEmail,
  RACE_MEMBERS,
  RACE_TEAM_ID,
  ZOOM_ADMIN_FOR,
  ZOOM_APPS,
} from './support/scenario.js';
import type { Stack } from './support/stack.js';
import { round } from './support/stats.js';

const workerResult = z.object({
  instance: z.string(),
  attempted: z.number(),
  succeeded: z.number(),
  failures: z.record(z.string(), z.number()),
  elapsedMs: z.number(),
});
const zoomState = z.object({ token_requests: z.record(z.string(), z.number()) }).loose();

async function zoomControl(stack: Stack, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${stack.zoom.url}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`Zoom stand-in ${method} ${path}: HTTP ${response.status}`);
  return response.json();
}

async function refreshCount(stack: Stack): Promise<number> {
  return zoomState.parse(await zoomControl(stack, 'GET', '/state')).token_requests.refresh_token ?? 0;
}

export async function benchRefreshRace(
  stack: Stack,
  options: { instances: number; creations: number; refreshDelayMs: number },
): Promise<Omit<BenchResult, 'id' | 'title' | 'durationS'>> {
  const zoomAdmin = ZOOM_ADMIN_FOR[RACE_TEAM_ID] ?? '';
  await stack.world.seedMembers(RACE_TEAM_ID, 0, RACE_MEMBERS, (i) => memberEmail(RACE_TEAM_ID, i));
  await stack.world.connectOrg(RACE_TEAM_ID, zoomAdmin);

  const share = (k: number) =>
    Math.floor(options.creations / options.instances) + (k < options.creations % options.instances ? 1 : 0);
  const workers = await Promise.all(
    Array.from({ length: options.instances }, (_, k) =>
      spawnService({
        name: `instance-${k + 1}`,
        entry: 'bench/support/meeting-worker.ts',
        env: childEnv({
          BENCH_MONGODB_URI: stack.database.uri,
          BENCH_ZOOM_URL: stack.zoom.url,
          BENCH_KEYS: ENCRYPTION_KEYS,
          BENCH_WORKSPACE: RACE_TEAM_ID,
          BENCH_INSTANCE: `instance-${k + 1}`,
          BENCH_CREATIONS: String(share(k)),
          BENCH_MEMBERS: String(RACE_MEMBERS),
          BENCH_ORG_CLIENT_ID: ZOOM_APPS.org.clientId,
          BENCH_ORG_CLIENT_SECRET: ZOOM_APPS.org.clientSecret,
          BENCH_USER_CLIENT_ID: ZOOM_APPS.user.clientId,
          BENCH_USER_CLIENT_SECRET: ZOOM_APPS.user.clientSecret,
        }),
      }),
    ),
  );
  try {
    // A slow token endpoint widens the window in which the other instances must wait, not refresh.
    if (options.refreshDelayMs > 0) {
      await zoomControl(stack, 'POST', '/faults', {
        route: 'oauth.token',
        grant_type: 'refresh_token',
        delay_ms: options.refreshDelayMs,
        count: 100,
      });
    }
    const before = await refreshCount(stack);
    const expired = z
      .object({ expired: z.number() })
      .parse(await zoomControl(stack, 'POST', '/expire-tokens', { email: zoomAdmin })).expired;
    const results = workers.map((worker) => worker.waitForLine('result '));
    for (const worker of workers) worker.child.stdin?.write('go\n');
    const reports = (await Promise.all(results)).map((line) => workerResult.parse(JSON.parse(line)));
    const refreshes = (await refreshCount(stack)) - before;

    const rows: Array<Record<string, Figure>> = reports.map((r) => ({
      instance: r.instance,
      attempted: r.attempted,
      succeeded: r.succeeded,
      failures: Object.entries(r.failures)
        .map(([code, n]) => `${code} ${n}`)
        .join(', '),
      'elapsed (ms)': round(r.elapsedMs, 1),
    }));
    const attempted = reports.reduce((sum, r) => sum + r.attempted, 0);
    const succeeded = reports.reduce((sum, r) => sum + r.succeeded, 0);
    return {
      rows,
      checks: [
        check('refresh_token requests received by Zoom', 'exactly 1', refreshes, refreshes === 1),
        check(
          'meeting creations that succeeded',
          `${attempted} of ${attempted}`,
          `${succeeded} of ${attempted}`,
          succeeded === attempted,
        ),
      ],
      notes: [
        `${options.instances} instances, ${attempted} creations started together; ${expired} access token(s) expired at Zoom just before; the token endpoint answered refreshes after ${options.refreshDelayMs} ms.`,
      ],
    };
  } finally {
    await zoomControl(stack, 'DELETE', '/faults').catch(() => undefined);
    for (const worker of workers) await worker.stop();
  }
}

/**
 * Runs periodic jobs so that each runs once per interval across all instances: every instance
 * ticks, the one that takes the job's lease runs it and then holds the lease until the next due
 * time. A run that throws is retried sooner (after `retryMs`), never silently dropped.
 */
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { LeaseManager } from './leases.js';

export interface JobDefinition {
  name: string;
  intervalMs: number;
  /** How long a run may take before another instance may assume this one died. */
  maxRunMs: number;
  run(): Promise<void>;
}

export interface JobScheduler {
  start(): void;
  stop(): Promise<void>;
  /** Tick every job once now (tests, benchmarks); resolves with what ran. */
  tick(): Promise<Array<{ job: string; outcome: 'ran' | 'skipped' | 'failed' }>>;
}

export function createJobScheduler(deps: {
  jobs: JobDefinition[];
  leases: LeaseManager;
  logger: Logger;
  metrics?: Metrics;
  clock?: () => Date;
  tickMs?: number;
  retryMs?: number;
  /**
   * When given and false, a tick does nothing: with the database gone every lease attempt waits
   * for the driver's server selection timeout (10 s per job), which also delays shutdown.
   */
  isDatabaseUp?: () => boolean;
}): JobScheduler {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger.child({ module: 'jobs' });
  const retryMs = deps.retryMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function runJob(job: JobDefinition): Promise<'ran' | 'skipped' | 'failed'> {
    const startedAt = clock();
    if (!(await deps.leases.tryAcquire(`job:${job.name}`, job.maxRunMs))) return 'skipped';
    try {
      await job.run();
      await deps.leases.holdUntil(`job:${job.name}`, new Date(startedAt.getTime() + job.intervalMs));
      return 'ran';
    } catch (error) {
      logger.error({ err: error, job: job.name }, 'job failed; it will be retried');
      await deps.leases
        .holdUntil(`job:${job.name}`, new Date(clock().getTime() + Math.min(retryMs, job.intervalMs)))
        .catch(() => undefined);
      return 'failed';
    }
  }

  async function tick() {
    const results: Array<{ job: string; outcome: 'ran' | 'skipped' | 'failed' }> = [];
    if (deps.isDatabaseUp && !deps.isDatabaseUp()) {
      logger.warn('database unavailable: jobs wait for the next tick');
      return results;
    }
    for (const job of deps.jobs) {
      const outcome = await runJob(job).catch((error: unknown) => {
        // The database itself failed (e.g. unreachable): nothing ran, try at the next tick.
        logger.warn({ err: error, job: job.name }, 'could not take the job lease');
        return 'failed' as const;
      });
      deps.metrics?.jobRuns.inc({ job: job.name, outcome });
      results.push({ job: job.name, outcome });
    }
    return results;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        running = running.then(tick, tick);
      }, deps.tickMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running.catch(() => undefined);
    },
    tick: () => {
      const next = running.then(tick, tick);
      running = next;
      return next;
    },
  };
}

/**
 * Versioned data migrations, run at start-up before an instance serves (issue 13): each runs
 * once across all instances — the instance holding the `migrations` lease applies what is not
 * recorded yet, in order, recording each as it finishes; the others wait until every migration is
 * recorded. Each migration is idempotent (it only rewrites documents still in the old shape), so
 * an instance dying half-way loses nothing: the lease expires and the next one resumes.
 */
import type { LeaseManager } from '../../jobs/leases.js';
import type { Logger } from '../../logger.js';
import type { MigrationContext, MigrationsModel } from './model.js';

export interface Migration {
  /** Sortable and never reused: `NNN-what-it-does`. */
  id: string;
  /** Rewrites what is still in the old shape; returns counts for the record (never values). */
  up(context: MigrationContext): Promise<Record<string, number>>;
}

export interface MigrationRunDeps {
  migrations: readonly Migration[];
  record: MigrationsModel;
  leases: LeaseManager;
  context: MigrationContext;
  instanceId: string;
  logger: Logger;
  clock?: () => Date;
  /** How long the lease is held between renewals, and how long a waiting instance waits in all. */
  leaseMs?: number;
  waitMs?: number;
  /** Pause between two looks while another instance migrates (tests pass a short one). */
  pollMs?: number;
}

const LEASE = 'migrations';

export async function runMigrations(deps: MigrationRunDeps): Promise<{ applied: string[] }> {
  const clock = deps.clock ?? (() => new Date());
  const leaseMs = deps.leaseMs ?? 60_000;
  const logger = deps.logger.child({ module: 'migrations' });
  const pending = async () => {
    const done = new Set((await deps.record.find({}, { _id: 1 }).lean()).map((d) => String(d._id)));
    return deps.migrations.filter((m) => !done.has(m.id));
  };
  const deadline = clock().getTime() + (deps.waitMs ?? 10 * 60_000);
  const applied: string[] = [];
  for (;;) {
    const todo = await pending();
    if (todo.length === 0) return { applied };
    if (await deps.leases.tryAcquire(LEASE, leaseMs)) {
      // Re-read under the lease: another instance may have finished in between.
      for (const migration of await pending()) {
        const started = clock();
        await deps.leases.holdUntil(LEASE, new Date(started.getTime() + leaseMs));
        const summary = await migration.up(deps.context);
        const durationMs = clock().getTime() - started.getTime();
        await deps.record.updateOne(
          { _id: migration.id },
          { $setOnInsert: { appliedAt: clock(), by: deps.instanceId, durationMs, summary } },
          { upsert: true },
        );
        logger.info({ migration: migration.id, durationMs, ...summary }, 'migration applied');
        applied.push(migration.id);
      }
      await deps.leases.holdUntil(LEASE, clock());
      continue;
    }
    if (clock().getTime() > deadline) {
      throw new Error(
        `migrations still running elsewhere after waiting: ${todo.map((m) => m.id).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 500));
  }
}

/**
 * Named leases in MongoDB so that a periodic job runs once across all instances (DESIGN §4.2).
 * A lease is taken with one atomic upsert conditioned on expiry: when the document exists and is
 * still held, the upsert collides on the unique name and the caller simply did not get it.
 * An instance that dies mid-run loses nothing: its lease expires and another instance runs.
 */
import type { Model } from 'mongoose';
import type { LeaseDoc } from '../db/models/index.js';

export interface LeaseManager {
  /** Take `name` until now + `holdMs` if it is free or expired. */
  tryAcquire(name: string, holdMs: number): Promise<boolean>;
  /** Keep holding `name` (only if we still hold it) until `until`. */
  holdUntil(name: string, until: Date): Promise<boolean>;
}

export function createLeaseManager(deps: {
  leases: Model<LeaseDoc>;
  holder: string;
  clock?: () => Date;
}): LeaseManager {
  const clock = deps.clock ?? (() => new Date());
  return {
    async tryAcquire(name, holdMs) {
      const now = clock();
      try {
        const result = await deps.leases.updateOne(
          { name, until: { $lte: now } },
          { $set: { holder: deps.holder, until: new Date(now.getTime() + holdMs) } },
          { upsert: true },
        );
        return result.modifiedCount === 1 || result.upsertedCount === 1;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async holdUntil(name, until) {
      const result = await deps.leases.updateOne({ name, holder: deps.holder }, { $set: { until } });
      return result.matchedCount === 1;
    },
  };
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

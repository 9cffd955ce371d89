// Background TTL monitor: like mongod's, it periodically deletes documents whose indexed date
// (or earliest date in an array) plus `expireAfterSeconds` is past. Only single-field indexes are
// TTL indexes, and a partial TTL index only expires the documents it holds, as MongoDB documents.
// The clock and the timer are injected, so tests prove the sweep without waiting for it.
// Reference: https://www.mongodb.com/docs/v7.0/core/index-ttl/
import type { Store } from './store.js';
import { valuesAtPath } from './values.js';

/** Runs one sweep; returns the number of documents deleted. */
export function sweepExpired(store: Store, now: Date = new Date()): number {
  let deleted = 0;
  for (const coll of store.all()) {
    for (const index of coll.indexes.values()) {
      const ttl = index.spec.expireAfterSeconds;
      const [field] = index.fields;
      if (typeof ttl !== 'number' || index.fields.length !== 1 || field === undefined) continue;
      const cutoff = now.getTime() - ttl * 1000;
      for (const [id, doc] of [...coll.docs]) {
        const dates = valuesAtPath(doc, field).filter((v): v is Date => v instanceof Date);
        if (dates.length === 0) continue;
        if (index.spec.partialFilterExpression && !index.participates(doc)) continue;
        const earliest = Math.min(...dates.map((d) => d.getTime()));
        if (earliest <= cutoff && coll.remove(id)) deleted += 1;
      }
    }
  }
  return deleted;
}

/** Calls `sweep` every `intervalMs`; returns how to stop. */
export type TtlScheduler = (sweep: () => void, intervalMs: number) => () => void;

/** The real timer: `setInterval`, unref'd so it never keeps the process alive. */
export const intervalScheduler: TtlScheduler = (sweep, intervalMs) => {
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};

export interface TtlMonitorOptions {
  intervalMs: number;
  now?: () => Date;
  schedule?: TtlScheduler;
  onDelete: (n: number) => void;
}

export function startTtlMonitor(store: Store, options: TtlMonitorOptions): () => void {
  const now = options.now ?? (() => new Date());
  const schedule = options.schedule ?? intervalScheduler;
  return schedule(() => {
    const n = sweepExpired(store, now());
    if (n > 0) options.onDelete(n);
  }, options.intervalMs);
}

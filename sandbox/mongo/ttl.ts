// Background TTL monitor: like mongod's, it periodically deletes documents whose indexed date
// (or earliest date in an array) is older than `expireAfterSeconds`.
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
        const earliest = Math.min(...dates.map((d) => d.getTime()));
        if (earliest <= cutoff && coll.remove(id)) deleted += 1;
      }
    }
  }
  return deleted;
}

export function startTtlMonitor(store: Store, intervalMs: number, onDelete: (n: number) => void): () => void {
  const timer = setInterval(() => {
    const n = sweepExpired(store);
    if (n > 0) onDelete(n);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

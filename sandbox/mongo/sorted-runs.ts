// Sorted views of index buckets, built on first use and then maintained on every write, so a
// query with equality on an index prefix and a sort on the following index fields walks
// documents in order (with a seek for a range bound) instead of sorting the whole bucket.
import type { Document } from 'bson';
import { compareValues, fieldValue } from './ordering.js';

export interface RunEntry {
  id: string;
  doc: Document;
  /** Values of the index fields after the equality prefix. */
  values: unknown[];
}

/** Runs kept per index; beyond this the cache is dropped and rebuilt on demand. */
const MAX_RUNS = 256;

export class SortedRuns {
  // `${depth}|${prefixKey}` → entries in index order, or null when a sort field holds an array
  // (MongoDB's multikey sort semantics are then left to the in-memory sort).
  private readonly runs = new Map<string, RunEntry[] | null>();

  constructor(
    private readonly fields: string[],
    private readonly directions: number[],
  ) {}

  get size(): number {
    return this.runs.size;
  }

  private values(doc: Document, depth: number): unknown[] | undefined {
    const out: unknown[] = [];
    for (const field of this.fields.slice(depth)) {
      const v = fieldValue(doc, field);
      if (Array.isArray(v)) return undefined;
      out.push(v);
    }
    return out;
  }

  private compare(depth: number): (a: unknown[], b: unknown[]) => number {
    const directions = this.directions.slice(depth);
    return (a, b) => compareValues(a, b, directions);
  }

  /** The bucket's documents in index order, or undefined when it cannot be walked in order. */
  get(depth: number, key: string, bucket: () => Iterable<[string, Document]>): RunEntry[] | undefined {
    const name = `${depth}|${key}`;
    let run = this.runs.get(name);
    if (run === undefined) {
      if (this.runs.size >= MAX_RUNS) this.runs.clear();
      const entries: RunEntry[] = [];
      let usable = true;
      for (const [id, doc] of bucket()) {
        const values = this.values(doc, depth);
        if (!values) {
          usable = false;
          break;
        }
        entries.push({ id, doc, values });
      }
      const cmp = this.compare(depth);
      run = usable ? entries.sort((a, b) => cmp(a.values, b.values)) : null;
      this.runs.set(name, run);
    }
    return run ?? undefined;
  }

  /** Keeps existing runs in step with an added document. */
  added(depth: number, key: string, id: string, doc: Document): void {
    const name = `${depth}|${key}`;
    const run = this.runs.get(name);
    if (!run) return;
    const values = this.values(doc, depth);
    if (!values) {
      this.runs.set(name, null);
      return;
    }
    const cmp = this.compare(depth);
    let lo = 0;
    let hi = run.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(values, (run[mid] as RunEntry).values) < 0) hi = mid;
      else lo = mid + 1;
    }
    run.splice(lo, 0, { id, doc, values });
  }

  /** Keeps existing runs in step with a removed document (the version that was added). */
  removed(depth: number, key: string, id: string, doc: Document): void {
    const name = `${depth}|${key}`;
    const run = this.runs.get(name);
    if (run === undefined) return;
    const values = this.values(doc, depth);
    if (run === null || !values) {
      this.runs.delete(name); // rebuilt on next use
      return;
    }
    const cmp = this.compare(depth);
    let lo = 0;
    let hi = run.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp((run[mid] as RunEntry).values, values) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < run.length && cmp((run[i] as RunEntry).values, values) === 0; i += 1) {
      if ((run[i] as RunEntry).id === id) {
        run.splice(i, 1);
        return;
      }
    }
    this.runs.delete(name); // not found where expected: drop rather than serve a stale order
  }

  clear(): void {
    this.runs.clear();
  }
}

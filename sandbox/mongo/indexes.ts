// In-memory secondary indexes: one hash map per key prefix (so a compound index on {a, b} also
// answers equality on `a` alone), used both to narrow query candidates and to enforce uniqueness.
// Every document is entered in every index; sparse/partial membership only matters for the unique
// constraint, which keeps lookups correct for any filter. The index also counts the documents that
// hold an array on one of its paths: while there are none, each document has exactly one key.
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { type CollationSpec, collationKey } from './collation.js';
import { MongoServerError } from './errors.js';
import { LEAN_CONTEXT } from './operators.js';
import { type RunEntry, SortedRuns } from './sorted-runs.js';
import { hasPath, keyOf, matchView, renderDocument, valuesAtPath } from './values.js';

export interface IndexSpec {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  collation?: CollationSpec;
  [option: string]: unknown;
}

// A document with huge arrays in several indexed fields would explode combinatorially; MongoDB
// refuses parallel arrays in a compound index, we simply stop expanding.
const MAX_TUPLES = 10_000;

export class Index {
  readonly spec: IndexSpec;
  readonly fields: string[];
  /** Text/2d/2dsphere indexes are accepted and listed but not used for lookups. */
  readonly lookupCapable: boolean;
  /**
   * Whether queries may use it to find documents. Not with a collation: its string keys are
   * collation keys (for the unique constraint), which only approximate the collation's equality.
   */
  readonly queryable: boolean;
  private readonly keyOf: (v: unknown) => string;
  // key → (document id → document); holding the document saves a lookup per candidate.
  private readonly prefixMaps: Map<string, Map<string, Document>>[];
  private readonly partial: Query | undefined;
  /** Field directions (1/-1); empty when a field is hashed, so the index has no order. */
  readonly directions: number[];
  private readonly runs: SortedRuns;
  /** Documents holding an array on an indexed path (multikey: several keys per document). */
  private multikeyDocs = 0;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.lookupCapable = Object.values(spec.key).every((d) => d === 1 || d === -1 || d === 'hashed');
    this.queryable = this.lookupCapable && spec.collation === undefined;
    const { collation } = spec;
    this.keyOf = collation
      ? (v) => (typeof v === 'string' ? keyOf(collationKey(v, collation)) : keyOf(v))
      : keyOf;
    this.prefixMaps = this.lookupCapable ? this.fields.map(() => new Map()) : [];
    this.partial = spec.partialFilterExpression
      ? new Query(matchView(spec.partialFilterExpression), { context: LEAN_CONTEXT })
      : undefined;
    const directions = Object.values(spec.key);
    this.directions = directions.every((d) => d === 1 || d === -1) ? (directions as number[]) : [];
    this.runs = new SortedRuns(this.fields, this.directions);
  }

  /**
   * Documents whose first `depth` fields equal `key` (`''` for depth 0: all documents), ordered
   * by the remaining fields in index order; undefined when the index cannot order them.
   */
  sortedRun(depth: number, key: string, all: () => Iterable<[string, Document]>): RunEntry[] | undefined {
    if (this.directions.length === 0 || depth >= this.fields.length) return undefined;
    return this.runs.get(depth, key, () => (depth === 0 ? all() : (this.lookup(depth, key) ?? new Map())));
  }

  private syncRuns(id: string, doc: Document, keys: Set<string>[], added: boolean): void {
    if (this.runs.size === 0) return;
    const update = (depth: number, key: string) =>
      added ? this.runs.added(depth, key, id, doc) : this.runs.removed(depth, key, id, doc);
    update(0, '');
    for (let depth = 1; depth < this.fields.length; depth += 1) {
      for (const key of keys[depth - 1] ?? []) update(depth, key);
    }
  }

  /**
   * Whether the index holds every document under its true key, so that a bucket is exactly the
   * documents whose fields equal the key: lookup-capable, not sparse or partial (which MongoDB
   * leaves incomplete), not multikey.
   */
  get exact(): boolean {
    return (
      this.queryable &&
      this.multikeyDocs === 0 &&
      !this.spec.sparse &&
      this.spec.partialFilterExpression === undefined
    );
  }

  private isMultikey(doc: Document): boolean {
    return this.fields.some((f) => pathHasArray(doc, f));
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** Whether the unique constraint applies to this document (sparse and partial indexes skip some). */
  participates(doc: Document): boolean {
    if (this.spec.sparse && !this.fields.some((f) => hasPath(doc, f))) return false;
    if (this.partial && !this.partial.test(matchView(doc))) return false;
    return true;
  }

  /** All value tuples a document contributes (several for multikey fields). */
  tuples(doc: Document): unknown[][] {
    let tuples: unknown[][] = [[]];
    for (const field of this.fields) {
      const values = valuesAtPath(doc, field);
      const next: unknown[][] = [];
      for (const t of tuples) {
        for (const v of values) {
          next.push([...t, v]);
          if (next.length >= MAX_TUPLES) break;
        }
      }
      tuples = next;
    }
    return tuples;
  }

  private prefixKeys(doc: Document): Set<string>[] {
    const sets = this.fields.map(() => new Set<string>());
    for (const tuple of this.tuples(doc)) {
      let key = '';
      tuple.forEach((v, i) => {
        key = i === 0 ? this.keyOf(v) : `${key}\u0000${this.keyOf(v)}`;
        sets[i]?.add(key);
      });
    }
    return sets;
  }

  add(id: string, doc: Document): void {
    if (!this.lookupCapable) return;
    const prefixKeys = this.prefixKeys(doc);
    if (this.isMultikey(doc)) this.multikeyDocs += 1;
    this.syncRuns(id, doc, prefixKeys, true);
    prefixKeys.forEach((keys, i) => {
      const map = this.prefixMaps[i] as Map<string, Map<string, Document>>;
      for (const key of keys) {
        let bucket = map.get(key);
        if (!bucket) {
          bucket = new Map();
          map.set(key, bucket);
        }
        bucket.set(id, doc);
      }
    });
  }

  remove(id: string, doc: Document): void {
    if (!this.lookupCapable) return;
    const prefixKeys = this.prefixKeys(doc);
    if (this.isMultikey(doc)) this.multikeyDocs -= 1;
    this.syncRuns(id, doc, prefixKeys, false);
    prefixKeys.forEach((keys, i) => {
      const map = this.prefixMaps[i] as Map<string, Map<string, Document>>;
      for (const key of keys) {
        const bucket = map.get(key);
        if (!bucket) continue;
        bucket.delete(id);
        if (bucket.size === 0) map.delete(key);
      }
    });
  }

  clear(): void {
    this.multikeyDocs = 0;
    this.runs.clear();
    for (const map of this.prefixMaps) map.clear();
  }

  /** Documents (by id) whose first `prefixLength` fields equal the given (already hashed) key. */
  lookup(prefixLength: number, key: string): Map<string, Document> | undefined {
    return this.prefixMaps[prefixLength - 1]?.get(key);
  }

  /** Number of documents under a key (0 when none), without touching them. */
  bucketSize(prefixLength: number, key: string): number {
    return this.lookup(prefixLength, key)?.size ?? 0;
  }

  /**
   * Throws E11000 if `doc` (stored, or about to be stored, under `id`) collides with another
   * participating document.
   */
  checkUnique(id: string, doc: Document, ns: string): void {
    if (!this.unique || !this.lookupCapable || !this.participates(doc)) return;
    const full = this.fields.length;
    for (const tuple of this.tuples(doc)) {
      const key = tuple.map((v) => this.keyOf(v)).join('\u0000');
      const bucket = this.lookup(full, key);
      if (!bucket) continue;
      for (const [other, otherDoc] of bucket) {
        if (other !== id && this.participates(otherDoc)) throw duplicateKeyError(ns, this.spec, tuple);
      }
    }
  }
}

/** Whether an array occurs along a dotted path of `doc` (as an intermediate value or at the end). */
function pathHasArray(doc: Document, path: string): boolean {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(cur)) return true;
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Document)[part];
  }
  return Array.isArray(cur);
}

/** MongoDB's E11000 error, with `keyPattern` and `keyValue` as the server reports them. */
export function duplicateKeyError(ns: string, spec: IndexSpec, tuple: unknown[]): MongoServerError {
  const keyValue: Document = {};
  Object.keys(spec.key).forEach((field, i) => {
    keyValue[field] = tuple[i] === undefined ? null : tuple[i];
  });
  const message = `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: ${renderDocument(keyValue)}`;
  return new MongoServerError('DuplicateKey', message, { keyPattern: spec.key, keyValue });
}

/** MongoDB's default index name: `a_1_b_-1`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([f, d]) => `${f}_${String(d)}`)
    .join('_');
}

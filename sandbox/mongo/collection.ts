// One collection: documents keyed by their canonical `_id` (the map doubles as the `_id_` index,
// and its insertion order is the natural order), plus secondary indexes. Documents are never
// mutated in place: writers build a new version and swap it in, so references handed to cursors
// stay consistent snapshots.
import { type Document, ObjectId, UUID } from 'bson';
import { type CollationSpec, parseCollation } from './collation.js';
import { MongoServerError } from './errors.js';
import { defaultIndexName, duplicateKeyError, Index, type IndexSpec } from './indexes.js';
import { compareValue, type SortKeys } from './ordering.js';
import type { RunEntry } from './sorted-runs.js';
import { DocumentValidator, validationRules } from './validation.js';
import { isPlainObject, keyOf, matchView, stageView, VIEW_WIDE, viewNeeds } from './values.js';

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** What a `hint` names: an index, or `$natural` order (1 or -1). */
export interface IndexHint {
  index?: Index;
  natural?: number;
}
/** Above this many `$in` combinations an index lookup is not worth it. */
const MAX_LOOKUP_KEYS = 1000;

export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, Index>();
  readonly uuid = new UUID();
  /** Documents holding an int64 or a Decimal128 (their number views round, index keys do not). */
  private wideDocs = 0;
  /** Documents holding anything mingo cannot read as it is (see `viewNeeds`); while zero, no views. */
  private viewDocs = 0;
  private readonly views = new WeakMap<Document, Document>();
  private readonly aggregationViews = new WeakMap<Document, Document>();

  /** The collection's default collation (options.collation, normalised); undefined: simple. */
  readonly collation: CollationSpec | undefined;

  constructor(
    public db: string,
    public name: string,
    readonly options: Document = {},
  ) {
    this.collation = options.collation === undefined ? undefined : parseCollation(options.collation);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  private validatorCache: DocumentValidator | null | undefined;

  /** The collection's document validator (from its options), if it has one. */
  get validator(): DocumentValidator | undefined {
    if (this.validatorCache === undefined) {
      const rules = validationRules(this.options);
      this.validatorCache = rules ? new DocumentValidator(rules) : null;
    }
    return this.validatorCache ?? undefined;
  }

  /** Changes collection options (collMod); the validator is rebuilt from them on next use. */
  updateOptions(changes: Document): void {
    Object.assign(this.options, changes);
    this.validatorCache = undefined;
  }

  indexSpecs(): IndexSpec[] {
    const id = this.collation ? { ...ID_INDEX, collation: this.collation } : ID_INDEX;
    return [id, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  /**
   * The index a `hint` names (by name or key pattern), or `$natural`. MongoDB refuses a hint that
   * names no index, and a hidden one.
   */
  resolveHint(hint: unknown): IndexHint | undefined {
    if (hint === undefined || hint === null || (isPlainObject(hint) && Object.keys(hint).length === 0)) {
      return undefined;
    }
    if (isPlainObject(hint) && Object.keys(hint).length === 1 && '$natural' in hint) {
      return { natural: Number(hint.$natural) < 0 ? -1 : 1 };
    }
    const wanted = typeof hint === 'string' ? undefined : keyOf(stageView(hint));
    if (hint === '_id_' || wanted === keyOf({ _id: 1 })) return {};
    const index = [...this.indexes.values()].find((i) =>
      typeof hint === 'string' ? i.spec.name === hint : keyOf(i.spec.key) === wanted,
    );
    if (!index || index.spec.hidden === true) {
      throw new MongoServerError(
        'BadValue',
        `error processing query: ns=${this.ns} planner returned error :: caused by :: hint provided does not correspond to an existing index`,
      );
    }
    return { index };
  }

  get(id: string): Document | undefined {
    return this.docs.get(id);
  }

  /**
   * The document as mingo filters and sorts it: int64 and Decimal128 values as numbers (cached;
   * documents are immutable).
   */
  view(doc: Document): Document {
    return this.cachedView(this.views, doc, matchView);
  }

  /**
   * The document as aggregation reads it: int64 values as numbers, Decimal128 kept, so that stages
   * building documents ($project, $group…) return Decimal128 values as they are.
   */
  aggregationView(doc: Document): Document {
    return this.cachedView(this.aggregationViews, doc, stageView);
  }

  /** Whether some stored document needs a view (int64, Decimal128, Binary, a __proto__ key). */
  get hasViews(): boolean {
    return this.viewDocs > 0;
  }

  /** Documents that mingo can read as they are are their own view; others are converted once. */
  private cachedView(cache: WeakMap<Document, Document>, doc: Document, make: (d: Document) => Document) {
    if (this.viewDocs === 0) return doc;
    let view = cache.get(doc);
    if (!view) {
      view = make(doc);
      cache.set(doc, view);
    }
    return view;
  }

  /** Inserts a new document (adding `_id` first when missing); throws E11000 on any unique clash. */
  insert(input: Document): Document {
    const doc = withIdFirst(input);
    if (Array.isArray(doc._id) || doc._id instanceof RegExp || doc._id === undefined) {
      throw new MongoServerError(
        'BadValue',
        `can't use a${Array.isArray(doc._id) ? 'n array' : ' regex or undefined'} for _id`,
      );
    }
    const id = keyOf(doc._id);
    if (this.docs.has(id)) throw duplicateKeyError(this.ns, ID_INDEX, [doc._id]);
    this.checkUnique(id, doc);
    this.docs.set(id, doc);
    for (const index of this.indexes.values()) index.add(id, doc);
    this.count(viewNeeds(doc), 1);
    return doc;
  }

  /** Replaces the stored version of `id` by `next` (same `_id`), enforcing unique indexes. */
  replace(id: string, next: Document): Document {
    const prev = this.docs.get(id);
    if (!prev) throw new MongoServerError('InternalError', 'document vanished during update');
    if (keyOf(next._id) !== id) {
      throw new MongoServerError(
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    const doc = withIdFirst(next);
    this.checkUnique(id, doc);
    for (const index of this.indexes.values()) {
      index.remove(id, prev);
      index.add(id, doc);
    }
    this.docs.set(id, doc);
    this.count(viewNeeds(prev), -1);
    this.count(viewNeeds(doc), 1);
    return doc;
  }

  remove(id: string): boolean {
    const prev = this.docs.get(id);
    if (!prev) return false;
    this.count(viewNeeds(prev), -1);
    for (const index of this.indexes.values()) index.remove(id, prev);
    this.docs.delete(id);
    return true;
  }

  private count(needs: number, delta: number): void {
    if (needs === 0) return;
    this.viewDocs += delta;
    if (needs & VIEW_WIDE) this.wideDocs += delta;
  }

  private checkUnique(id: string, doc: Document): void {
    for (const index of this.indexes.values()) index.checkUnique(id, doc, this.ns);
  }

  /**
   * Creates an index; returns false when an identical one exists. Existing documents are checked
   * against a new unique constraint before the index becomes visible.
   */
  createIndex(input: Document): boolean {
    const raw = stageView(input);
    const key = raw.key;
    if (!isPlainObject(key) || Object.keys(key).length === 0) {
      throw new MongoServerError('CannotCreateIndex', 'Index keys cannot be empty.');
    }
    const name = typeof raw.name === 'string' ? raw.name : defaultIndexName(key);
    const { v: _v, key: _k, name: _n, collation: requested, ...rest } = raw;
    const spec: IndexSpec = { v: 2, key, name, ...rest };
    // An index without a collation takes the collection's default, as MongoDB does.
    const collation = requested === undefined ? this.collation : parseCollation(requested);
    if (collation) spec.collation = collation;
    const sameKey = keyOf(key);
    // The _id index always exists and cannot be redefined.
    if (sameKey === keyOf(ID_INDEX.key) || name === '_id_') return false;
    const existing = this.indexes.get(name);
    if (existing) {
      if (keyOf(existing.spec.key) !== sameKey) {
        throw new MongoServerError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing.spec)}`,
        );
      }
      if (sameOptions(existing.spec, spec)) return false;
      throw new MongoServerError(
        'IndexOptionsConflict',
        `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing.spec)}`,
      );
    }
    for (const other of this.indexes.values()) {
      // Same key pattern under another name: only allowed when the partial filters differ.
      const samePartial =
        keyOf(other.spec.partialFilterExpression ?? null) === keyOf(spec.partialFilterExpression ?? null);
      if (keyOf(other.spec.key) === sameKey && samePartial) {
        throw new MongoServerError(
          'IndexOptionsConflict',
          `Index already exists with a different name: ${other.spec.name}`,
        );
      }
    }
    const index = new Index(spec);
    for (const [id, doc] of this.docs) {
      index.checkUnique(id, doc, this.ns);
      index.add(id, doc);
    }
    this.indexes.set(name, index);
    return true;
  }

  /**
   * Documents that may match `filter`, narrowed with the best index for its equality / `$in`
   * predicates (mingo still evaluates the full filter on each candidate).
   */
  candidates(filter: Document, collation?: CollationSpec): Iterable<Document> {
    return this.candidatePlan(filter, collation).docs;
  }

  /**
   * The candidates of `filter` (as `candidates` returns them), and whether they are exactly the
   * documents matching it: then no document needs testing. Exact when every constrained field is
   * looked up (`_id`, or an index with `Index.exact`) and `exactFilterFields` accepts the filter
   * without null (which `candidates` never looks up).
   */
  plan(filter: Document, collation?: CollationSpec): { docs: Iterable<Document>; exact: boolean } {
    const plan = this.candidatePlan(filter, collation);
    const fields = this.exactFilter(filter, collation);
    const exact =
      fields !== undefined &&
      !fields.hasNull &&
      plan.lookedUp.length === fields.fields.size &&
      (plan.index === undefined || plan.index.exact);
    return { docs: plan.docs, exact };
  }

  /**
   * The number of documents matching `filter` when an index answers it exactly, from bucket sizes
   * alone (MongoDB's COUNT_SCAN): O(keys looked up), whatever the number of matches. Undefined
   * when the filter needs mingo (see `exactFilterFields`).
   */
  exactCount(filter: Document, collation?: CollationSpec): number | undefined {
    const exact = this.exactFilter(filter, collation);
    if (!exact) return undefined;
    const { fields } = exact;
    if (fields.size === 0) return this.docs.size;
    for (const values of fields.values()) if (values.length === 0) return 0; // $in: []
    const ids = fields.get('_id');
    if (ids) {
      if (fields.size > 1 || exact.hasNull) return undefined;
      return ids.filter((v) => this.docs.has(keyOf(v))).length;
    }
    const plan = this.bestIndex(fields, (index) => index.exact);
    if (!plan || (plan[1][0]?.length ?? 0) !== fields.size) return undefined;
    const [index, keys] = plan;
    let n = 0;
    for (const key of keys) n += index.bucketSize(key.length, key.join('\u0000'));
    return n;
  }

  /**
   * The filter's constraints when index keys decide it exactly (see `exactFilterFields`), taking
   * the collection into account: numbers only while no document holds an int64 or a Decimal128
   * (their number views round, their keys do not), and no collation.
   */
  private exactFilter(filter: Document, collation: CollationSpec | undefined): ExactFilter | undefined {
    if (collation) return undefined;
    const exact = exactFilterFields(filter);
    if (!exact || (exact.numeric && this.wideDocs > 0)) return undefined;
    return exact;
  }

  private candidatePlan(filter: Document, collation?: CollationSpec): CandidatePlan {
    const constraints = equalityConstraints(filter);
    // Under a collation, strings equal to the filter's are not found by their exact key.
    if (collation)
      for (const [field, values] of constraints)
        if (values.some((v) => typeof v === 'string')) constraints.delete(field);
    if (constraints.size === 0) return { docs: this.docs.values(), lookedUp: [] };
    const ids = constraints.get('_id');
    if (ids && ids.length <= MAX_LOOKUP_KEYS) {
      const out: Document[] = [];
      const seen = new Set<string>();
      for (const v of ids) {
        const key = keyOf(v);
        const doc = this.docs.get(key);
        if (doc && !seen.has(key)) {
          seen.add(key);
          out.push(doc);
        }
      }
      return { docs: out, lookedUp: ['_id'] };
    }
    const plan = this.bestIndex(constraints);
    if (!plan) return { docs: this.docs.values(), lookedUp: [] };
    const [index, keys] = plan;
    const lookedUp = index.fields.slice(0, keys[0]?.length ?? 0);
    if (keys.length === 1) {
      // One bucket: iterate it lazily (callers that mutate materialise their matches first).
      const docs = index.lookup(keys[0]?.length ?? 0, (keys[0] ?? []).join('\u0000'))?.values() ?? [];
      return { docs, index, lookedUp };
    }
    const seen = new Set<string>();
    const out: Document[] = [];
    for (const key of keys) {
      const bucket = index.lookup(key.length, key.join('\u0000'));
      if (!bucket) continue;
      for (const [id, doc] of bucket) {
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(doc);
      }
    }
    return { docs: out, index, lookedUp };
  }

  /**
   * Documents in sort order straight from an index, when one has single-value equality on a
   * prefix of its fields followed by exactly the sort fields (all in index direction or all
   * reversed). A range on the first sort field seeks to its bound. Undefined when no index fits.
   */
  sortedCandidates(filter: Document, sort: SortKeys): Iterable<Document> | undefined {
    const constraints = equalityConstraints(filter);
    let best: { index: Index; depth: number; reverse: boolean } | undefined;
    for (const index of this.indexes.values()) {
      if (index.directions.length === 0 || !index.queryable) continue;
      let depth = 0;
      while (depth < index.fields.length && constraints.get(index.fields[depth] as string)?.length === 1)
        depth += 1;
      if (depth + sort.length > index.fields.length) continue;
      const first = sort[0];
      if (!first) continue;
      const reverse = first[1] !== index.directions[depth];
      const fits = sort.every(
        ([field, dir], i) =>
          index.fields[depth + i] === field && (dir === index.directions[depth + i]) !== reverse,
      );
      if (fits && (!best || depth > best.depth)) best = { index, depth, reverse };
    }
    if (!best) return undefined;
    const { index, depth, reverse } = best;
    const key = index.fields
      .slice(0, depth)
      .map((f) => keyOf(constraints.get(f)?.[0]))
      .join('\u0000');
    const run = index.sortedRun(depth, key, () => this.docs.entries());
    if (!run) return undefined;
    const [field, dir] = sort[0] as [string, number];
    const start = seek(run, matchView(filter)[field], dir, reverse);
    return walk(run, start, reverse);
  }

  private bestIndex(
    constraints: Map<string, unknown[]>,
    usable: (index: Index) => boolean = (index) => index.queryable,
  ): [Index, string[][]] | undefined {
    let best: [Index, string[][]] | undefined;
    for (const index of this.indexes.values()) {
      if (!usable(index)) continue;
      let combos: string[][] = [[]];
      for (const field of index.fields) {
        const values = constraints.get(field);
        if (!values) break;
        const next: string[][] = [];
        for (const c of combos) for (const v of values) next.push([...c, keyOf(v)]);
        if (next.length > MAX_LOOKUP_KEYS) break;
        combos = next;
      }
      const depth = combos[0]?.length ?? 0;
      if (depth === 0) continue;
      const bestDepth = best?.[1][0]?.length ?? 0;
      if (!best || depth > bestDepth || (depth === bestDepth && combos.length < best[1].length)) {
        best = [index, combos];
      }
    }
    return best;
  }
}

interface CandidatePlan {
  docs: Iterable<Document>;
  /** The index whose buckets the candidates are (none for `_id` lookups and scans). */
  index?: Index;
  /** The filter fields the lookup fixed (`['_id']` for an `_id` lookup, none for a scan). */
  lookedUp: string[];
}

/** A filter that index keys decide exactly: field → its distinct values (by index key). */
export interface ExactFilter {
  fields: Map<string, unknown[]>;
  /** Some value is null (matches null and missing; `candidates` does not look those up). */
  hasNull: boolean;
  /** Some value is a number. */
  numeric: boolean;
}

/**
 * The filter's fields and values when it is only top-level equality (`v` or `{$eq: v}`) and `$in`
 * on plain dotted paths, with values whose index key is equal exactly when mingo's equality holds
 * on a document without arrays: strings, booleans, numbers (not NaN), null, ObjectId and valid
 * Dates. Undefined for anything else: other operators, `$and`/`$or`…, regexes, arrays, embedded
 * documents, int64/Decimal128 values, numeric path parts (array positions).
 */
export function exactFilterFields(filter: Document): ExactFilter | undefined {
  const fields = new Map<string, unknown[]>();
  let hasNull = false;
  let numeric = false;
  for (const [field, cond] of Object.entries(filter)) {
    if (!exactPath(field)) return undefined;
    let values: unknown[];
    if (isPlainObject(cond)) {
      const ops = Object.keys(cond);
      if (ops.length !== 1) return undefined;
      if (ops[0] === '$eq') values = [cond.$eq];
      else if (ops[0] === '$in' && Array.isArray(cond.$in)) values = cond.$in;
      else return undefined;
    } else {
      values = [cond];
    }
    const distinct = new Map<string, unknown>();
    for (const v of values) {
      const kind = exactKind(v);
      if (!kind) return undefined;
      if (kind === 'null') hasNull = true;
      if (kind === 'number') numeric = true;
      const key = keyOf(v);
      if (!distinct.has(key)) distinct.set(key, v);
    }
    fields.set(field, [...distinct.values()]);
  }
  return { fields, hasNull, numeric };
}

/**
 * A dotted path that index keys and mingo resolve alike: no operator, no array position, and no
 * name of Object.prototype (`constructor`: the index walks `in`, mingo ignores inherited names).
 */
function exactPath(field: string): boolean {
  return field
    .split('.')
    .every((p) => p !== '' && !p.includes('$') && !/^\d+$/.test(p) && !(p in Object.prototype));
}

function exactKind(v: unknown): 'null' | 'number' | 'other' | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return 'other';
    case 'number':
      return Number.isNaN(v) ? undefined : 'number';
    default:
      break;
  }
  if (v instanceof ObjectId) return 'other';
  if (v instanceof Date && !Number.isNaN(v.getTime())) return 'other';
  return undefined;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const pick = (s: IndexSpec) =>
    keyOf({
      unique: s.unique === true,
      sparse: s.sparse === true,
      partial: s.partialFilterExpression ?? null,
      ttl: s.expireAfterSeconds ?? null,
      collation: s.collation ?? null,
    });
  return pick(a) === pick(b);
}

function withIdFirst(doc: Document): Document {
  if (!('_id' in doc)) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** Scalars an index can look up exactly (null is excluded: it also matches missing subfields). */
function indexable(v: unknown): boolean {
  if (v === null || v === undefined || v instanceof RegExp || Array.isArray(v)) return false;
  return !isPlainObject(v);
}

/** Field → candidate values implied by top-level equality, `$eq`, `$in` and `$and` clauses. */
export function equalityConstraints(
  filter: Document,
  out = new Map<string, unknown[]>(),
): Map<string, unknown[]> {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) equalityConstraints(sub, out);
      continue;
    }
    if (field.startsWith('$') || out.has(field)) continue;
    if (isPlainObject(cond)) {
      const ops = Object.keys(cond);
      if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) continue;
      if ('$eq' in cond && indexable(cond.$eq)) out.set(field, [cond.$eq]);
      else if (Array.isArray(cond.$in) && cond.$in.every(indexable)) out.set(field, cond.$in);
    } else if (indexable(cond)) {
      out.set(field, [cond]);
    }
  }
  return out;
}

/**
 * Where a walk of `run` can start given a range on the first sort field: entries before the
 * bound (in walk order) cannot match it, so they are skipped. Returns a position in walk order.
 */
function seek(run: RunEntry[], range: unknown, dir: number, reverse: boolean): number {
  if (!isPlainObject(range)) return 0;
  // In walk order values grow when the sort is ascending: a lower bound is $gt/$gte; for a
  // descending sort it is $lt/$lte.
  const [op, strict] = dir === 1 ? (['$gte', '$gt'] as const) : (['$lte', '$lt'] as const);
  const inclusive = op in range;
  const bound = inclusive ? range[op] : range[strict];
  if (bound === undefined || (!inclusive && !(strict in range))) return 0;
  const before = (v: unknown): boolean => {
    const c = compareValue(v, bound) * dir;
    return inclusive ? c < 0 : c <= 0;
  };
  // `before` holds on a prefix of the walk: binary-search its length.
  let lo = 0;
  let hi = run.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = run[reverse ? run.length - 1 - mid : mid] as RunEntry;
    if (before(entry.values[0])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function* walk(run: RunEntry[], start: number, reverse: boolean): Generator<Document> {
  for (let i = start; i < run.length; i += 1) yield (run[reverse ? run.length - 1 - i : i] as RunEntry).doc;
}

// Query, projection, update and aggregation semantics, all delegated to mingo. This module only
// adapts MongoDB command arguments to mingo calls and fills the few gaps (upsert seeds,
// $setOnInsert, replacement documents).
import type { Document } from 'bson';
import { Aggregator, Context, update as mingoUpdate, updateOne as mingoUpdateOne, Query } from 'mingo';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import { Query as LeanQuery } from 'mingo/query';
import type { Options } from 'mingo/types';
import type { Collection } from './collection.js';
import { MongoServerError, toServerError } from './errors.js';
import { compareValues, type SortKeys, sortValue } from './ordering.js';
import {
  asNumber,
  clone,
  isPlainObject,
  keyOf,
  numberView,
  restoreWideNumbers,
  wideNumberPaths,
  withoutBigInts,
} from './values.js';

export type CollectionResolver = (name: string) => Document[];

function options(resolver?: CollectionResolver, collation?: Document): Partial<Options> {
  // No server-side JavaScript ($where, $function, $accumulator): a test double has no use for it.
  const opts: {
    collectionResolver?: CollectionResolver;
    collation?: Options['collation'];
    scriptEnabled: boolean;
  } = {
    scriptEnabled: false,
  };
  if (resolver) opts.collectionResolver = resolver;
  if (collation && typeof collation.locale === 'string' && collation.locale !== 'simple') {
    opts.collation = collation as unknown as Options['collation'];
  }
  return opts as Partial<Options>;
}

function asFilter(filter: unknown): Document {
  if (filter === undefined || filter === null) return {};
  if (!isPlainObject(filter)) throw new MongoServerError('TypeMismatch', 'filter must be an object');
  return filter;
}

/**
 * mingo copies its whole operator context for every Query (~30 µs with every operator loaded), so
 * filters that need no aggregation expressions get a context with only query and projection
 * operators (~8 µs).
 */
const LEAN_CONTEXT = Context.init({ query: queryOperators, projection: projectionOperators });

function usesExpressions(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(usesExpressions);
  if (!isPlainObject(v)) return false;
  for (const [k, x] of Object.entries(v)) {
    if (k === '$expr' || k === '$where' || k === '$function' || usesExpressions(x)) return true;
  }
  return false;
}

/** A compiled filter: `test(doc)` says whether a document matches. */
export interface Filter {
  test(doc: Document): boolean;
}

export function compileFilter(filter: unknown, collation?: Document): Filter {
  const condition = numberView(asFilter(filter));
  try {
    if (usesExpressions(condition)) return new Query(condition, options(undefined, collation));
    return new LeanQuery(condition, { ...options(undefined, collation), context: LEAN_CONTEXT });
  } catch (err) {
    throw toServerError(err);
  }
}

export interface FindSpec {
  filter?: unknown;
  sort?: unknown;
  skip?: number;
  limit?: number;
  projection?: unknown;
  collation?: Document;
}

/** Sort keys when we can sort with mingo's value comparison; undefined for $meta or a collation. */
function sortKeysFor(sort: Document, collation?: Document): SortKeys | undefined {
  if (collation && typeof collation.locale === 'string' && collation.locale !== 'simple') return undefined;
  const keys: SortKeys = [];
  for (const [field, dir] of Object.entries(sort)) {
    if (dir !== 1 && dir !== -1) return undefined;
    keys.push([field, dir]);
  }
  return keys;
}

/**
 * Matching documents sorted (stable, like mingo's $sort); with `k`, keeps only the first k
 * (O(n log k)). Without a filter every document matches.
 */
function sortMatches(
  docs: Iterable<Document>,
  coll: Collection,
  filter: Filter | undefined,
  keys: SortKeys,
  k: number,
): Document[] {
  const best: [unknown[], Document][] = [];
  const directions = keys.map(([, dir]) => dir);
  for (const doc of docs) {
    const view = coll.view(doc);
    if (filter && !filter.test(view)) continue;
    const values = keys.map(([field, dir]) => sortValue(view, field, dir));
    if (
      k > 0 &&
      best.length === k &&
      compareValues(values, (best[k - 1] as [unknown[], Document])[0], directions) >= 0
    ) {
      continue;
    }
    if (k === 0) {
      best.push([values, doc]);
      continue;
    }
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareValues(values, (best[mid] as [unknown[], Document])[0], directions) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, [values, doc]);
    if (best.length > k) best.pop();
  }
  if (k === 0) best.sort((a, b) => compareValues(a[0], b[0], directions)); // Array#sort is stable
  return best.map(([, doc]) => doc);
}

/** Matching documents in result order (projection applied). */
export function findDocuments(coll: Collection | undefined, spec: FindSpec): Document[] {
  const filter = asFilter(spec.filter);
  // Compiled even for a missing collection, so a bad filter or sort is refused there too.
  const query = compileFilter(filter, spec.collation);
  let sort = isPlainObject(spec.sort) && Object.keys(spec.sort).length > 0 ? spec.sort : undefined;
  for (const dir of Object.values(sort ?? {})) {
    const n = asNumber(dir);
    if (n !== 1 && n !== -1 && !(isPlainObject(dir) && '$meta' in dir)) {
      throw new MongoServerError(
        'Location15975',
        '$sort key ordering must be 1 (for ascending) or -1 (for descending)',
      );
    }
  }
  if (!coll) return [];
  // {$natural: ±1} is insertion order, which is the order of our candidates.
  const natural = sort && Object.keys(sort).length === 1 && '$natural' in sort ? sort.$natural : undefined;
  if (natural !== undefined) sort = undefined;
  const skip = Math.max(0, spec.skip ?? 0);
  const limit = Math.max(0, spec.limit ?? 0);
  const projection =
    isPlainObject(spec.projection) && Object.keys(spec.projection).length > 0 ? spec.projection : undefined;
  // When an index answers the filter exactly, its candidates are the matches: mingo tests none.
  const plan = coll.plan(filter, spec.collation);
  const test = plan.exact ? undefined : query;
  const candidates = natural === -1 ? [...plan.docs].reverse() : plan.docs;
  let out: Document[];
  try {
    if (!sort) {
      // Stream candidates and stop as soon as the limit is reached (findOne on a scan stays cheap).
      out = [];
      let skipped = 0;
      for (const doc of candidates) {
        if (test && !test.test(coll.view(doc))) continue;
        if (skipped < skip) {
          skipped += 1;
          continue;
        }
        out.push(doc);
        if (limit > 0 && out.length >= limit) break;
      }
    } else {
      const keys = sortKeysFor(sort, spec.collation);
      const ordered = keys ? coll.sortedCandidates(filter, keys) : undefined;
      if (ordered) {
        // An index already yields documents in sort order: stop as soon as the page is full.
        out = [];
        let skipped = 0;
        for (const doc of ordered) {
          if (!query.test(coll.view(doc))) continue;
          if (skipped < skip) {
            skipped += 1;
            continue;
          }
          out.push(doc);
          if (limit > 0 && out.length >= limit) break;
        }
      } else if (keys) {
        out = sortMatches(candidates, coll, test, keys, limit > 0 ? skip + limit : 0);
        if (skip > 0) out = out.slice(skip);
      } else {
        const matched: Document[] = [];
        for (const doc of candidates) if (!test || test.test(coll.view(doc))) matched.push(doc);
        let cursor = new Query({}, options(undefined, spec.collation))
          .find<Document>(matched)
          .sort(sort as Record<string, 1 | -1>);
        if (skip > 0) cursor = cursor.skip(skip);
        if (limit > 0) cursor = cursor.limit(limit);
        out = cursor.all();
      }
    }
  } catch (err) {
    throw toServerError(err);
  }
  return projection ? project(out, projection) : out;
}

/**
 * Number of matching documents, without materialising them. A filter an index answers exactly is
 * counted from bucket sizes (no document touched); any other is tested by mingo per candidate.
 */
export function countDocuments(coll: Collection | undefined, filter: Document, collation?: Document): number {
  if (!coll) return 0;
  if (Object.keys(filter).length === 0) return coll.docs.size;
  const exact = coll.exactCount(filter, collation);
  if (exact !== undefined) return exact;
  const query = compileFilter(filter, collation);
  let n = 0;
  try {
    for (const doc of coll.candidates(filter)) if (query.test(coll.view(doc))) n += 1;
  } catch (err) {
    throw toServerError(err);
  }
  return n;
}

export function project(docs: Document[], projection: Document): Document[] {
  const spec = withoutBigInts(projection);
  const sliced = sliceOnly(spec);
  if (sliced) {
    // mingo treats `$slice` as an inclusion; in MongoDB it keeps every other field.
    const [exclusions, slices] = sliced;
    const base = Object.keys(exclusions).length > 0 ? project(docs, exclusions) : docs;
    return base.map((doc) => {
      const out = clone(doc);
      for (const [path, arg] of slices) applySlice(out, path, arg);
      return out;
    });
  }
  try {
    // mingo puts an included _id last; MongoDB keeps it first.
    return new Query({}, {})
      .find<Document>(docs, spec)
      .all()
      .map((doc) => {
        if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
        const { _id, ...rest } = doc;
        return { _id, ...rest };
      });
  } catch (err) {
    throw toServerError(err);
  }
}

/** A projection made of `$slice` fields and exclusions only: the exclusions and the slices. */
function sliceOnly(projection: Document): [Document, [string, unknown][]] | undefined {
  const exclusions: Document = {};
  const slices: [string, unknown][] = [];
  for (const [path, spec] of Object.entries(projection)) {
    if (spec === 0 || spec === false) exclusions[path] = spec;
    else if (isPlainObject(spec) && Object.keys(spec).length === 1 && '$slice' in spec)
      slices.push([path, spec.$slice]);
    else return undefined;
  }
  return slices.length > 0 ? [exclusions, slices] : undefined;
}

/** Applies a `$slice` projection (`n`, `-n` or `[skip, limit]`) to the array at `path` of `doc`. */
function applySlice(doc: Document, path: string, arg: unknown): void {
  const parts = path.split('.');
  let parent: unknown = doc;
  for (const part of parts.slice(0, -1)) parent = isPlainObject(parent) ? parent[part] : undefined;
  const last = parts[parts.length - 1] as string;
  if (!isPlainObject(parent) || !Array.isArray(parent[last])) return;
  const values: unknown[] = parent[last];
  if (typeof arg === 'number') {
    parent[last] = arg >= 0 ? values.slice(0, arg) : values.slice(Math.max(values.length + arg, 0));
  } else if (Array.isArray(arg) && typeof arg[0] === 'number' && typeof arg[1] === 'number' && arg[1] > 0) {
    const start = arg[0] >= 0 ? arg[0] : Math.max(values.length + arg[0], 0);
    parent[last] = values.slice(start, start + arg[1]);
  } else {
    throw new MongoServerError('BadValue', '$slice only supports numbers and [skip, limit] arrays');
  }
}

export function aggregateDocuments(
  coll: Collection | undefined,
  pipeline: Document[],
  resolver: CollectionResolver,
  collation?: Document,
): Document[] {
  let stages = withoutBigInts(pipeline);
  const first = stages[0];
  const match = coll && first && isPlainObject(first.$match) ? first.$match : undefined;
  // A leading $match that an index answers exactly is the candidate set itself: mingo skips it.
  const plan = match ? coll?.plan(match, collation) : undefined;
  if (plan?.exact && Object.keys(first ?? {}).length === 1) stages = stages.slice(1);
  // Documents a stage passes through unchanged ($match, $sort, $limit…) come out as the stored
  // version, so their int64 values stay int64.
  const stored = new Map<Document, Document>();
  function* views(docs: Iterable<Document>): Generator<Document> {
    for (const doc of docs) {
      const view = coll?.aggregationView(doc) ?? doc;
      if (view !== doc) stored.set(view, doc);
      yield view;
    }
  }
  const source = coll ? views(plan ? plan.docs : coll.docs.values()) : [];
  try {
    const out = new Aggregator(stages, options(resolver, collation)).run(source) as Document[];
    return stored.size === 0 ? out : out.map((doc) => stored.get(doc) ?? doc);
  } catch (err) {
    throw toServerError(err);
  }
}

type UpdateSpec = Document | Document[];

export function isReplacement(update: UpdateSpec): boolean {
  if (Array.isArray(update)) return false;
  const keys = Object.keys(update);
  return keys.length === 0 || !keys.some((k) => k.startsWith('$'));
}

const UPDATE_OPERATORS = new Set([
  '$addToSet',
  '$bit',
  '$currentDate',
  '$inc',
  '$max',
  '$min',
  '$mul',
  '$pop',
  '$pull',
  '$pullAll',
  '$push',
  '$rename',
  '$set',
  '$setOnInsert',
  '$unset',
]);

export function validateUpdate(update: unknown): UpdateSpec {
  if (Array.isArray(update)) {
    if (!update.every(isPlainObject))
      throw new MongoServerError('FailedToParse', 'pipeline stages must be objects');
    return update;
  }
  if (!isPlainObject(update))
    throw new MongoServerError('FailedToParse', 'Update argument must be an object');
  if (isReplacement(update)) return update;
  for (const [op, arg] of Object.entries(update)) {
    if (!op.startsWith('$')) {
      throw new MongoServerError(
        'FailedToParse',
        "Update document requires atomic operators (all keys must start with '$')",
      );
    }
    if (!UPDATE_OPERATORS.has(op)) {
      throw new MongoServerError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(arg)) {
      throw new MongoServerError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${typeof arg} instead.`,
      );
    }
  }
  return update;
}

export interface ApplyOptions {
  filter: Document;
  arrayFilters?: Document[];
  /** True when the document is being created by an upsert ($setOnInsert applies). */
  inserting: boolean;
}

/**
 * The next version of `doc` after `update` (never mutates `doc`). mingo works on number copies of
 * int64 and Decimal128 values; fields that held one before (unless the update assigns them), or
 * that are set from one, get that type back.
 */
export function applyUpdate(doc: Document, update: UpdateSpec, opts: ApplyOptions): Document {
  if (isReplacement(update)) return applyNumberUpdate(doc, update, opts);
  const [assigned, fromUpdate] = modifierWideNumbers(update, opts.inserting);
  // Values the update assigns come first: they win over what the field held before.
  const wide = [
    ...fromUpdate,
    ...wideNumberPaths(doc).filter(([path]) => !assigned.some((p) => path === p || path.startsWith(`${p}.`))),
  ];
  const next = applyNumberUpdate(numberView(doc), numberView(update), {
    filter: numberView(opts.filter),
    arrayFilters: numberView(opts.arrayFilters),
    inserting: opts.inserting,
  });
  if (wide.length > 0) restoreWideNumbers(next, wide);
  return next;
}

/**
 * The paths an update assigns outright ($set, $setOnInsert, $unset, $rename), and the int64 /
 * Decimal128 values it brings ($set/$setOnInsert values, $inc/$min/$max/$mul operands).
 */
function modifierWideNumbers(
  update: UpdateSpec,
  inserting: boolean,
): [string[], ReturnType<typeof wideNumberPaths>] {
  if (Array.isArray(update)) return [[], []];
  const assigned: string[] = [];
  const wide: ReturnType<typeof wideNumberPaths> = [];
  for (const op of ['$set', '$setOnInsert', '$unset', '$rename', '$inc', '$min', '$max', '$mul']) {
    const fields = update[op];
    if (!isPlainObject(fields) || (op === '$setOnInsert' && !inserting)) continue;
    for (const [field, value] of Object.entries(fields)) {
      if (field.includes('$')) continue;
      if (op === '$set' || op === '$setOnInsert' || op === '$unset') assigned.push(field);
      if (op === '$rename') {
        assigned.push(field);
        if (typeof value === 'string') assigned.push(value);
      } else if (op !== '$unset') wideNumberPaths(value, field, wide);
    }
  }
  return [assigned, wide];
}

function applyNumberUpdate(doc: Document, update: UpdateSpec, opts: ApplyOptions): Document {
  try {
    if (Array.isArray(update)) {
      const docs = [clone(doc)];
      mingoUpdateOne(docs, {}, update as never);
      return docs[0] as Document;
    }
    if (isReplacement(update)) {
      const { _id, ...rest } = update;
      const id = _id === undefined ? doc._id : _id;
      // An upsert without an _id in its filter or replacement gets a generated one on insert.
      return id === undefined ? clone(rest) : { _id: id, ...clone(rest) };
    }
    const { $setOnInsert, ...modifier } = update;
    if (opts.inserting && isPlainObject($setOnInsert)) {
      modifier.$set = { ...(isPlainObject(modifier.$set) ? modifier.$set : {}), ...$setOnInsert };
    }
    const next = clone(doc);
    // mingo refuses any $set of _id; MongoDB allows the current value, and any value on insert.
    if (isPlainObject(modifier.$set) && '_id' in modifier.$set) {
      const { _id, ...rest } = modifier.$set;
      if (opts.inserting && !('_id' in next)) next._id = clone(_id);
      else if (keyOf(_id) !== keyOf(next._id)) throw immutableId();
      modifier.$set = rest;
      if (Object.keys(rest).length === 0) delete modifier.$set;
      if ('_id' in next && Object.keys(next)[0] !== '_id') {
        const { _id: id, ...fields } = next;
        return applyOperators({ _id: id, ...fields }, modifier, opts);
      }
    }
    return applyOperators(next, modifier, opts);
  } catch (err) {
    throw toServerError(err);
  }
}

function immutableId(): MongoServerError {
  return new MongoServerError(
    'ImmutableField',
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}

function applyOperators(next: Document, modifier: Document, opts: ApplyOptions): Document {
  try {
    if (Object.keys(modifier).length === 0) return next;
    // The filter is only needed to resolve the positional `$` operator.
    const positional = JSON.stringify(
      Object.values(modifier).map((m) => Object.keys(m as Document)),
    ).includes('.$');
    // Deep clone of assigned values: the same $set value must not be shared by several documents.
    mingoUpdate(next, modifier as never, opts.arrayFilters, positional ? (opts.filter as never) : undefined, {
      cloneMode: 'deep',
    });
    return next;
  } catch (err) {
    if (err instanceof Error && err.message.includes("immutable field '_id'")) throw immutableId();
    throw toServerError(err);
  }
}

/** The document an upsert starts from: the equality fields of the filter. */
export function upsertSeed(filter: Document, update: UpdateSpec): Document {
  const seed: Document = {};
  const sets: Document = {};
  collectEqualities(filter, sets);
  if (isReplacement(update as Document)) {
    return '_id' in sets ? { _id: sets._id } : {};
  }
  try {
    if (Object.keys(sets).length > 0) {
      mingoUpdate(seed, { $set: numberView(sets) } as never);
      restoreWideNumbers(seed, wideNumberPaths(sets));
    }
  } catch (err) {
    throw toServerError(err);
  }
  return seed;
}

function collectEqualities(filter: Document, out: Document): void {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) collectEqualities(sub, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
      if ('$eq' in cond) out[field] = clone(cond.$eq);
      continue;
    }
    if (cond instanceof RegExp) continue;
    out[field] = clone(cond);
  }
}

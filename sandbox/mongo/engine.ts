// Query, projection, update and aggregation semantics, all delegated to mingo (with the operator
// tables of operators.ts). This module only adapts MongoDB command arguments to mingo calls and
// fills the few gaps (upsert seeds, $setOnInsert, replacement documents, the positional
// projection, hint order); update-plan.ts checks and resolves update paths before mingo applies them.
import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { update as mingoUpdate, updateOne as mingoUpdateOne } from 'mingo/updater';
import { type CollationSpec, mingoCollation } from './collation.js';
import type { Collection, IndexHint } from './collection.js';
import { MongoServerError, toServerError } from './errors.js';
import { jsonSchemaValidator } from './json-schema.js';
import { FULL_CONTEXT, LEAN_CONTEXT, refuseUnsupportedTopLevel } from './operators.js';
import { compareValues, type SortKeys, sortValue } from './ordering.js';
import { positionalIndex } from './positional.js';
import { type Plan, planModifier } from './update-plan.js';
import {
  asNumber,
  clone,
  isPlainObject,
  leafValues,
  matchView,
  restoreWideNumbers,
  stageView,
  unescapeProto,
  VIEW_PROTO,
  viewNeeds,
  wideNumberPaths,
  withEscapedProtos,
} from './values.js';

export type CollectionResolver = (name: string) => Document[];

/**
 * mingo's options: an operator table, no server-side JavaScript ($where, $function, $accumulator:
 * a test double has no use for it), `$jsonSchema` on Ajv, and the collation (locale in BCP 47).
 */
export function queryOptions(
  collation?: CollationSpec,
  full = true,
  resolver?: CollectionResolver,
): Partial<Options> {
  return {
    context: full ? FULL_CONTEXT : LEAN_CONTEXT,
    scriptEnabled: false,
    jsonSchemaValidator: jsonSchemaValidator as Options['jsonSchemaValidator'],
    ...(resolver ? { collectionResolver: resolver } : {}),
    ...(collation ? { collation: mingoCollation(collation) as Options['collation'] } : {}),
  };
}

/**
 * What mingo's updater runs with once the plan has resolved every condition: no operators (it
 * copies the table it is given, and copying the full one cost most of an update, ~60 µs).
 */
const UPDATE_CONTEXT = Context.init();

/** A filter as mingo reads it: `$comment` dropped (MongoDB ignores it), unsupported parts refused. */
function asFilter(filter: unknown): Document {
  if (filter === undefined || filter === null) return {};
  if (!isPlainObject(filter)) throw new MongoServerError('TypeMismatch', 'filter must be an object');
  refuseUnsupportedTopLevel(filter);
  if (!('$comment' in filter)) return filter;
  const { $comment: _comment, ...rest } = filter;
  return rest;
}

function usesExpressions(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(usesExpressions);
  if (!isPlainObject(v)) return false;
  for (const [k, x] of Object.entries(v)) {
    if (k === '$expr' || k === '$function' || usesExpressions(x)) return true;
  }
  return false;
}

/** A compiled filter: `test(doc)` says whether a document (its view) matches. */
export interface Filter {
  test(doc: Document): boolean;
}

/**
 * mingo copies its operator context for every Query (~30 µs with every operator loaded), so
 * filters that need no aggregation expressions get the lean table (query and projection only).
 */
export function compileFilter(filter: unknown, collation?: CollationSpec): Filter {
  const condition = matchView(asFilter(filter));
  try {
    return new Query(condition, queryOptions(collation, usesExpressions(condition)));
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
  /** The effective collation (the command's, else the collection's); undefined: simple. */
  collation?: CollationSpec;
  /** The index the command hinted (already resolved by the collection). */
  hint?: IndexHint;
}

/** Sort keys when we can sort with mingo's value comparison; undefined for $meta or a collation. */
function sortKeysFor(sort: Document, collation?: CollationSpec): SortKeys | undefined {
  if (collation) return undefined;
  const keys: SortKeys = [];
  for (const [field, dir] of Object.entries(sort)) {
    if (dir !== 1 && dir !== -1) return undefined;
    keys.push([field, dir]);
  }
  return keys;
}

/**
 * The order a hinted index gives: its key fields after the sort's own (a hinted index is walked,
 * then sorted, so ties of the sort come in index order). A hashed, text or geo field has no order.
 */
function hintedSort(sort: Document | undefined, hint: IndexHint | undefined): Document | undefined {
  const key = hint?.index?.spec.key;
  if (!key) return sort;
  const out: Document = { ...(sort ?? {}) };
  for (const [field, dir] of Object.entries(key)) {
    if (dir !== 1 && dir !== -1) break;
    if (!(field in out)) out[field] = dir;
  }
  return Object.keys(out).length > 0 ? out : undefined;
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
  let natural = sort && Object.keys(sort).length === 1 && '$natural' in sort ? sort.$natural : undefined;
  if (natural !== undefined) sort = undefined;
  if (spec.hint?.natural !== undefined && !sort) natural = spec.hint.natural;
  sort = hintedSort(sort, spec.hint);
  const skip = Math.max(0, spec.skip ?? 0);
  const limit = Math.max(0, spec.limit ?? 0);
  const projection =
    isPlainObject(spec.projection) && Object.keys(spec.projection).length > 0 ? spec.projection : undefined;
  // When an index answers the filter exactly, its candidates are the matches: mingo tests none.
  const plan = coll.plan(filter, spec.collation);
  const test = plan.exact ? undefined : query;
  let candidates = natural === -1 ? [...plan.docs].reverse() : plan.docs;
  // A hinted sparse index holds only documents with one of its fields: MongoDB returns only those.
  if (spec.hint?.index?.spec.sparse) candidates = onlyIndexed(candidates, spec.hint.index.fields);
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
      const ordered = keys && !spec.hint ? coll.sortedCandidates(filter, keys) : undefined;
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
        // $meta or a collation: mingo sorts the views (so it compares what the filter compared).
        const stored = new Map<Document, Document>();
        for (const doc of candidates) {
          const view = coll.view(doc);
          if (!test || test.test(view)) stored.set(view, doc);
        }
        let cursor = new Query({}, queryOptions(spec.collation))
          .find<Document>([...stored.keys()])
          .sort(sort as Record<string, 1 | -1>);
        if (skip > 0) cursor = cursor.skip(skip);
        if (limit > 0) cursor = cursor.limit(limit);
        out = cursor.all().map((view) => stored.get(view) ?? view);
      }
    }
  } catch (err) {
    throw toServerError(err);
  }
  return projection ? project(out, projection, { filter, collation: spec.collation, coll }) : out;
}

function* onlyIndexed(docs: Iterable<Document>, fields: string[]): Generator<Document> {
  for (const doc of docs) if (fields.some((f) => leafValues(doc, f).length > 0)) yield doc;
}

/**
 * Number of matching documents, without materialising them. A filter an index answers exactly is
 * counted from bucket sizes (no document touched); any other is tested by mingo per candidate.
 */
export function countDocuments(
  coll: Collection | undefined,
  filter: Document,
  collation?: CollationSpec,
  hint?: IndexHint,
): number {
  if (!coll) return 0;
  if (hint?.index?.spec.sparse) return findDocuments(coll, { filter, collation, hint }).length;
  if (Object.keys(filter).length === 0) return coll.docs.size;
  const exact = coll.exactCount(filter, collation);
  if (exact !== undefined) return exact;
  const query = compileFilter(filter, collation);
  let n = 0;
  try {
    for (const doc of coll.candidates(filter, collation)) if (query.test(coll.view(doc))) n += 1;
  } catch (err) {
    throw toServerError(err);
  }
  return n;
}

export interface ProjectContext {
  /** The query, for the positional `$` projection. */
  filter?: Document;
  collation?: CollationSpec;
  /** The documents' collection, for their views. */
  coll?: Collection;
}

export function project(docs: Document[], projection: Document, ctx: ProjectContext = {}): Document[] {
  const spec = stageView(projection);
  const positional = Object.keys(spec).find((k) => k.endsWith('.$'));
  if (positional) return docs.map((doc) => projectPositional(doc, spec, positional, ctx));
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
  // A key named __proto__ would be lost (or refused) by mingo: it projects escaped copies.
  const protos =
    (ctx.coll ? ctx.coll.hasViews : true) && docs.some((doc) => (viewNeeds(doc) & VIEW_PROTO) !== 0);
  const input = protos ? docs.map((doc) => withEscapedProtos(doc)) : docs;
  try {
    // mingo puts an included _id last; MongoDB keeps it first.
    const out = new Query({}, queryOptions(ctx.collation, projectionUsesExpressions(spec)))
      .find<Document>(input, spec)
      .all()
      .map((doc) => {
        if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
        const { _id, ...rest } = doc;
        return { _id, ...rest };
      });
    return protos ? out.map((doc) => unescapeProto(doc)) : out;
  } catch (err) {
    throw toServerError(err);
  }
}

/**
 * Whether a projection computes values (`{full: {$concat: …}}`, `'$field'`), which needs the
 * aggregation expressions; inclusions, exclusions, `$slice` and `$elemMatch` do not.
 */
function projectionUsesExpressions(spec: Document): boolean {
  return Object.values(spec).some(
    (v) =>
      (typeof v === 'string' && v.startsWith('$')) ||
      (isPlainObject(v) && Object.keys(v).some((k) => k !== '$slice' && k !== '$elemMatch')) ||
      Array.isArray(v),
  );
}

/**
 * `{'events.$': 1}`: the array limited to the first element the query matched on it (an
 * inclusion projection otherwise). https://www.mongodb.com/docs/v7.0/reference/operator/projection/positional/
 */
function projectPositional(doc: Document, spec: Document, key: string, ctx: ProjectContext): Document {
  const arrayPath = key.slice(0, -2);
  const { [key]: _positional, ...rest } = spec;
  const [projected] = project([doc], { ...rest, [arrayPath]: 1 }, ctx);
  const view = ctx.coll ? ctx.coll.view(doc) : matchView(doc);
  const array = valueAt(view, arrayPath);
  const index = Array.isArray(array)
    ? positionalIndex(
        array,
        arrayPath,
        matchView(ctx.filter ?? {}),
        queryOptions(ctx.collation, usesExpressions(ctx.filter)),
      )
    : undefined;
  if (index === undefined || !projected) {
    throw new MongoServerError(
      'Location51246',
      "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array",
    );
  }
  const stored = valueAt(doc, arrayPath) as unknown[];
  const parts = arrayPath.split('.');
  let parent: Document = projected;
  for (const part of parts.slice(0, -1)) parent = parent[part] as Document;
  parent[parts[parts.length - 1] as string] = [clone(stored[index])];
  return projected;
}

function valueAt(doc: unknown, path: string): unknown {
  let node = doc;
  for (const part of path.split('.')) node = isPlainObject(node) ? node[part] : undefined;
  return node;
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

export interface AggregateContext {
  resolver: CollectionResolver;
  collation?: CollationSpec;
  hint?: IndexHint;
}

/**
 * Runs a pipeline over a collection, or over nothing (`aggregate: 1`, whose first stage, such as
 * `$documents`, makes the documents).
 */
export function aggregateDocuments(
  coll: Collection | undefined,
  pipeline: Document[],
  ctx: AggregateContext,
): Document[] {
  let stages = stageView(pipeline);
  const first = stages[0];
  const match = coll && first && isPlainObject(first.$match) ? first.$match : undefined;
  // A leading $match that an index answers exactly is the candidate set itself: mingo skips it.
  const plan = match && !ctx.hint ? coll?.plan(match, ctx.collation) : undefined;
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
  let source: Iterable<Document> = [];
  if (coll) {
    source = ctx.hint
      ? findDocuments(coll, { hint: ctx.hint, collation: ctx.collation })
      : plan
        ? plan.docs
        : coll.docs.values();
  }
  try {
    const out = new Aggregator(stages, queryOptions(ctx.collation, true, ctx.resolver)).run(
      views(source),
    ) as Document[];
    if (stored.size === 0 && !coll?.hasViews) return out;
    return out.map((doc) => stored.get(doc) ?? (coll?.hasViews ? unescapeProto(doc) : doc));
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
  collation?: CollationSpec;
}

/**
 * The next version of `doc` after `update` (never mutates `doc`). mingo works on the document's
 * view (int64 and Decimal128 as numbers, matchable Binary values, escaped __proto__ keys); fields
 * that held an int64 or Decimal128 before (unless the update assigns them), or that are set from
 * one, get that type back.
 */
export function applyUpdate(doc: Document, update: UpdateSpec, opts: ApplyOptions): Document {
  try {
    if (isReplacement(update)) return applyReplacement(doc, update as Document);
    const view = matchView(doc);
    const viewUpdate = matchView(update);
    // The conditions evaluated for the update ($ positions, arrayFilters, $pull) rarely need
    // aggregation expressions: then the lean operator table is enough, and cheaper per Query.
    const expressions = [update, opts.filter, opts.arrayFilters].some(usesExpressions);
    const options = queryOptions(opts.collation, Array.isArray(update) || expressions);
    let next: Document;
    let wide: ReturnType<typeof wideNumberPaths>;
    if (Array.isArray(viewUpdate)) {
      const docs = [clone(view)];
      mingoUpdateOne(docs, {}, viewUpdate as never, {}, options);
      next = docs[0] as Document;
      wide = wideNumberPaths(doc);
    } else {
      const plan = planModifier(view, viewUpdate, update as Document, {
        filter: matchView(opts.filter),
        arrayFilters: matchView(opts.arrayFilters),
        inserting: opts.inserting,
        queryOptions: options,
      });
      const [assigned, fromUpdate] = modifierWideNumbers(plan);
      // Values the update assigns come first: they win over what the field held before.
      wide = [
        ...fromUpdate,
        ...wideNumberPaths(doc).filter(
          ([path]) => !assigned.some((p) => path === p || path.startsWith(`${p}.`)),
        ),
      ];
      next = applyOperators(clone(view), plan.modifier, options);
    }
    if (wide.length > 0) restoreWideNumbers(next, wide);
    // Only a view (of the document or of the update) can have brought escaped __proto__ keys.
    return view !== doc || viewUpdate !== update ? unescapeProto(next) : next;
  } catch (err) {
    throw toServerError(err);
  }
}

/** A replacement keeps the current `_id` (an upsert without one gets a generated one on insert). */
function applyReplacement(doc: Document, update: Document): Document {
  const { _id, ...rest } = update;
  const id = _id === undefined ? doc._id : _id;
  return id === undefined ? clone(rest) : { _id: id, ...clone(rest) };
}

/**
 * The paths a planned update assigns outright ($set, $unset, $rename), and the int64 /
 * Decimal128 values it brings ($set values, $inc/$min/$max/$mul operands).
 */
function modifierWideNumbers(plan: Plan): [string[], ReturnType<typeof wideNumberPaths>] {
  const assigned: string[] = [];
  const wide: ReturnType<typeof wideNumberPaths> = [];
  for (const { op, path, value, raw } of plan.operands) {
    if (op === '$set' || op === '$unset') assigned.push(path);
    if (op === '$rename') {
      assigned.push(path);
      if (typeof value === 'string') assigned.push(value);
    } else if (['$set', '$inc', '$min', '$max', '$mul'].includes(op)) wideNumberPaths(raw, path, wide);
  }
  return [assigned, wide];
}

/**
 * Applies a planned modifier with mingo. `_id` is set here when the plan kept it (an insert):
 * mingo refuses every update of `_id`.
 */
function applyOperators(next: Document, modifier: Document, options: Partial<Options>): Document {
  if (isPlainObject(modifier.$set) && '_id' in modifier.$set) {
    const { _id, ...rest } = modifier.$set;
    next = { _id: clone(_id), ...next };
    modifier.$set = rest;
    if (Object.keys(rest).length === 0) delete modifier.$set;
  }
  if (Object.keys(modifier).length === 0) return next;
  // Deep clone of assigned values: the same $set value must not be shared by several documents.
  mingoUpdate(next, modifier as never, undefined, undefined, {
    cloneMode: 'deep',
    queryOptions: { ...options, context: UPDATE_CONTEXT },
  });
  return next;
}

/**
 * The document an upsert starts from: the equality fields of the filter, `_id` included (set
 * directly: mingo refuses to `$set` an `_id`).
 * https://www.mongodb.com/docs/v7.0/reference/method/db.collection.updateOne/#upsert-with-dotted-_id-query
 */
export function upsertSeed(filter: Document, update: UpdateSpec): Document {
  const sets: Document = {};
  collectEqualities(filter, sets);
  const seed: Document = '_id' in sets ? { _id: sets._id } : {};
  if (isReplacement(update as Document)) return seed;
  delete sets._id;
  try {
    if (Object.keys(sets).length > 0) {
      mingoUpdate(seed, { $set: matchView(sets) } as never, undefined, undefined, {
        queryOptions: { context: UPDATE_CONTEXT },
      });
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

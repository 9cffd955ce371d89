// Data commands: insert, update, delete, findAndModify, find, getMore, killCursors, count,
// distinct, aggregate. Each handler runs synchronously from start to end, which is what makes
// every command atomic with respect to other clients.
import { BSON, type Document, ObjectId } from 'bson';
import { z } from 'zod';
import { collationKey, effectiveCollation } from '../collation.js';
import type { Collection, IndexHint } from '../collection.js';
import {
  aggregateDocuments,
  applyUpdate,
  countDocuments,
  findDocuments,
  isReplacement,
  project,
  upsertSeed,
  validateUpdate,
} from '../engine.js';
import { MongoServerError, toServerError } from '../errors.js';
import { notImplemented } from '../operators.js';
import { isPlainObject, keyOf, valuesAtPath } from '../values.js';
import {
  type CommandContext,
  type CommandHandler,
  parseCommand,
  zCollectionName,
  zDocument,
  zNumber,
} from './context.js';

const MAX_BSON_SIZE = 16 * 1024 * 1024;

const insertSchema = z.looseObject({
  insert: zCollectionName,
  documents: z.array(zDocument),
  ordered: z.boolean().optional(),
  bypassDocumentValidation: z.boolean().optional(),
});

/** `hint`: an index name, a key pattern, or `{$natural: ±1}`. */
const zHint = z.union([z.string(), zDocument]).optional();

const updateSchema = z.looseObject({
  update: zCollectionName,
  updates: z.array(
    z.looseObject({
      q: zDocument,
      u: z.union([zDocument, z.array(zDocument)]),
      upsert: z.boolean().optional(),
      multi: z.boolean().optional(),
      arrayFilters: z.array(zDocument).optional(),
      collation: zDocument.optional(),
      sort: zDocument.optional(),
      hint: zHint,
    }),
  ),
  ordered: z.boolean().optional(),
  bypassDocumentValidation: z.boolean().optional(),
});

const deleteSchema = z.looseObject({
  delete: zCollectionName,
  deletes: z.array(
    z.looseObject({ q: zDocument, limit: zNumber, collation: zDocument.optional(), hint: zHint }),
  ),
  ordered: z.boolean().optional(),
});

const findAndModifySchema = z.looseObject({
  query: zDocument.optional(),
  sort: zDocument.optional(),
  remove: z.boolean().optional(),
  update: z.union([zDocument, z.array(zDocument)]).optional(),
  new: z.boolean().optional(),
  fields: zDocument.optional(),
  upsert: z.boolean().optional(),
  arrayFilters: z.array(zDocument).optional(),
  collation: zDocument.optional(),
  hint: zHint,
  bypassDocumentValidation: z.boolean().optional(),
});

const findSchema = z.looseObject({
  find: zCollectionName,
  filter: zDocument.optional(),
  sort: zDocument.optional(),
  projection: zDocument.optional(),
  skip: zNumber.optional(),
  limit: zNumber.optional(),
  batchSize: zNumber.optional(),
  singleBatch: z.boolean().optional(),
  collation: zDocument.optional(),
  hint: zHint,
});

const getMoreSchema = z.looseObject({
  getMore: z.unknown(),
  collection: zCollectionName,
  batchSize: zNumber.optional(),
});

const killCursorsSchema = z.looseObject({ killCursors: zCollectionName, cursors: z.array(z.unknown()) });

const countSchema = z.looseObject({
  count: zCollectionName,
  query: zDocument.optional(),
  limit: zNumber.optional(),
  skip: zNumber.optional(),
  collation: zDocument.optional(),
  hint: zHint,
});

const distinctSchema = z.looseObject({
  distinct: zCollectionName,
  key: z.string(),
  query: zDocument.optional(),
  collation: zDocument.optional(),
  hint: zHint,
});

const aggregateSchema = z.looseObject({
  aggregate: z.union([zCollectionName, z.literal(1)]),
  pipeline: z.array(zDocument),
  cursor: z.looseObject({ batchSize: zNumber.optional() }).optional(),
  explain: z.boolean().optional(),
  collation: zDocument.optional(),
  hint: zHint,
});

/** A command's hint resolved against the collection (none when the collection does not exist). */
function hintFor(coll: Collection | undefined, hint: unknown): IndexHint | undefined {
  return hint === undefined ? undefined : coll?.resolveHint(hint);
}

/**
 * Checks a document about to be stored against the collection's validator (`previous`: the
 * version it replaces); `warn` validators log instead of refusing.
 */
function validate(
  ctx: CommandContext,
  coll: Collection,
  next: Document,
  previous: Document | undefined,
  bypass: boolean | undefined,
): void {
  if (bypass) return;
  const failure = coll.validator?.check(next, previous);
  if (failure)
    ctx.logger.warn({ ns: coll.ns, errInfo: failure.extra.errInfo }, 'Document would fail validation');
}

function writeReply(base: Document, writeErrors: Document[]): Document {
  return writeErrors.length > 0 ? { ...base, writeErrors, ok: 1 } : { ...base, ok: 1 };
}

const insert: CommandHandler = (cmd, ctx) => {
  const {
    insert: name,
    documents,
    ordered = true,
    bypassDocumentValidation,
  } = parseCommand(insertSchema, cmd);
  const coll = ctx.store.getOrCreate(ctx.db, name);
  let n = 0;
  const writeErrors: Document[] = [];
  documents.forEach((doc, index) => {
    if (ordered && writeErrors.length > 0) return;
    try {
      const size = BSON.calculateObjectSize(doc);
      if (size > MAX_BSON_SIZE) {
        throw new MongoServerError(
          'BadValue',
          `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_SIZE}`,
        );
      }
      // A validated document gets its _id first, so that a failure can name it.
      const stored = coll.validator && !bypassDocumentValidation ? withId(doc) : doc;
      validate(ctx, coll, stored, undefined, bypassDocumentValidation);
      coll.insert(stored);
      n += 1;
    } catch (err) {
      writeErrors.push(toServerError(err).toWriteError(index));
    }
  });
  ctx.changed();
  return writeReply({ n }, writeErrors);
};

/** The document as it will be stored (the validator's `failingDocumentId` needs its `_id`). */
function withId(doc: Document): Document {
  return '_id' in doc ? doc : { _id: new ObjectId(), ...doc };
}

const update: CommandHandler = (cmd, ctx) => {
  const { update: name, updates, ordered = true, bypassDocumentValidation } = parseCommand(updateSchema, cmd);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors: Document[] = [];
  for (const [index, op] of updates.entries()) {
    try {
      const spec = validateUpdate(op.u);
      if (op.multi && isReplacement(spec)) {
        throw new MongoServerError(
          'FailedToParse',
          'multi update is not supported for replacement-style update',
        );
      }
      const coll = ctx.store.get(ctx.db, name);
      const collation = effectiveCollation(op.collation, coll?.collation);
      const matches = findDocuments(coll, {
        filter: op.q,
        limit: op.multi ? 0 : 1,
        sort: op.sort,
        collation,
        hint: hintFor(coll, op.hint),
      });
      const apply = { filter: op.q, arrayFilters: op.arrayFilters, collation };
      if (matches.length === 0 && op.upsert) {
        const doc = withId(applyUpdate(upsertSeed(op.q, spec), spec, { ...apply, inserting: true }));
        const target = ctx.store.getOrCreate(ctx.db, name);
        validate(ctx, target, doc, undefined, bypassDocumentValidation);
        const inserted = target.insert(doc);
        upserted.push({ index, _id: inserted._id });
        n += 1;
        continue;
      }
      for (const match of matches) {
        n += 1;
        const next = applyUpdate(match, spec, { ...apply, inserting: false });
        if (coll && keyOf(next, true) !== keyOf(match, true)) {
          validate(ctx, coll, next, match, bypassDocumentValidation);
          coll.replace(keyOf(match._id), next);
          nModified += 1;
        }
      }
    } catch (err) {
      writeErrors.push(toServerError(err).toWriteError(index));
      if (ordered) break;
    }
  }
  ctx.changed();
  const base: Document = { n, nModified };
  if (upserted.length > 0) base.upserted = upserted;
  return writeReply(base, writeErrors);
};

const del: CommandHandler = (cmd, ctx) => {
  const { delete: name, deletes, ordered = true } = parseCommand(deleteSchema, cmd);
  let n = 0;
  const writeErrors: Document[] = [];
  for (const [index, op] of deletes.entries()) {
    try {
      const coll = ctx.store.get(ctx.db, name);
      const matches = findDocuments(coll, {
        filter: op.q,
        limit: op.limit === 1 ? 1 : 0,
        collation: effectiveCollation(op.collation, coll?.collation),
        hint: hintFor(coll, op.hint),
      });
      for (const match of matches) if (coll?.remove(keyOf(match._id))) n += 1;
    } catch (err) {
      writeErrors.push(toServerError(err).toWriteError(index));
      if (ordered) break;
    }
  }
  ctx.changed();
  return writeReply({ n }, writeErrors);
};

const findAndModify: CommandHandler = (cmd, ctx) => {
  const name = cmd.findAndModify ?? cmd.findandmodify;
  if (typeof name !== 'string' || name.length === 0) {
    throw new MongoServerError('InvalidNamespace', 'Invalid namespace specified');
  }
  const args = parseCommand(findAndModifySchema, cmd);
  const filter = args.query ?? {};
  if (args.remove && args.update !== undefined) {
    throw new MongoServerError('FailedToParse', 'Cannot specify both an update and remove=true');
  }
  if (!args.remove && args.update === undefined) {
    throw new MongoServerError('FailedToParse', 'Either an update or remove=true must be specified');
  }
  if (args.remove && args.upsert) {
    throw new MongoServerError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  }
  const coll = ctx.store.get(ctx.db, name);
  const collation = effectiveCollation(args.collation, coll?.collation);
  const [match] = findDocuments(coll, {
    filter,
    sort: args.sort,
    limit: 1,
    collation,
    hint: hintFor(coll, args.hint),
  });
  const reply = (lastErrorObject: Document, value: Document | null): Document => {
    const shown =
      value && args.fields && Object.keys(args.fields).length > 0
        ? project([value], args.fields, { filter, collation, coll })[0]
        : value;
    return { lastErrorObject, value: shown ?? null, ok: 1 };
  };
  if (args.remove) {
    if (!match || !coll) return reply({ n: 0 }, null);
    coll.remove(keyOf(match._id));
    ctx.changed();
    return reply({ n: 1 }, match);
  }
  const spec = validateUpdate(args.update);
  const apply = { filter, arrayFilters: args.arrayFilters, collation };
  if (match && coll) {
    const next = applyUpdate(match, spec, { ...apply, inserting: false });
    let stored = match;
    if (keyOf(next, true) !== keyOf(match, true)) {
      validate(ctx, coll, next, match, args.bypassDocumentValidation);
      stored = coll.replace(keyOf(match._id), next);
    }
    ctx.changed();
    return reply({ n: 1, updatedExisting: true }, args.new ? stored : match);
  }
  if (!args.upsert) return reply({ n: 0, updatedExisting: false }, null);
  const doc = withId(applyUpdate(upsertSeed(filter, spec), spec, { ...apply, inserting: true }));
  const target = ctx.store.getOrCreate(ctx.db, name);
  validate(ctx, target, doc, undefined, args.bypassDocumentValidation);
  const inserted = target.insert(doc);
  ctx.changed();
  return reply({ n: 1, updatedExisting: false, upserted: inserted._id }, args.new ? inserted : null);
};

const find: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(findSchema, cmd);
  const limit = args.limit ?? 0;
  const coll = ctx.store.get(ctx.db, args.find);
  const docs = findDocuments(coll, {
    filter: args.filter,
    sort: args.sort,
    projection: args.projection,
    skip: args.skip,
    limit: Math.abs(limit),
    collation: effectiveCollation(args.collation, coll?.collation),
    hint: hintFor(coll, args.hint),
  });
  const ns = `${ctx.db}.${args.find}`;
  return {
    cursor: ctx.cursors.firstBatch(ns, docs, args.batchSize, args.singleBatch === true || limit < 0),
    ok: 1,
  };
};

const getMore: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(getMoreSchema, cmd);
  return { cursor: ctx.cursors.getMore(args.getMore, `${ctx.db}.${args.collection}`, args.batchSize), ok: 1 };
};

const killCursors: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(killCursorsSchema, cmd);
  const { killed, notFound } = ctx.cursors.kill(args.cursors);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(countSchema, cmd);
  const coll = ctx.store.get(ctx.db, args.count);
  const collation = effectiveCollation(args.collation, coll?.collation);
  let n = countDocuments(coll, args.query ?? {}, collation, hintFor(coll, args.hint));
  const skip = Math.max(0, args.skip ?? 0);
  n = Math.max(0, n - skip);
  const limit = Math.abs(args.limit ?? 0);
  if (limit > 0) n = Math.min(n, limit);
  return { n, ok: 1 };
};

const distinct: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(distinctSchema, cmd);
  const coll = ctx.store.get(ctx.db, args.distinct);
  const collation = effectiveCollation(args.collation, coll?.collation);
  const docs = findDocuments(coll, { filter: args.query, collation, hint: hintFor(coll, args.hint) });
  // Under a collation, values it calls equal are one value (the first met).
  const keyFor = (v: unknown) =>
    collation && typeof v === 'string' ? keyOf(collationKey(v, collation)) : keyOf(v);
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const v of valuesAtPath(doc, args.key)) {
      if (v === undefined) continue;
      const key = keyFor(v);
      if (!seen.has(key)) seen.set(key, v);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

function resolver(ctx: CommandContext): (name: string) => Document[] {
  return (name) => {
    const coll = ctx.store.get(ctx.db, name);
    return coll ? [...coll.docs.values()].map((doc) => coll.aggregationView(doc)) : [];
  };
}

/** Stages that make their own documents: a pipeline run with `aggregate: 1` must start with one. */
const COLLECTIONLESS_STAGES = new Set(['$documents', '$currentOp', '$listLocalSessions', '$changeStream']);

const aggregate: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(aggregateSchema, cmd);
  if (args.explain) throw notImplemented('explain');
  const pipeline = args.pipeline;
  const last = pipeline[pipeline.length - 1];
  if (pipeline.some((s) => '$changeStream' in s)) {
    throw new MongoServerError('Location40573', 'The $changeStream stage is only supported on replica sets');
  }
  if (pipeline.some((s) => '$merge' in s)) throw notImplemented('$merge');
  if (args.aggregate === 1) {
    // https://www.mongodb.com/docs/v7.0/reference/operator/aggregation/documents/
    const stage = Object.keys(pipeline[0] ?? {})[0] ?? '';
    if (!COLLECTIONLESS_STAGES.has(stage)) {
      throw new MongoServerError(
        'InvalidNamespace',
        `{aggregate: 1} is not valid for '${stage || '$match'}'; a collection is required.`,
      );
    }
    if (stage !== '$documents') throw notImplemented(stage);
  }
  const coll = args.aggregate === 1 ? undefined : ctx.store.get(ctx.db, args.aggregate);
  const ns = args.aggregate === 1 ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${args.aggregate}`;
  const collation = effectiveCollation(args.collation, coll?.collation);
  const run = { resolver: resolver(ctx), collation, hint: hintFor(coll, args.hint) };
  if (last && '$out' in last) {
    const target =
      typeof last.$out === 'string' ? last.$out : isPlainObject(last.$out) ? last.$out.coll : undefined;
    if (typeof target !== 'string')
      throw new MongoServerError('FailedToParse', '$out requires a collection name');
    const docs = aggregateDocuments(coll, pipeline.slice(0, -1), run);
    replaceContents(ctx.store.getOrCreate(ctx.db, target), docs);
    ctx.changed();
    return { cursor: ctx.cursors.firstBatch(ns, [], args.cursor?.batchSize), ok: 1 };
  }
  const counted = args.aggregate === 1 || run.hint ? undefined : countPipeline(pipeline);
  if (counted) {
    // The driver's countDocuments pipeline, answered without building an Aggregator (from bucket
    // sizes alone when an index answers the filter exactly). A $group over no documents is empty.
    const total = countDocuments(coll, counted.filter, collation);
    const n = Math.max(0, total - counted.skip);
    const limited = counted.limit > 0 ? Math.min(n, counted.limit) : n;
    const docs = limited > 0 ? [{ _id: counted.id, [counted.field]: limited }] : [];
    return { cursor: ctx.cursors.firstBatch(ns, docs, args.cursor?.batchSize), ok: 1 };
  }
  const docs = aggregateDocuments(coll, pipeline, run);
  return { cursor: ctx.cursors.firstBatch(ns, docs, args.cursor?.batchSize), ok: 1 };
};

interface CountPipeline {
  filter: Document;
  skip: number;
  /** 0: no limit. */
  limit: number;
  /** The group's constant `_id` and the field holding the count. */
  id: unknown;
  field: string;
}

/**
 * Recognises a count: `[{$match}, {$skip}?, {$limit}?, {$group: {_id: <constant>, <field>: {$sum: 1}}}]`
 * (the driver's countDocuments sends `{_id: 1, n: {$sum: 1}}`). The constant is a number, a string
 * that is not a field path, or null; `$skip` a non-negative and `$limit` a positive integer.
 * Anything else goes through the Aggregator.
 */
function countPipeline(pipeline: Document[]): CountPipeline | undefined {
  const [match, ...rest] = pipeline;
  const group = rest.pop();
  if (!match || Object.keys(match).length !== 1 || !isPlainObject(match.$match)) return undefined;
  if (!group || Object.keys(group).length !== 1 || !isPlainObject(group.$group)) return undefined;
  const spec = group.$group;
  const fields = Object.keys(spec);
  const field = fields.find((f) => f !== '_id');
  if (fields.length !== 2 || !('_id' in spec) || field === undefined) return undefined;
  if (field.startsWith('$') || field.includes('.')) return undefined;
  const sum = spec[field];
  if (!isPlainObject(sum) || Object.keys(sum).length !== 1 || sum.$sum !== 1) return undefined;
  const id = spec._id;
  const constant =
    id === null ||
    (typeof id === 'number' && Number.isFinite(id)) ||
    (typeof id === 'string' && !id.startsWith('$'));
  if (!constant) return undefined;
  let skip = 0;
  let limit = 0;
  let i = 0;
  const stage = (name: string): unknown =>
    rest[i] && Object.keys(rest[i] as Document).length === 1 ? (rest[i] as Document)[name] : undefined;
  const skipValue = stage('$skip');
  if (skipValue !== undefined) {
    if (typeof skipValue !== 'number' || !Number.isInteger(skipValue) || skipValue < 0) return undefined;
    skip = skipValue;
    i += 1;
  }
  const limitValue = stage('$limit');
  if (limitValue !== undefined) {
    if (typeof limitValue !== 'number' || !Number.isInteger(limitValue) || limitValue <= 0) return undefined;
    limit = limitValue;
    i += 1;
  }
  if (i !== rest.length) return undefined;
  return { filter: match.$match, skip, limit, id, field };
}

function replaceContents(coll: Collection, docs: Document[]): void {
  for (const id of [...coll.docs.keys()]) coll.remove(id);
  for (const doc of docs) coll.insert(doc);
}

export const crudCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};

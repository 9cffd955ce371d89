// Catalog commands: create, drop, dropDatabase, listDatabases, listCollections, createIndexes,
// listIndexes, dropIndexes.
import { BSON, type Document } from 'bson';
import { z } from 'zod';
import { parseCollation } from '../collation.js';
import { compileFilter } from '../engine.js';
import { MongoServerError } from '../errors.js';
import { notImplemented } from '../operators.js';
import { parseValidationOptions } from '../validation.js';
import { keyOf } from '../values.js';
import { type CommandHandler, parseCommand, zCollectionName, zDocument, zNumber } from './context.js';

const createSchema = z.looseObject({ create: zCollectionName });
const dropSchema = z.looseObject({ drop: zCollectionName });
const listCollectionsSchema = z.looseObject({
  filter: zDocument.optional(),
  nameOnly: z.boolean().optional(),
  cursor: z.looseObject({ batchSize: zNumber.optional() }).optional(),
});
const listDatabasesSchema = z.looseObject({ filter: zDocument.optional(), nameOnly: z.boolean().optional() });
const createIndexesSchema = z.looseObject({
  createIndexes: zCollectionName,
  indexes: z.array(z.looseObject({ key: zDocument, name: z.string().optional() })).min(1),
});
const listIndexesSchema = z.looseObject({
  listIndexes: zCollectionName,
  cursor: z.looseObject({ batchSize: zNumber.optional() }).optional(),
});
const dropIndexesSchema = z.looseObject({
  dropIndexes: zCollectionName,
  index: z.union([z.string(), zDocument, z.array(z.string())]),
});

// Options `create` accepts and keeps (reported back by listCollections).
const CREATE_OPTIONS = [
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'collation',
  'timeseries',
  'expireAfterSeconds',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
];

/**
 * The options `create` keeps, checked as mongod checks them: `capped` needs `size` (and `size` or
 * `max` need `capped`), the collation is normalised (with its defaults, as listCollections shows
 * it), a validator must compile. Views and time series are not emulated.
 * https://www.mongodb.com/docs/v7.0/reference/command/create/
 */
function createOptions(cmd: Document): Document {
  if (cmd.viewOn !== undefined || cmd.pipeline !== undefined) throw notImplemented('views');
  if (cmd.timeseries !== undefined) throw notImplemented('time series collections');
  const capped = cmd.capped === true || (typeof cmd.capped === 'number' && cmd.capped !== 0);
  const present = (field: string) => cmd[field] !== undefined && cmd[field] !== null && cmd[field] !== 0;
  if (capped && !present('size')) {
    throw new MongoServerError('InvalidOptions', "the 'size' field is required when 'capped' is true");
  }
  if (!capped && (present('size') || present('max'))) {
    throw new MongoServerError(
      'InvalidOptions',
      "the 'capped' field needs to be true when either the 'size' or 'max' fields are present",
    );
  }
  parseValidationOptions('create', cmd);
  const options: Document = {};
  for (const key of CREATE_OPTIONS) if (key in cmd) options[key] = cmd[key];
  if (options.collation !== undefined) {
    const collation = parseCollation(options.collation);
    if (collation) options.collation = collation;
    else delete options.collation;
  }
  return options;
}

const create: CommandHandler = (cmd, ctx) => {
  const { create: name } = parseCommand(createSchema, cmd);
  const options = createOptions(cmd);
  const existing = ctx.store.get(ctx.db, name);
  if (existing) {
    // MongoDB 7 accepts re-creating a collection with identical options.
    if (keyOf(existing.options) === keyOf(options)) return { ok: 1 };
    throw new MongoServerError('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
  }
  ctx.store.getOrCreate(ctx.db, name, options);
  ctx.changed();
  return { ok: 1 };
};

const drop: CommandHandler = (cmd, ctx) => {
  const { drop: name } = parseCommand(dropSchema, cmd);
  const coll = ctx.store.get(ctx.db, name);
  // MongoDB 7 answers ok for a missing collection.
  if (!coll) return { ok: 1 };
  const nIndexesWas = coll.indexSpecs().length;
  ctx.store.drop(ctx.db, name);
  ctx.changed();
  return { nIndexesWas, ns: coll.ns, ok: 1 };
};

const dropDatabase: CommandHandler = (_cmd, ctx) => {
  ctx.store.dropDatabase(ctx.db);
  ctx.changed();
  return { ok: 1 };
};

const listDatabases: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(listDatabasesSchema, cmd);
  const filter = args.filter ? compileFilter(args.filter) : undefined;
  const databases: Document[] = [];
  let totalSize = 0;
  for (const [name, colls] of ctx.store.databases) {
    let sizeOnDisk = 0;
    for (const coll of colls.values())
      for (const doc of coll.docs.values()) sizeOnDisk += BSON.calculateObjectSize(doc);
    const entry = args.nameOnly ? { name } : { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    if (filter && !filter.test(entry)) continue;
    totalSize += sizeOnDisk;
    databases.push(entry);
  }
  if (args.nameOnly) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1_048_576), ok: 1 };
};

const listCollections: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(listCollectionsSchema, cmd);
  const filter = args.filter ? compileFilter(args.filter) : undefined;
  const entries: Document[] = [];
  for (const coll of ctx.store.collections(ctx.db)) {
    const entry: Document = args.nameOnly
      ? { name: coll.name, type: 'collection' }
      : {
          name: coll.name,
          type: 'collection',
          options: coll.options,
          info: { readOnly: false, uuid: coll.uuid },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        };
    if (filter && !filter.test(entry)) continue;
    entries.push(entry);
  }
  return {
    cursor: ctx.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, entries, args.cursor?.batchSize),
    ok: 1,
  };
};

const createIndexes: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(createIndexesSchema, cmd);
  const createdCollectionAutomatically = ctx.store.get(ctx.db, args.createIndexes) === undefined;
  const coll = ctx.store.getOrCreate(ctx.db, args.createIndexes);
  const numIndexesBefore = coll.indexSpecs().length;
  let created = 0;
  try {
    for (const spec of args.indexes) if (coll.createIndex(spec)) created += 1;
  } finally {
    ctx.changed();
  }
  const reply: Document = {
    numIndexesBefore,
    numIndexesAfter: coll.indexSpecs().length,
    createdCollectionAutomatically,
    ok: 1,
  };
  if (created === 0) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(listIndexesSchema, cmd);
  const coll = ctx.store.get(ctx.db, args.listIndexes);
  if (!coll)
    throw new MongoServerError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${args.listIndexes}`);
  return {
    cursor: ctx.cursors.firstBatch(
      `${ctx.db}.$cmd.listIndexes.${args.listIndexes}`,
      coll.indexSpecs(),
      args.cursor?.batchSize,
    ),
    ok: 1,
  };
};

const dropIndexes: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(dropIndexesSchema, cmd);
  const coll = ctx.store.get(ctx.db, args.dropIndexes);
  if (!coll) throw new MongoServerError('NamespaceNotFound', `ns not found ${ctx.db}.${args.dropIndexes}`);
  const nIndexesWas = coll.indexSpecs().length;
  let names: string[];
  if (args.index === '*') {
    names = [...coll.indexes.keys()];
  } else if (typeof args.index === 'string') {
    names = [args.index];
  } else if (Array.isArray(args.index)) {
    names = args.index;
  } else {
    const wanted = keyOf(args.index);
    const found = [...coll.indexes.values()].find((i) => keyOf(i.spec.key) === wanted);
    if (!found) {
      if (wanted === keyOf({ _id: 1 })) throw new MongoServerError('InvalidOptions', 'cannot drop _id index');
      throw new MongoServerError('IndexNotFound', `can't find index with key: ${JSON.stringify(args.index)}`);
    }
    names = [found.spec.name];
  }
  for (const name of names) {
    if (name === '_id_') throw new MongoServerError('InvalidOptions', 'cannot drop _id index');
    if (!coll.indexes.has(name))
      throw new MongoServerError('IndexNotFound', `index not found with name [${name}]`);
  }
  for (const name of names) coll.indexes.delete(name);
  ctx.changed();
  return { nIndexesWas, ok: 1 };
};

const collModSchema = z.looseObject({
  collMod: zCollectionName,
  index: z
    .looseObject({
      keyPattern: zDocument.optional(),
      name: z.string().optional(),
      expireAfterSeconds: zNumber.optional(),
      hidden: z.boolean().optional(),
    })
    .optional(),
});

/**
 * Index changes (TTL duration, hidden) and the validation options (validator, validationLevel,
 * validationAction); other options are accepted and ignored.
 */
const collMod: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(collModSchema, cmd);
  const coll = ctx.store.get(ctx.db, args.collMod);
  if (!coll) throw new MongoServerError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${args.collMod}`);
  const validation = parseValidationOptions('collMod', cmd);
  if (Object.keys(validation).length > 0) {
    const changes: Document = {};
    if (validation.validator !== undefined) changes.validator = validation.validator;
    if (validation.level !== undefined) changes.validationLevel = validation.level;
    if (validation.action !== undefined) changes.validationAction = validation.action;
    coll.updateOptions(changes);
    ctx.changed();
  }
  if (!args.index) return { ok: 1 };
  const wanted = args.index;
  const index = [...coll.indexes.values()].find((i) =>
    wanted.name !== undefined
      ? i.spec.name === wanted.name
      : keyOf(i.spec.key) === keyOf(wanted.keyPattern ?? null),
  );
  if (!index)
    throw new MongoServerError(
      'IndexNotFound',
      `cannot find index ${wanted.name ?? JSON.stringify(wanted.keyPattern)} for ns ${coll.ns}`,
    );
  const reply: Document = {};
  if (wanted.expireAfterSeconds !== undefined) {
    reply.expireAfterSeconds_old = index.spec.expireAfterSeconds;
    reply.expireAfterSeconds_new = wanted.expireAfterSeconds;
    index.spec.expireAfterSeconds = wanted.expireAfterSeconds;
  }
  if (wanted.hidden !== undefined) {
    reply.hidden_old = index.spec.hidden === true;
    reply.hidden_new = wanted.hidden;
    index.spec.hidden = wanted.hidden;
  }
  ctx.changed();
  return { ...reply, ok: 1 };
};

const renameSchema = z.looseObject({
  renameCollection: z.string(),
  to: z.string(),
  dropTarget: z.boolean().optional(),
});

const renameCollection: CommandHandler = (cmd, ctx) => {
  const args = parseCommand(renameSchema, cmd);
  if (ctx.db !== 'admin')
    throw new MongoServerError(
      'Unauthorized',
      'renameCollection may only be run against the admin database.',
    );
  const split = (ns: string): [string, string] => {
    const dot = ns.indexOf('.');
    if (dot <= 0 || dot === ns.length - 1)
      throw new MongoServerError('InvalidNamespace', `Invalid namespace specified '${ns}'`);
    return [ns.slice(0, dot), ns.slice(dot + 1)];
  };
  const [fromDb, fromName] = split(args.renameCollection);
  const [toDb, toName] = split(args.to);
  if (!ctx.store.get(fromDb, fromName))
    throw new MongoServerError('NamespaceNotFound', 'Source collection does not exist');
  if (ctx.store.get(toDb, toName) && !args.dropTarget)
    throw new MongoServerError('NamespaceExists', 'target namespace exists');
  ctx.store.rename(fromDb, fromName, toDb, toName);
  ctx.changed();
  return { ok: 1 };
};

/** The emulator has no query planner to explain. */
const explain: CommandHandler = () => {
  throw notImplemented('explain');
};

export const adminCommands: Record<string, CommandHandler> = {
  explain,
  collMod,
  renameCollection,
  create,
  drop,
  dropDatabase,
  listDatabases,
  listCollections,
  createIndexes,
  listIndexes,
  dropIndexes,
};

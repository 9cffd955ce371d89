// Turns an update's operators into the concrete modifier mingo applies, doing first what MongoDB
// does before touching a document and mingo does not:
// - conflicts are found between whole paths (`children.$.name` and `children.$.updatedAt` do not
//   conflict; mingo compares only the part before `$` and refuses them), code 40;
// - `$`, `$[]` and `$[id]` are resolved to array indexes against the document (the positional `$`
//   once per array, from the query), so mingo only ever sees plain paths;
// - a path that cannot be created (a field inside a scalar, a named field of an array) is refused
//   with PathNotViable (28), and operators that need an array or a number refuse other values,
//   with mongod's codes and messages; `$unset`/`$pull`/`$pop` on such paths do nothing;
// - `$pull` conditions follow mongod's three cases (a document query per element, a condition on
//   the element, or equality), which mingo collapses into one and so misses `$or`;
// - `_id` may be set to its current value (and to any value on insert), never changed.
// Reference: https://www.mongodb.com/docs/v7.0/reference/operator/update/ and mongod's update nodes.
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { isOperator } from 'mingo/util';
import { bsonTypeName } from './bson-types.js';
import { MongoServerError } from './errors.js';
import { positionalIndex } from './positional.js';
import { escapePath, isPlainObject, keyOf, originalOf, renderValue } from './values.js';

export interface PlanContext {
  /** The update's filter (a view), for the positional `$`. */
  filter: Document;
  arrayFilters?: Document[];
  /** The document is being created by an upsert: `$setOnInsert` applies, `_id` may be set. */
  inserting: boolean;
  /** mingo options (context, collation) for the conditions evaluated here. */
  queryOptions: Partial<Options>;
}

interface Entry {
  op: string;
  path: string;
  /** The operand as mingo reads it (a view). */
  value: unknown;
  /** The operand as the command sent it (int64 and Decimal128 values intact). */
  raw: unknown;
}

/** What mingo applies, and each planned operand as sent (to give int64/Decimal128 types back). */
export interface Plan {
  modifier: Document;
  operands: Entry[];
}

/** Operators that create the path they name when it is missing. */
const CREATING = new Set([
  '$set',
  '$setOnInsert',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
  '$bit',
]);
/** Top-level query operators, which make a `$pull` condition a query on each element. */
const TOP_LEVEL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$comment', '$jsonSchema', '$text']);

/**
 * The modifier mingo applies to `doc` (a view): plain paths only, every check done. `modifier` is
 * the update's view, `raw` the update as sent.
 */
export function planModifier(doc: Document, modifier: Document, raw: Document, ctx: PlanContext): Plan {
  const entries = readEntries(modifier, raw);
  checkConflicts(entries);
  const arrays = new ArrayResolver(doc, ctx);
  const out: Document = {};
  const operands: Entry[] = [];
  for (const entry of entries) {
    if (entry.op === '$setOnInsert' && !ctx.inserting) continue;
    if (!allowedOnId(doc, entry, ctx.inserting)) continue;
    const op = entry.op === '$setOnInsert' ? '$set' : entry.op;
    if (op === '$rename') {
      add(out, op, entry.path, entry.value);
      operands.push({ ...entry, op });
      continue;
    }
    for (const parts of arrays.expand(entry.path)) {
      const planned = checkPath(doc, { ...entry, op }, parts, ctx.queryOptions);
      if (!planned) continue;
      add(out, planned.op, planned.path, planned.value);
      operands.push(planned);
    }
  }
  arrays.checkFiltersUsed(modifier);
  return { modifier: out, operands };
}

function add(out: Document, op: string, path: string, value: unknown): void {
  if (!isPlainObject(out[op])) out[op] = {};
  (out[op] as Document)[path] = value;
}

function readEntries(modifier: Document, raw: Document): Entry[] {
  const entries: Entry[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    const rawFields = (raw[op] ?? {}) as Document;
    for (const [path, value] of Object.entries(fields as Document)) {
      // The view escapes a key named __proto__; the operand as sent is then the view's.
      const sent = Object.hasOwn(rawFields, path) ? rawFields[path] : value;
      if (path === '') throw new MongoServerError('EmptyFieldName', 'An empty update path is not valid.');
      if (path.split('.').includes('')) {
        throw new MongoServerError(
          'EmptyFieldName',
          `The update path '${path}' contains an empty field name, which is not allowed.`,
        );
      }
      if ((op === '$inc' || op === '$mul') && !isNumeric(sent)) {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        throw new MongoServerError(
          'TypeMismatch',
          `Cannot ${verb} with non-numeric argument: {${path}: ${renderValue(sent)}}`,
        );
      }
      const escaped = op === '$rename' && typeof value === 'string' ? escapePath(value) : value;
      entries.push({ op, path: escapePath(path), value: escaped, raw: sent });
    }
  }
  return entries;
}

/**
 * Two paths of one update conflict when one is the other or a prefix of it (whole components;
 * positional parts count as components). `$rename` touches both its source and its target.
 */
function checkConflicts(entries: Entry[]): void {
  const seen = new Set<string>();
  const touched: string[] = [];
  for (const { op, path, value } of entries) {
    touched.push(path);
    if (op === '$rename' && typeof value === 'string') touched.push(value);
  }
  for (const path of touched) {
    if (seen.has(path)) throw conflict(path, path);
    seen.add(path);
  }
  for (const path of touched) {
    const parts = path.split('.');
    for (let n = 1; n < parts.length; n += 1) {
      const prefix = parts.slice(0, n).join('.');
      if (seen.has(prefix)) throw conflict(path, prefix);
    }
  }
}

function conflict(path: string, at: string): MongoServerError {
  return new MongoServerError(
    'ConflictingUpdateOperators',
    `Updating the path '${path}' would create a conflict at '${at}'`,
  );
}

function immutableId(path: string): MongoServerError {
  return new MongoServerError(
    'ImmutableField',
    `Performing an update on the path '${path}' would modify the immutable field '_id'`,
  );
}

/**
 * `_id` cannot change: `$set` of its current value is a no-op (false: skip the entry), anything
 * else touching an existing `_id` is refused; a document being inserted without one may get one.
 */
function allowedOnId(doc: Document, entry: Entry, inserting: boolean): boolean {
  const first = entry.path.split('.')[0];
  const renamesOnto =
    entry.op === '$rename' && typeof entry.value === 'string' && entry.value.split('.')[0] === '_id';
  if (first !== '_id' && !renamesOnto) return true;
  if (inserting && !('_id' in doc)) return true;
  const setsWhole = (entry.op === '$set' || entry.op === '$setOnInsert') && entry.path === '_id';
  if (setsWhole && keyOf(entry.value, true) === keyOf(doc._id, true)) return false;
  throw immutableId(renamesOnto ? String(entry.value) : entry.path);
}

/** Resolves `$`, `$[]` and `$[id]` against one document; remembers which array filters were used. */
class ArrayResolver {
  private readonly positions = new Map<string, number>();
  private readonly filters = new Map<string, Query>();
  private readonly used = new Set<string>();

  constructor(
    private readonly doc: Document,
    private readonly ctx: PlanContext,
  ) {
    for (const filter of ctx.arrayFilters ?? []) {
      const ids = new Set(Object.keys(filter).map((k) => k.split('.')[0] as string));
      if (ids.size !== 1) {
        throw new MongoServerError(
          'FailedToParse',
          'Error parsing array filter :: caused by :: Expected a single top-level field name, found multiple',
        );
      }
      const [id] = ids as unknown as [string];
      if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
        throw new MongoServerError(
          'BadValue',
          `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`,
        );
      }
      if (this.filters.has(id)) {
        throw new MongoServerError(
          'FailedToParse',
          `Found multiple array filters with the same top-level field name ${id}`,
        );
      }
      this.filters.set(id, new Query(filter, ctx.queryOptions));
    }
  }

  /** The concrete paths (as parts) a path with positional parts stands for in this document. */
  expand(path: string): string[][] {
    const parts = path.split('.');
    if (!parts.some((p) => p.startsWith('$'))) return [parts];
    const out: string[][] = [];
    this.walk(this.doc, parts, 0, [], path, out);
    return out;
  }

  private walk(
    node: unknown,
    parts: string[],
    i: number,
    prefix: string[],
    path: string,
    out: string[][],
  ): void {
    if (i === parts.length) {
      out.push(prefix);
      return;
    }
    const part = parts[i] as string;
    const child = (key: string): unknown =>
      Array.isArray(node) ? node[Number(key)] : isPlainObject(node) ? node[key] : undefined;
    if (part === '$') {
      const index = this.position(node, prefix);
      this.walk(child(String(index)), parts, i + 1, [...prefix, String(index)], path, out);
      return;
    }
    const all = part === '$[]';
    const id = /^\$\[([^\]]*)\]$/.exec(part)?.[1];
    if (!all && id === undefined) {
      this.walk(child(part), parts, i + 1, [...prefix, part], path, out);
      return;
    }
    let test: Query | undefined;
    if (!all) {
      test = this.filters.get(id as string);
      if (!test)
        throw new MongoServerError(
          'BadValue',
          `No array filter found for identifier '${id}' in path '${path}'`,
        );
      this.used.add(id as string);
    }
    if (node === undefined) {
      if (this.ctx.inserting) return; // an upsert creates no array elements to update
      throw new MongoServerError(
        'BadValue',
        `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`,
      );
    }
    if (!Array.isArray(node)) {
      throw new MongoServerError(
        'BadValue',
        `Cannot apply array updates to non-array element ${prefix[prefix.length - 1]}: ${renderValue(originalOf(node))}`,
      );
    }
    node.forEach((element, index) => {
      if (test && !test.test({ [id as string]: element })) return;
      this.walk(element, parts, i + 1, [...prefix, String(index)], path, out);
    });
  }

  /** The matched position of the array at `prefix` (once per array). */
  private position(node: unknown, prefix: string[]): number {
    const arrayPath = prefix.join('.');
    let index = this.positions.get(arrayPath);
    if (index === undefined) {
      index = Array.isArray(node)
        ? positionalIndex(node, arrayPath, this.ctx.filter, this.ctx.queryOptions)
        : undefined;
      if (index === undefined) {
        throw new MongoServerError(
          'BadValue',
          'The positional operator did not find the match needed from the query.',
        );
      }
      this.positions.set(arrayPath, index);
    }
    return index;
  }

  checkFiltersUsed(modifier: Document): void {
    for (const id of this.filters.keys()) {
      if (!this.used.has(id)) {
        throw new MongoServerError(
          'FailedToParse',
          `The array filter for identifier '${id}' was not used in the update ${renderValue(originalOf(modifier))}`,
        );
      }
    }
  }
}

/**
 * Checks one concrete path against the document: whether it can be created, and whether the value
 * there suits the operator. Returns what to apply (`$pull` becomes a `$set` of the kept elements),
 * or undefined when the operator has nothing to do.
 */
function checkPath(
  doc: Document,
  entry: Entry,
  parts: string[],
  queryOptions: Partial<Options>,
): Entry | undefined {
  const { op, value, raw } = entry;
  let node: unknown = doc;
  let name = '';
  let exists = true;
  for (const part of parts) {
    if (isPlainObject(node)) {
      if (!Object.hasOwn(node, part)) {
        exists = false;
        break;
      }
    } else if (Array.isArray(node) && /^\d+$/.test(part)) {
      if (Number(part) >= node.length) {
        exists = false;
        break;
      }
    } else {
      // A scalar (or an array asked for a named field) cannot hold the rest of the path.
      if (!CREATING.has(op)) return undefined;
      throw new MongoServerError(
        'PathNotViable',
        `Cannot create field '${part}' in element {${name}: ${renderValue(originalOf(node))}}`,
      );
    }
    name = part;
    node = Array.isArray(node) ? node[Number(part)] : (node as Document)[part];
  }
  const path = parts.join('.');
  if (!exists) return CREATING.has(op) ? { op, path, value, raw } : undefined;
  const type = () => bsonTypeName(storedValue(doc, parts));
  const idElem = () => ('_id' in doc ? `_id: ${renderValue(originalOf(doc)._id)}` : 'no id');
  switch (op) {
    case '$push':
      if (!Array.isArray(node)) {
        throw new MongoServerError(
          'BadValue',
          `The field '${path}' must be an array but is of type ${type()} in document {${idElem()}}`,
        );
      }
      break;
    case '$addToSet':
      if (!Array.isArray(node)) {
        throw new MongoServerError(
          'BadValue',
          `Cannot apply $addToSet to non-array field. Field named '${name}' has non-array type ${type()}`,
        );
      }
      break;
    case '$pop':
      if (!Array.isArray(node)) {
        throw new MongoServerError(
          'TypeMismatch',
          `Path '${path}' contains an element of non-array type '${type()}'`,
        );
      }
      break;
    case '$pull':
    case '$pullAll':
      if (!Array.isArray(node))
        throw new MongoServerError('BadValue', 'Cannot apply $pull to a non-array value');
      if (op === '$pull') return pulled(node, path, value, queryOptions);
      break;
    case '$inc':
    case '$mul':
      if (!isNumeric(node)) {
        throw new MongoServerError(
          'TypeMismatch',
          `Cannot apply ${op} to a value of non-numeric type. {${idElem()}} has the field '${name}' of non-numeric type ${type()}`,
        );
      }
      break;
    default:
      break;
  }
  return { op, path, value, raw };
}

function isNumeric(v: unknown): boolean {
  const type = bsonTypeName(originalOf(v));
  return type === 'int' || type === 'double' || type === 'long' || type === 'decimal';
}

/** The stored value (not its view) at concrete parts, for type names in messages. */
function storedValue(doc: Document, parts: string[]): unknown {
  let node: unknown = originalOf(doc);
  for (const part of parts) {
    node = Array.isArray(node) ? node[Number(part)] : isPlainObject(node) ? node[part] : undefined;
  }
  return node;
}

/**
 * `$pull`: an object whose first field is not a path operator is a query on each element (which
 * must be a document); an object starting with an operator, or a regex, is a condition on the
 * element itself; anything else removes equal elements. mongod's pull_node.cpp makes this choice.
 */
function pulled(
  array: unknown[],
  path: string,
  condition: unknown,
  queryOptions: Partial<Options>,
): Entry | undefined {
  let remove: (element: unknown) => boolean;
  const first = isPlainObject(condition) ? Object.keys(condition)[0] : undefined;
  if (isPlainObject(condition) && (first === undefined || !isOperator(first) || TOP_LEVEL.has(first))) {
    const query = new Query(condition, queryOptions);
    remove = (element) => isPlainObject(element) && query.test(element);
  } else if (isPlainObject(condition) || condition instanceof RegExp) {
    const query = new Query({ e: condition }, queryOptions);
    remove = (element) => query.test({ e: element });
  } else {
    const key = keyOf(condition);
    remove = (element) => keyOf(element) === key;
  }
  const keep = array.map((element) => !remove(element));
  if (keep.every(Boolean)) return undefined;
  // The stored elements kept (their int64 values intact) go with the view elements mingo sets.
  const stored = originalOf(array);
  return {
    op: '$set',
    path,
    value: array.filter((_, i) => keep[i]),
    raw: stored.filter((_, i) => keep[i]),
  };
}

// The operator tables mingo runs with. mingo is extended only through its documented operator API
// (a `Context` holding operator functions; "Custom Operators" in mingo's README), and only where
// it lacks what MongoDB 7 documents:
// - `$type`: all BSON aliases and numbers (mingo knows JS types only: no objectId, binData, long…);
// - `$all` on a scalar field (mingo requires an array; MongoDB treats `$all` as an `$and` of `$eq`);
// - the bit tests on BinData values and masks, and on positions above 31 (mingo uses 32-bit ints);
// - `$id`/`$ref`/`$db` inside `$elemMatch` (the fields of a DBRef, which mingo takes for operators);
// - comparison operators under a collation (mingo only applies a collation to `$sort`);
// - the `$elemMatch` projection with a condition on the elements themselves (`{$gte: d}`);
// - MongoDB's own refusal (NotImplemented) for what the emulator deliberately does not do: geo
//   operators, `$text`, `$where`, `$geoNear`.
// Everything else is mingo's own operator, and the replacements hand the actual comparisons back
// to mingo (its Query, isEqual and compare) wherever it can make them.
import { Binary, DBRef, type Document } from 'bson';
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { compare, ensureArray, isEqual, isOperator, resolve, typeOf } from 'mingo/util';
import { hasType, parseTypeList } from './bson-types.js';
import { collatorFor } from './collation.js';
import { MongoServerError } from './errors.js';
import { isPlainObject, leafValues, originalOf } from './values.js';

type Predicate = (obj: Document) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => Predicate;

/** What MongoDB answers for a feature the emulator deliberately does not implement. */
export function notImplemented(feature: string): MongoServerError {
  return new MongoServerError('NotImplemented', `${feature} is not supported by the MongoDB emulator`);
}

const unsupported =
  (feature: string): QueryOperator =>
  () => {
    throw notImplemented(feature);
  };

/** The values a predicate tests at `selector`, read from the stored document (not its view). */
function storedValues(obj: Document, selector: string): unknown[] {
  return leafValues(originalOf(obj), selector);
}

/** `$type`: https://www.mongodb.com/docs/v7.0/reference/operator/query/type/ */
const $type: QueryOperator = (selector, value) => {
  const types = parseTypeList(value);
  const array = types.has(4);
  return (obj) =>
    storedValues(obj, selector).some((v) =>
      Array.isArray(v) ? array || v.some((x) => hasType(x, types)) : hasType(v, types),
    );
};

/**
 * `$all`: "equivalent to an `$and` operation of the specified values", which also matches a
 * scalar field. https://www.mongodb.com/docs/v7.0/reference/operator/query/all/
 */
const $all: QueryOperator = (selector, value, options) => {
  if (!Array.isArray(value)) throw new MongoServerError('BadValue', '$all needs an array');
  if (value.length === 0) return () => false;
  const clauses = value.map((v) => {
    const elemMatch = isPlainObject(v) && Object.keys(v)[0] === '$elemMatch';
    return { [selector]: elemMatch || v instanceof RegExp ? v : { $eq: v } };
  });
  const query = new Query({ $and: clauses }, options);
  return (obj) => query.test(obj);
};

/** The bit positions of a bitmask argument (number, BinData or a list of positions). */
function maskPositions(operator: string, mask: unknown): number[] {
  const positions: number[] = [];
  if (Array.isArray(mask)) {
    for (const p of mask) {
      const n = typeof p === 'bigint' ? Number(p) : p;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        throw new MongoServerError('BadValue', `bit positions must be an integer but got: ${String(p)}`);
      }
      positions.push(n);
    }
  } else if (mask instanceof Binary) {
    const bytes = mask.buffer.subarray(0, mask.position);
    bytes.forEach((byte, i) => {
      for (let bit = 0; bit < 8; bit += 1) if (byte & (1 << bit)) positions.push(i * 8 + bit);
    });
  } else if ((typeof mask === 'number' && Number.isInteger(mask)) || typeof mask === 'bigint') {
    let rest = BigInt(mask);
    if (rest < 0n)
      throw new MongoServerError('BadValue', `${operator} must be a non-negative 64-bit integer`);
    for (let bit = 0; rest > 0n; bit += 1, rest >>= 1n) if (rest & 1n) positions.push(bit);
  } else {
    throw new MongoServerError(
      'BadValue',
      `${operator} takes an Array, a number, or a BinData but received: ${typeOf(mask)}`,
    );
  }
  return positions;
}

/**
 * Whether bit `p` is set in a field value: BinData as an unsigned little-endian number, numbers as
 * sign-extended 64-bit integers. Undefined for values the bit tests never match (strings,
 * fractions, numbers beyond int64). https://www.mongodb.com/docs/v7.0/reference/operator/query/bitsAllSet/
 */
function bitReader(v: unknown): ((p: number) => boolean) | undefined {
  if (v instanceof Binary) {
    const bytes = v.buffer.subarray(0, v.position);
    return (p) => ((bytes[p >> 3] ?? 0) & (1 << (p & 7))) !== 0;
  }
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 63) n = BigInt(v);
  else return undefined;
  const bits = BigInt.asUintN(64, n);
  return (p) => (p >= 64 ? n < 0n : ((bits >> BigInt(p)) & 1n) === 1n);
}

function bitTest(operator: string, test: (read: (p: number) => boolean, positions: number[]) => boolean) {
  const op: QueryOperator = (selector, value) => {
    const positions = maskPositions(operator, value);
    return (obj) =>
      storedValues(obj, selector).some((v) =>
        (Array.isArray(v) ? v : [v]).some((x) => {
          const read = bitReader(x);
          return read !== undefined && test(read, positions);
        }),
      );
  };
  return op;
}

const $bitsAllSet = bitTest('$bitsAllSet', (read, ps) => ps.every(read));
const $bitsAnySet = bitTest('$bitsAnySet', (read, ps) => ps.some(read));
const $bitsAllClear = bitTest('$bitsAllClear', (read, ps) => ps.every((p) => !read(p)));
const $bitsAnyClear = bitTest('$bitsAnyClear', (read, ps) => ps.some((p) => !read(p)));

/**
 * `{$elemMatch: {$id: oid}}` on an array of DBRefs: inside `$elemMatch`, `$id`, `$ref` and `$db`
 * are the DBRef's fields, not operators. mingo hands such a clause over as an operator of the
 * element, so each one tests that field of the element with mingo's `$eq`.
 */
function dbRefField(field: '$id' | '$ref' | '$db'): QueryOperator {
  const part = (v: unknown): unknown => {
    if (v instanceof DBRef) return field === '$id' ? v.oid : field === '$ref' ? v.collection : v.db;
    return isPlainObject(v) ? v[field] : undefined;
  };
  return (selector, value, options) => {
    const eq = new Query({ v: isPlainObject(value) ? value : { $eq: value } }, options);
    return (obj) => ensureArray(resolve(obj, selector)).some((v) => eq.test({ v: part(v) }));
  };
}

/** Whether a and b are equal under a collation (strings compared by the collator, anywhere). */
function collatedEqual(a: unknown, b: unknown, collator: Intl.Collator): boolean {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b) === 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => collatedEqual(x, b[i], collator));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && collatedEqual(a[k], b[k], collator));
  }
  return isEqual(a, b);
}

/** The collator of a non-simple collation in the options, if any. */
function collatorOf(options: Options): Intl.Collator | undefined {
  const spec = options.collation as Document | undefined;
  return spec && typeof spec.locale === 'string' ? collatorFor(spec) : undefined;
}

/**
 * A comparison operator that follows the collation in the options for strings, and is mingo's own
 * operator otherwise. The collated form mirrors mingo's: the field value, or any element when it
 * is an array (mingo's `resolve` with `unwrapArray`).
 */
function collated(
  name: '$eq' | '$ne' | '$in' | '$nin' | '$gt' | '$gte' | '$lt' | '$lte',
  mingoOp: QueryOperator,
): QueryOperator {
  return (selector, value, options) => {
    const collator = collatorOf(options);
    if (!collator) return mingoOp(selector, value, options);
    const values = (obj: Document): unknown[] => {
      const v = resolve(obj, selector, { unwrapArray: true });
      return Array.isArray(v) ? [v, ...v] : [v];
    };
    const eq = (a: unknown, b: unknown) =>
      collatedEqual(a, b, collator) || ((a === undefined || a === null) && b === null);
    const inList = (obj: Document): boolean => {
      if (!Array.isArray(value)) throw new MongoServerError('BadValue', `${name} needs an array`);
      return values(obj).some((a) =>
        value.some((b) => (b instanceof RegExp ? typeof a === 'string' && b.test(a) : eq(a, b))),
      );
    };
    const order = (a: unknown, b: unknown): number | undefined => {
      if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
      return typeOf(a) === typeOf(b) ? compare(a, b) : undefined;
    };
    const ordered = (accept: (c: number) => boolean) => (obj: Document) =>
      values(obj).some((a) => {
        const c = order(a, value);
        return c !== undefined && accept(c);
      });
    switch (name) {
      case '$eq':
        return (obj) => values(obj).some((a) => eq(a, value));
      case '$ne':
        return (obj) => !values(obj).some((a) => eq(a, value));
      case '$in':
        return inList;
      case '$nin':
        return (obj) => !inList(obj);
      case '$gt':
        return ordered((c) => c > 0);
      case '$gte':
        return ordered((c) => c >= 0);
      case '$lt':
        return ordered((c) => c < 0);
      case '$lte':
        return ordered((c) => c <= 0);
    }
  };
}

const QUERY_OPERATORS = {
  ...queryOperators,
  $eq: collated('$eq', queryOperators.$eq as QueryOperator),
  $ne: collated('$ne', queryOperators.$ne as QueryOperator),
  $in: collated('$in', queryOperators.$in as QueryOperator),
  $nin: collated('$nin', queryOperators.$nin as QueryOperator),
  $gt: collated('$gt', queryOperators.$gt as QueryOperator),
  $gte: collated('$gte', queryOperators.$gte as QueryOperator),
  $lt: collated('$lt', queryOperators.$lt as QueryOperator),
  $lte: collated('$lte', queryOperators.$lte as QueryOperator),
  $type,
  $all,
  $bitsAllSet,
  $bitsAnySet,
  $bitsAllClear,
  $bitsAnyClear,
  $id: dbRefField('$id'),
  $ref: dbRefField('$ref'),
  $db: dbRefField('$db'),
  $near: unsupported('$near'),
  $nearSphere: unsupported('$nearSphere'),
  $geoWithin: unsupported('$geoWithin'),
  $geoIntersects: unsupported('$geoIntersects'),
  $within: unsupported('$within'),
  $where: unsupported('$where'),
};

/**
 * `$elemMatch` projection: the first element matching the condition. Like the `$elemMatch` query
 * operator, a condition made only of operators applies to the element itself (`{$gte: d}`).
 * https://www.mongodb.com/docs/v7.0/reference/operator/projection/elemMatch/
 */
function $elemMatch(obj: Document, expr: unknown, field: string, options: Options): unknown {
  const arr = resolve(obj, field);
  if (!Array.isArray(arr) || !isPlainObject(expr)) return undefined;
  const keys = Object.keys(expr);
  const onElement =
    keys.length > 0 && keys.every((k) => isOperator(k) && !['$and', '$or', '$nor'].includes(k));
  const query = new Query(onElement ? { e: expr } : expr, options);
  const found = arr.find((e) => query.test(onElement ? { e } : e));
  return found === undefined ? undefined : [found];
}

const PROJECTION_OPERATORS = { ...projectionOperators, $elemMatch };

function unsupportedStage(stage: string): (typeof pipelineOperators)['$match'] {
  return () => {
    throw notImplemented(stage);
  };
}

/** Filters without aggregation expressions: copying a smaller operator table is cheaper per Query. */
export const LEAN_CONTEXT = Context.init({ query: QUERY_OPERATORS, projection: PROJECTION_OPERATORS });

/** Everything: filters with `$expr`, projections, aggregation pipelines. */
export const FULL_CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: { ...pipelineOperators, $geoNear: unsupportedStage('$geoNear') },
  projection: PROJECTION_OPERATORS,
  query: QUERY_OPERATORS,
  window: windowOperators,
});

/** Top-level filter operators the emulator refuses before mingo sees them (mingo has none of them). */
export function refuseUnsupportedTopLevel(filter: Document): void {
  if ('$text' in filter) throw notImplemented('$text');
  if ('$where' in filter) throw notImplemented('$where');
}

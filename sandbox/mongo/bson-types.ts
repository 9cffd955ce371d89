// BSON type names and numbers (MongoDB's `$type` aliases), as MongoDB reports them for stored
// values. Shared by the `$type` query operator, `$jsonSchema`'s `bsonType` and error messages
// ("... is of type int"). Reference: https://www.mongodb.com/docs/v7.0/reference/operator/query/type/
import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { MongoServerError } from './errors.js';

/** Alias → BSON type number (`number` is the one alias that names several types). */
const TYPE_NUMBERS: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};
const NUMERIC_TYPES = [1, 16, 18, 19];
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The BSON type name of a stored value (`missing` for undefined). A JS number is an int32 when it
 * is an integer in the int32 range, as the BSON serializer writes it; otherwise a double.
 */
export function bsonTypeName(v: unknown): string {
  switch (typeof v) {
    case 'undefined':
      return 'missing';
    case 'number':
      return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX && !Object.is(v, -0) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      break;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp || v instanceof BSONRegExp) return 'regex';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Binary) return 'binData';
  if (v instanceof Decimal128) return 'decimal';
  if (v instanceof Timestamp) return 'timestamp'; // a Timestamp is a Long subclass
  if (v instanceof Long) return 'long';
  if (v instanceof Int32) return 'int';
  if (v instanceof Double) return 'double';
  if (v instanceof Code) return v.scope ? 'javascriptWithScope' : 'javascript';
  if (v instanceof BSONSymbol) return 'symbol';
  if (v instanceof MinKey) return 'minKey';
  if (v instanceof MaxKey) return 'maxKey';
  return 'object';
}

/**
 * The type numbers a `$type` (or `bsonType`) argument names: an alias, a number, or an array of
 * them. Refused as MongoDB refuses them (BadValue).
 */
export function parseTypeList(arg: unknown, operator = '$type'): Set<number> {
  const items = Array.isArray(arg) ? arg : [arg];
  if (items.length === 0) throw new MongoServerError('BadValue', `${operator} must match at least one type`);
  const out = new Set<number>();
  for (const item of items) {
    if (typeof item === 'string') {
      if (item === 'number') {
        for (const n of NUMERIC_TYPES) out.add(n);
        continue;
      }
      const n = TYPE_NUMBERS[item];
      if (n === undefined) throw new MongoServerError('BadValue', `Unknown type name alias: ${item}`);
      out.add(n);
    } else if (typeof item === 'number' || typeof item === 'bigint') {
      const n = Number(item);
      if (!Object.values(TYPE_NUMBERS).includes(n)) {
        throw new MongoServerError('BadValue', `Invalid numerical type code: ${n}`);
      }
      out.add(n);
    } else {
      throw new MongoServerError(
        'TypeMismatch',
        `type must be represented as a number or a string, not ${bsonTypeName(item)}`,
      );
    }
  }
  return out;
}

/** Whether a single value (not descending into arrays) has one of the types. */
export function hasType(v: unknown, types: Set<number>): boolean {
  const n = TYPE_NUMBERS[bsonTypeName(v)];
  return n !== undefined && types.has(n);
}

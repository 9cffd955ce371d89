// Helpers on BSON values: canonical hash keys (for indexes and distinct), copy-on-write cloning,
// dotted-path extraction and MongoDB's shell-like rendering used in E11000 messages.
import { Binary, Decimal128, type Document, Long, ObjectId, Timestamp } from 'bson';

export function isPlainObject(v: unknown): v is Document {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A string that is equal for values MongoDB considers equal in an index (numbers of any width,
 * null and missing) and different otherwise. Objects use their field order, as MongoDB does.
 * Decimal128 keys by its double value, which is what mingo compares (see numberView).
 * With `exact`, numbers of different BSON types and Decimal128 spellings ('1.10', '1.1') differ:
 * that tells whether an update changed a document at all.
 */
export function keyOf(v: unknown, exact = false): string {
  if (v === null || v === undefined) return 'z';
  switch (typeof v) {
    case 'number':
      return `n${v === 0 ? 0 : v}`;
    case 'bigint':
      if (exact) return `l${v}`;
      return `n${Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()}`;
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 'T' : 'F';
    default:
      break;
  }
  if (v instanceof ObjectId) return `o${v.toHexString()}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v instanceof Long) return keyOf(v.toBigInt(), exact);
  if (v instanceof Decimal128) return exact ? `m${v.toString()}` : keyOf(Number(v.toString()));
  if (v instanceof Binary) return `x${v.sub_type}:${Buffer.from(v.buffer).toString('base64')}`;
  if (v instanceof Timestamp) return `t${v.toString()}`;
  if (v instanceof RegExp) return `r${v.source}/${v.flags}`;
  if (Array.isArray(v)) return `[${v.map((x) => keyOf(x, exact)).join(',')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Document).map(([k, x]) => `${JSON.stringify(k)}:${keyOf(x, exact)}`);
    return `{${entries.join(',')}}`;
  }
  return `?${String(v)}`;
}

/** Deep copy of plain objects/arrays; BSON value objects are immutable for our purposes and shared. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Document = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

/**
 * Values found at a dotted path, descending into arrays like a multikey index does. A missing
 * field yields `[undefined]` so it indexes as null.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out.length === 0 ? [undefined] : out;
}

function collect(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      else for (const x of value) out.push(x);
    } else {
      out.push(value);
    }
    return;
  }
  if (Array.isArray(value)) {
    const part = parts[i] as string;
    if (/^\d+$/.test(part)) collect(value[Number(part)], parts, i + 1, out);
    else for (const x of value) collect(x, parts, i, out);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Document;
    const part = parts[i] as string;
    if (part in obj) collect(obj[part], parts, i + 1, out);
  }
}

/** First value at a dotted path without descending arrays (keyValue in duplicate-key errors). */
export function valueAtPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Document)[part];
  }
  return cur;
}

export function hasPath(doc: unknown, path: string): boolean {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as Document))) return false;
    cur = (cur as Document)[part];
  }
  return true;
}

/** Renders a value the way mongod prints it in `dup key: { ... }`. */
export function renderValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return String(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof Long) return v.toString();
  if (v instanceof Decimal128) return `NumberDecimal("${v.toString()}")`;
  if (v instanceof Binary)
    return `BinData(${v.sub_type}, ${Buffer.from(v.buffer).toString('hex').toUpperCase()})`;
  if (Array.isArray(v)) return `[ ${v.map(renderValue).join(', ')} ]`;
  if (typeof v === 'object') return renderDocument(v as Document);
  return String(v);
}

export function renderDocument(doc: Document): string {
  const entries = Object.entries(doc);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, x]) => `${k}: ${renderValue(x)}`).join(', ')} }`;
}

/** Whether an int64 (decoded as bigint) occurs anywhere in `v`. */
export function containsBigInt(v: unknown): boolean {
  if (typeof v === 'bigint') return true;
  if (Array.isArray(v)) return v.some(containsBigInt);
  if (isPlainObject(v)) {
    for (const k in v) if (containsBigInt(v[k])) return true;
  }
  return false;
}

/** Whether an int64 or a Decimal128 (the numbers mingo cannot compare) occurs anywhere in `v`. */
export function containsWideNumber(v: unknown): boolean {
  if (typeof v === 'bigint' || v instanceof Decimal128) return true;
  if (Array.isArray(v)) return v.some(containsWideNumber);
  if (isPlainObject(v)) {
    for (const k in v) if (containsWideNumber(v[k])) return true;
  }
  return false;
}

/**
 * A copy of `v` with every int64 turned into a number (mingo cannot compare or add bigints).
 * Returns `v` itself when it holds no bigint. Aggregation reads documents this way.
 */
export function withoutBigInts<T>(v: T): T {
  if (!containsBigInt(v)) return v;
  return toNumbers(v, false) as T;
}

/**
 * A copy of `v` with every int64 and Decimal128 turned into a number, for filters, sorts and
 * updates: mingo compares Decimal128 by its text ('10' < '9'), MongoDB by value. Returns `v`
 * itself when it holds neither.
 */
export function numberView<T>(v: T): T {
  if (!containsWideNumber(v)) return v;
  return toNumbers(v, true) as T;
}

/** The number mingo sees for a scalar: int64 and Decimal128 values as doubles. */
export function asNumber(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Decimal128) return Number(v.toString());
  return v;
}

function toNumbers(v: unknown, decimals: boolean): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (decimals && v instanceof Decimal128) return Number(v.toString());
  if (Array.isArray(v)) return v.map((x) => toNumbers(x, decimals));
  if (isPlainObject(v)) {
    const out: Document = {};
    for (const [k, x] of Object.entries(v)) out[k] = toNumbers(x, decimals);
    return out;
  }
  return v;
}

type WideNumber = bigint | Decimal128;

/** The int64 and Decimal128 values of a document with their dotted paths (array indexes included). */
export function wideNumberPaths(
  v: unknown,
  prefix = '',
  out: [string, WideNumber][] = [],
): [string, WideNumber][] {
  if (typeof v === 'bigint' || v instanceof Decimal128) out.push([prefix, v]);
  else if (Array.isArray(v)) {
    v.forEach((x, i) => {
      wideNumberPaths(x, prefix ? `${prefix}.${i}` : String(i), out);
    });
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) wideNumberPaths(x, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/**
 * Turns the numbers found at the paths of `wide` back into int64 / Decimal128 (in place on a fresh
 * copy). A number still equal to the double copy of the original is that value untouched, so the
 * original comes back exactly (an int64 above 2^53, a Decimal128 '1.10'). A changed one ($inc)
 * keeps the wide type: an integral int64 in range, or any Decimal128.
 */
export function restoreWideNumbers(doc: Document, wide: Iterable<[string, WideNumber]>): void {
  for (const [path, original] of wide) {
    const parts = path.split('.');
    let parent: unknown = doc;
    for (const part of parts.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      parent = (parent as Document)[part];
    }
    const last = parts[parts.length - 1] as string;
    if (parent === null || typeof parent !== 'object') continue;
    const container = parent as Document;
    const value = container[last];
    if (typeof value !== 'number') continue;
    if (value === asNumber(original) || (Number.isNaN(value) && original instanceof Decimal128)) {
      container[last] = original;
    } else if (original instanceof Decimal128) {
      container[last] = Decimal128.fromString(String(value));
    } else if (Number.isInteger(value) && BigInt.asIntN(64, BigInt(value)) === BigInt(value)) {
      container[last] = BigInt(value);
    }
  }
}

// Helpers on BSON values: canonical hash keys (for indexes and distinct), copy-on-write cloning,
// dotted-path extraction, the views mingo reads (values it cannot read as stored, converted) and
// MongoDB's shell-like rendering used in error messages.
import { Binary, DBRef, Decimal128, type Document, Double, Long, ObjectId, Timestamp } from 'bson';

export function isPlainObject(v: unknown): v is Document {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A string that is equal for values MongoDB considers equal in an index (numbers of any width,
 * null and missing) and different otherwise. Objects use their field order, as MongoDB does.
 * Decimal128 keys by its double value, which is what mingo compares (see matchView).
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
  if (v instanceof Timestamp) return `t${v.toString()}`; // before Long: a Timestamp is a Long
  if (v instanceof Long) return keyOf(v.toBigInt(), exact);
  if (v instanceof Double) return exact ? `f${v.value}` : keyOf(v.value);
  if (v instanceof Decimal128) return exact ? `m${v.toString()}` : keyOf(Number(v.toString()));
  if (v instanceof Binary) return `x${v.sub_type}:${Buffer.from(v.buffer).toString('base64')}`;
  if (v instanceof RegExp) return `r${v.source}/${v.flags}`;
  // A DBRef keys as the document BSON stores ({$ref, $id, $db}), the shape views and updates give it.
  if (v instanceof DBRef) return keyOf(v.toJSON(), exact);
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
    for (const [k, x] of Object.entries(v)) defineField(out, k, clone(x));
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
  collect(doc, path.split('.'), 0, out, true);
  return out.length === 0 ? [undefined] : out;
}

/**
 * The values a query predicate sees at a dotted path: intermediate arrays are descended like
 * `valuesAtPath`, but an array found at the end is one value (the predicate decides about its
 * elements). Empty when the path is missing.
 */
export function leafValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out, false);
  return out;
}

function collect(value: unknown, parts: string[], i: number, out: unknown[], expandLast: boolean): void {
  if (i === parts.length) {
    if (!expandLast) {
      if (value !== undefined) out.push(value);
    } else if (Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      else for (const x of value) out.push(x);
    } else {
      out.push(value);
    }
    return;
  }
  if (Array.isArray(value)) {
    const part = parts[i] as string;
    if (/^\d+$/.test(part)) collect(value[Number(part)], parts, i + 1, out, expandLast);
    else for (const x of value) collect(x, parts, i, out, expandLast);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Document;
    const part = parts[i] as string;
    if (Object.hasOwn(obj, part)) collect(obj[part], parts, i + 1, out, expandLast);
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
  if (v instanceof Double) return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
  if (typeof v === 'bigint') return String(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof Timestamp) return `Timestamp(${v.t}, ${v.i})`;
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

/** What a value holds that mingo cannot read as it is (bit flags; 0: nothing, mingo reads it directly). */
export const VIEW_WIDE = 1; // int64 (bigint), Decimal128, an integral Double: not a plain number
export const VIEW_BINARY = 2; // Binary/UUID: mingo compares objects by toString(), lossy for Binary
export const VIEW_PROTO = 4; // a key or path part __proto__: mingo refuses it, `o[k] = v` drops it
export const VIEW_DBREF = 8; // DBRef: a class to mingo; MongoDB reads its fields $ref, $id, $db

/** The VIEW_* flags of everything in `v` (one walk). */
export function viewNeeds(v: unknown): number {
  if (typeof v !== 'object' || v === null) return typeof v === 'bigint' ? VIEW_WIDE : 0;
  let flags = 0;
  if (Array.isArray(v)) {
    for (const x of v) flags |= viewNeeds(x);
  } else if (isPlainObject(v)) {
    for (const k in v) {
      if (k.includes(PROTO)) flags |= VIEW_PROTO;
      flags |= viewNeeds(v[k]);
    }
  } else if (v instanceof Decimal128 || v instanceof Double) {
    flags = VIEW_WIDE;
  } else if (v instanceof Binary) {
    flags = v instanceof MatchableBinary ? 0 : VIEW_BINARY;
  } else if (v instanceof DBRef) {
    flags = VIEW_DBREF;
  }
  return flags;
}

/**
 * A Binary that mingo compares exactly. mingo compares two objects of one class by `toString()`,
 * which for a Binary is its bytes read as UTF-8 (lossy, and blind to the subtype). This string is
 * MongoDB's BinData order: length, then subtype, then bytes. It is still a Binary for BSON.
 */
export class MatchableBinary extends Binary {
  static of(v: Binary): MatchableBinary {
    return new MatchableBinary(v.buffer.subarray(0, v.position), v.sub_type);
  }

  override toString(encoding?: 'hex' | 'base64' | 'utf8' | 'utf-8'): string {
    if (encoding) return super.toString(encoding);
    const bytes = this.buffer.subarray(0, this.position);
    return `${bytes.length.toString(16).padStart(8, '0')}:${this.sub_type.toString(16).padStart(2, '0')}:${Buffer.from(bytes).toString('hex')}`;
  }
}

const PROTO = '__proto__';
/** What a key named __proto__ is called while mingo works on a document (BSON keys cannot hold NUL). */
export const ESCAPED_PROTO = '\u0000__proto__';

/** A dotted path with its __proto__ parts escaped as in views. */
export function escapePath(path: string): string {
  return path.includes(PROTO)
    ? path
        .split('.')
        .map((p) => (p === PROTO ? ESCAPED_PROTO : p))
        .join('.')
    : path;
}

/** The original value of a view copy (a view object or array → the stored one), for $type. */
const ORIGINALS = new WeakMap<object, unknown>();

export function originalOf<T>(v: T): T {
  return v !== null && typeof v === 'object' ? ((ORIGINALS.get(v) as T | undefined) ?? v) : v;
}

/**
 * The value as aggregation stages (and index and projection specs) read it: int64 and integral
 * Doubles as numbers, Binary values matchable, DBRefs as their fields, __proto__ keys escaped;
 * Decimal128 kept, so that stages building documents return it as it is. Returns `v` itself when
 * none occurs.
 */
export function stageView<T>(v: T): T {
  if (viewNeeds(v) === 0) return v;
  return toView(v, false) as T;
}

/**
 * The value as mingo filters, sorts and updates it: int64, Decimal128 and integral Doubles as
 * numbers (mingo compares Decimal128 by its text, '10' < '9'), Binary values matchable, DBRefs as
 * their fields, __proto__ keys escaped. Returns `v` itself when none occurs.
 */
export function matchView<T>(v: T): T {
  if (viewNeeds(v) === 0) return v;
  return toView(v, true) as T;
}

/** The number mingo sees for a scalar: int64 and Decimal128 values as doubles. */
export function asNumber(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Double) return v.value;
  if (v instanceof Decimal128) return Number(v.toString());
  return v;
}

function toView(v: unknown, decimals: boolean): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Double) return v.value;
  if (decimals && v instanceof Decimal128) return Number(v.toString());
  if (v instanceof Binary) return v instanceof MatchableBinary ? v : MatchableBinary.of(v);
  if (v instanceof DBRef) {
    const out = toView(v.toJSON(), decimals) as Document;
    ORIGINALS.set(out, v);
    return out;
  }
  if (Array.isArray(v)) {
    const out = v.map((x) => toView(x, decimals));
    ORIGINALS.set(out, v);
    return out;
  }
  if (isPlainObject(v)) {
    const out: Document = {};
    for (const k in v) out[escapePath(k)] = toView(v[k], decimals);
    ORIGINALS.set(out, v);
    return out;
  }
  return v;
}

/** A copy of `v` whose keys named __proto__ are escaped, values kept as stored (unlike a view). */
export function withEscapedProtos<T>(v: T): T {
  if (Array.isArray(v)) return v.map(withEscapedProtos) as T;
  if (!isPlainObject(v)) return v;
  const out: Document = {};
  for (const k in v) out[escapePath(k)] = withEscapedProtos(v[k]);
  return out as T;
}

/** `v` with escaped __proto__ keys named __proto__ again (in place; objects made by mingo or views). */
export function unescapeProto<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const x of v) unescapeProto(x);
  } else if (isPlainObject(v)) {
    if (Object.keys(v).some((k) => k.includes(ESCAPED_PROTO))) {
      const entries = Object.entries(v);
      for (const k of Object.keys(v)) delete v[k];
      for (const [k, x] of entries) defineField(v, k.split(ESCAPED_PROTO).join(PROTO), x);
    }
    for (const k in v) unescapeProto(v[k]);
  }
  return v;
}

/** `obj[key] = value` that also works for a key named __proto__ (an own field, not the prototype). */
export function defineField(obj: Document, key: string, value: unknown): void {
  if (key === PROTO)
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

type WideNumber = bigint | Decimal128 | Double;

/** The int64 and Decimal128 values of a document with their dotted paths (array indexes included). */
export function wideNumberPaths(
  v: unknown,
  prefix = '',
  out: [string, WideNumber][] = [],
): [string, WideNumber][] {
  if (typeof v === 'bigint' || v instanceof Decimal128 || v instanceof Double) out.push([prefix, v]);
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
    } else if (original instanceof Double) {
      // A double stays a double ($inc of an int on a double is a double); integral ones need the box.
      if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) container[last] = new Double(value);
    } else if (Number.isInteger(value) && BigInt.asIntN(64, BigInt(value)) === BigInt(value)) {
      container[last] = BigInt(value);
    }
  }
}

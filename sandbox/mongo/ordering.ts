// MongoDB sort order on plain values, from mingo's own `compare` (with a fast path for the common
// same-type string/number case). Shared by query sorting and the sorted index runs, so an index
// walk and an in-memory sort always agree.
import type { Document } from 'bson';
import { compare, resolve } from 'mingo/util';
import { asNumber } from './values.js';

/** Sort fields with their direction (1 or -1). */
export type SortKeys = [string, number][];

/**
 * The value of a sort field: missing is null, int64 and Decimal128 a number (as mingo sees them),
 * arrays kept.
 */
export function fieldValue(doc: Document, field: string): unknown {
  const v = field.includes('.') ? resolve(doc, field) : doc[field];
  return asNumber(v) ?? null;
}

/**
 * The value a document sorts by in direction `dir`. An array sorts by its smallest element
 * ascending and its largest descending, and an empty array before null, as in MongoDB.
 */
export function sortValue(doc: Document, field: string, dir = 1): unknown {
  const v = fieldValue(doc, field);
  if (!Array.isArray(v)) return v;
  let best: unknown;
  for (const raw of v) {
    const x = asNumber(raw) ?? null;
    if (best === undefined || compareValue(x, best) * dir < 0) best = x;
  }
  return best; // undefined for [], which mingo's compare puts before null
}

export function compareValue(x: unknown, y: unknown): number {
  if ((typeof x === 'string' && typeof y === 'string') || (typeof x === 'number' && typeof y === 'number')) {
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compare(x, y);
}

/** Lexicographic comparison of value tuples, each position in its own direction. */
export function compareValues(a: unknown[], b: unknown[], directions: number[]): number {
  for (let i = 0; i < directions.length; i += 1) {
    const c = compareValue(a[i], b[i]);
    if (c !== 0) return c * (directions[i] ?? 1);
  }
  return 0;
}

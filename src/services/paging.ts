import type { z } from 'zod';
import { ServiceError } from './errors.js';

/** Opaque cursors: base64url JSON, parsed back with a zod schema (a tampered cursor is a 4xx). */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the typed error
  }
  throw new ServiceError('invalid_input', 'The page cursor is not valid.', { field: 'cursor' });
}

export function pageLimit(requested: number | undefined, max: number): number {
  if (requested === undefined) return max;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new ServiceError('invalid_input', 'The page size must be a positive integer.', { field: 'limit' });
  }
  return Math.min(requested, max);
}

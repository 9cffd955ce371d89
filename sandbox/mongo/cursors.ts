// Open cursors: the remaining documents of a find/aggregate/list* result, served in batches by
// getMore. Results are materialised when the cursor opens (documents are immutable snapshots).
import { BSON, type Document, Long } from 'bson';
import { MongoServerError } from './errors.js';

/** Default first batch, as mongod: 101 documents. */
export const DEFAULT_FIRST_BATCH = 101;
/** Batches stop below the 16 MB document limit, like mongod's. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

/** mongod kills cursors idle for 10 minutes; so do we, so abandoned cursors do not pile up. */
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

export class CursorManager {
  private readonly open = new Map<string, OpenCursor>();
  // Ids above 2^53, like mongod's random 64-bit ids, so drivers always see them as Long.
  private nextId = (1n << 60n) + BigInt(Math.floor(Math.random() * 2 ** 40)) * 1000n;

  get size(): number {
    return this.open.size;
  }

  /** Builds the `cursor` reply of a command and keeps the rest for getMore. */
  firstBatch(ns: string, docs: Document[], batchSize: number | undefined, singleBatch = false): Document {
    this.reapIdle();
    const size = batchSize !== undefined && batchSize > 0 ? batchSize : DEFAULT_FIRST_BATCH;
    const first = batchSize === 0 ? [] : takeBatch(docs, 0, size);
    const consumed = first.length;
    if (singleBatch || consumed >= docs.length) {
      return { firstBatch: first, id: Long.ZERO, ns };
    }
    this.nextId += 1n;
    const id = this.nextId;
    this.open.set(id.toString(), { ns, docs, position: consumed, lastUsed: Date.now() });
    return { firstBatch: first, id: Long.fromBigInt(id), ns };
  }

  getMore(cursorId: unknown, ns: string, batchSize: number | undefined): Document {
    const key = idToString(cursorId);
    const cursor = this.open.get(key);
    if (!cursor) throw new MongoServerError('CursorNotFound', `cursor id ${key} not found`);
    if (cursor.ns !== ns) {
      throw new MongoServerError(
        'Unauthorized',
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    const batch = takeBatch(
      cursor.docs,
      cursor.position,
      batchSize !== undefined && batchSize > 0 ? batchSize : 0,
    );
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.open.delete(key);
    return { nextBatch: batch, id: exhausted ? Long.ZERO : Long.fromString(key), ns };
  }

  kill(ids: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids) {
      const key = idToString(raw);
      (this.open.delete(key) ? killed : notFound).push(Long.fromString(key));
    }
    return { killed, notFound };
  }

  clear(): void {
    this.open.clear();
  }

  private reapIdle(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(id);
  }
}

/** Up to `max` documents (0: no count limit) from `start`, stopping before the reply would pass 16 MB. */
function takeBatch(docs: Document[], start: number, max: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  for (let i = start; i < docs.length; i += 1) {
    if (max > 0 && batch.length >= max) break;
    const doc = docs[i] as Document;
    bytes += BSON.calculateObjectSize(doc);
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
  }
  return batch;
}

function idToString(id: unknown): string {
  if (id instanceof Long) return id.toString();
  if (typeof id === 'number' || typeof id === 'bigint') return String(id);
  throw new MongoServerError('TypeMismatch', 'cursor id must be a long');
}

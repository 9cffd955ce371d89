// Optional snapshot persistence: the whole store is written as a stream of BSON documents (one
// per collection header and one per document, so no single BSON value hits the 16 MB limit), to a
// temporary file renamed over the target so a crash never leaves a half-written snapshot.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BSON, type Document } from 'bson';
import { z } from 'zod';
import type { Store } from './store.js';
import { deserialize } from './wire.js';

const headerSchema = z.object({
  t: z.literal('collection'),
  db: z.string(),
  name: z.string(),
  options: z.record(z.string(), z.unknown()),
  indexes: z.array(z.looseObject({ key: z.record(z.string(), z.unknown()), name: z.string() })),
});
const docSchema = z.object({ t: z.literal('doc'), d: z.record(z.string(), z.unknown()) });

export function saveSnapshot(store: Store, path: string): void {
  const parts: Uint8Array[] = [];
  for (const coll of store.all()) {
    const indexes = [...coll.indexes.values()].map((i) => i.spec);
    parts.push(
      BSON.serialize({ t: 'collection', db: coll.db, name: coll.name, options: coll.options, indexes }),
    );
    for (const doc of coll.docs.values()) parts.push(BSON.serialize({ t: 'doc', d: doc }));
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, path);
}

/** Loads a snapshot into an empty store; a missing file is an empty store. */
export function loadSnapshot(store: Store, path: string): void {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  let offset = 0;
  let current: ReturnType<Store['getOrCreate']> | undefined;
  while (offset < buf.length) {
    const size = buf.readInt32LE(offset);
    const raw: Document = deserialize(buf.subarray(offset, offset + size));
    offset += size;
    if (raw.t === 'collection') {
      const header = headerSchema.parse(raw);
      current = store.getOrCreate(header.db, header.name, header.options);
      for (const spec of header.indexes) current.createIndex(spec);
    } else {
      const { d } = docSchema.parse(raw);
      if (!current) throw new Error(`corrupt snapshot ${path}: document before any collection`);
      current.insert(d);
    }
  }
}

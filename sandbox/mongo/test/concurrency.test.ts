// Conformance: each command is atomic, so concurrent read-modify-write commands never lose updates.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness } from './harness.js';

describe('atomicity', () => {
  let h: Harness;
  let second: MongoClient;

  beforeAll(async () => {
    h = await openHarness('concurrency');
    second = await new MongoClient(h.uri, { maxPoolSize: 20 }).connect();
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
  });

  it('100 concurrent findOneAndUpdate $inc on one document end at exactly 100', async () => {
    const c = h.db.collection<{ _id: string; n: number }>('counter');
    await c.insertOne({ _id: 'c', n: 0 });
    const other = second.db(h.db.databaseName).collection<{ _id: string; n: number }>('counter');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 === 0 ? c : other).findOneAndUpdate(
          { _id: 'c' },
          { $inc: { n: 1 } },
          { returnDocument: 'after' },
        ),
      ),
    );
    expect((await c.findOne({ _id: 'c' }))?.n).toBe(100);
    // Every increment observed a distinct value: no two commands interleaved.
    expect(new Set(results.map((r) => r?.n)).size).toBe(100);
  });

  it('concurrent upserts on a unique key create exactly one document', async () => {
    const c = h.db.collection('claims');
    await c.createIndex({ key: 1 }, { unique: true });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        c.findOneAndUpdate({ key: 'k' }, { $inc: { hits: 1 } }, { upsert: true, returnDocument: 'after' }),
      ),
    );
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(await c.countDocuments({ key: 'k' })).toBe(1);
    expect((await c.findOne({ key: 'k' }))?.hits).toBe(fulfilled);
  });
});

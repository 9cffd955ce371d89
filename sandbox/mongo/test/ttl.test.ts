// TTL indexes: listed like MongoDB lists them everywhere; the background sweep is checked on the
// emulator (a real mongod sweeps every 60 s, too slow for a test).
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoEmulator } from '../index.js';
import { Store } from '../store.js';
import { sweepExpired } from '../ttl.js';
import { type Harness, openHarness } from './harness.js';

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('TTL indexes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('ttl');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists expireAfterSeconds on the index', async () => {
    const c = h.db.collection('sessions');
    await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    const ttl = (await c.indexes()).find((i) => i.name === 'expiresAt_1');
    expect(ttl?.expireAfterSeconds).toBe(0);
  });

  it('sweeps expired documents in the background on the emulator', async () => {
    const emulator = await startMongoEmulator({ ttlIntervalMs: 25 });
    const client = await new MongoClient(emulator.uri).connect();
    try {
      const c = client.db('ttl').collection('events');
      await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
      await c.insertMany([
        { k: 'old', at: new Date(Date.now() - 120_000) },
        { k: 'old-in-array', at: [new Date(Date.now() - 120_000), new Date(Date.now() + 3_600_000)] },
        { k: 'fresh', at: new Date() },
        { k: 'not-a-date', at: 'yesterday' },
        { k: 'missing' },
      ]);
      await eventually(async () => (await c.countDocuments()) === 3);
      const left = (await c.find({}, { sort: { k: 1 } }).toArray()).map((d) => d.k);
      expect(left).toEqual(['fresh', 'missing', 'not-a-date']);
    } finally {
      await client.close();
      await emulator.stop();
    }
  });

  it('sweepExpired honours the cut-off exactly', () => {
    const store = new Store();
    const coll = store.getOrCreate('db', 'c');
    coll.createIndex({ key: { at: 1 }, expireAfterSeconds: 10 });
    const now = new Date(1_000_000);
    coll.insert({ _id: 1, at: new Date(990_000) });
    coll.insert({ _id: 2, at: new Date(990_001) });
    expect(sweepExpired(store, now)).toBe(1);
    expect([...coll.docs.values()].map((d) => d._id)).toEqual([2]);
  });
});

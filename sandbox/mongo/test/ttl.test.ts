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

  it('deletes a document at the first sweep after it expires, and sweeps every configured interval', async () => {
    // "The background task that removes expired documents runs every 60 seconds."
    // https://www.mongodb.com/docs/v7.0/core/index-ttl/#timing-of-the-delete-operation
    const start = Date.parse('2026-01-01T00:00:00Z');
    let now = start;
    const sweeps: { sweep: () => void; intervalMs: number }[] = [];
    const emulator = await startMongoEmulator({
      ttlIntervalMs: 60_000,
      now: () => new Date(now),
      ttlScheduler: (sweep, intervalMs) => {
        sweeps.push({ sweep, intervalMs });
        return () => undefined;
      },
    });
    const client = await new MongoClient(emulator.uri).connect();
    try {
      expect(sweeps.map((s) => s.intervalMs)).toEqual([60_000]);
      const tick = (ms: number) => {
        now += ms;
        for (const { sweep } of sweeps) sweep();
      };
      const c = client.db('ttl').collection('events');
      await c.createIndex({ at: 1 }, { expireAfterSeconds: 30 });
      await c.insertMany([
        { k: 'expires-at-30s', at: new Date(start) },
        { k: 'expires-at-90s', at: [new Date(start + 60_000), new Date(start + 3_600_000)] },
        { k: 'not-a-date', at: 'yesterday' },
        { k: 'missing' },
      ]);
      const left = async () => (await c.find({}, { sort: { k: 1 } }).toArray()).map((d) => d.k);
      tick(29_999); // a sweep before the first expiry deletes nothing
      expect(await left()).toEqual(['expires-at-30s', 'expires-at-90s', 'missing', 'not-a-date']);
      tick(30_001); // one interval after the start: 30 s past the first expiry, within the interval
      expect(await left()).toEqual(['expires-at-90s', 'missing', 'not-a-date']);
      tick(60_000); // the next sweep, 30 s after the earliest date of the array expired
      expect(await left()).toEqual(['missing', 'not-a-date']);
    } finally {
      await client.close();
      await emulator.stop();
    }
  });

  it('runs the sweep on its own timer (a short real interval, polled briefly)', async () => {
    const emulator = await startMongoEmulator({
      ttlIntervalMs: 10,
      now: () => new Date(Date.now() + 3_600_000),
    });
    const client = await new MongoClient(emulator.uri).connect();
    try {
      const c = client.db('ttl').collection('timer');
      await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
      await c.insertOne({ at: new Date() }); // expired an hour ago by the injected clock
      await eventually(async () => (await c.countDocuments()) === 0, 5_000);
    } finally {
      await client.close();
      await emulator.stop();
    }
  });

  it('expires only the documents a partial TTL index holds', () => {
    const store = new Store();
    const coll = store.getOrCreate('db', 'c');
    coll.createIndex({ key: { at: 1 }, expireAfterSeconds: 0, partialFilterExpression: { temporary: true } });
    coll.insert({ _id: 1, at: new Date(0), temporary: true });
    coll.insert({ _id: 2, at: new Date(0) });
    expect(sweepExpired(store, new Date(1_000))).toBe(1);
    expect([...coll.docs.values()].map((d) => d._id)).toEqual([2]);
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

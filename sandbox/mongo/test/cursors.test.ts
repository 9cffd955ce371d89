// Conformance: cursor batching, getMore, killCursors and Long cursor ids.
import { Long } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness } from './harness.js';

describe('cursors', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness('cursors');
    await h.db.collection('many').insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('returns a first batch and a Long cursor id, then getMore until exhausted', async () => {
    const first = await h.db.command({ find: 'many', filter: {}, sort: { i: 1 }, batchSize: 100 });
    expect(first.cursor.firstBatch).toHaveLength(100);
    expect(first.cursor.id).toBeInstanceOf(Long);
    expect(first.cursor.id.isZero()).toBe(false);
    expect(first.cursor.ns).toBe(`${h.db.databaseName}.many`);
    const more = await h.db.command({ getMore: first.cursor.id, collection: 'many', batchSize: 100 });
    expect(more.cursor.nextBatch.map((d: { i: number }) => d.i)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 100),
    );
    const last = await h.db.command({ getMore: first.cursor.id, collection: 'many', batchSize: 100 });
    expect(last.cursor.nextBatch).toHaveLength(50);
    expect(String(last.cursor.id)).toBe('0');
  });

  it('defaults to a 101-document first batch and lets the driver iterate everything', async () => {
    const first = await h.db.command({ find: 'many' });
    expect(first.cursor.firstBatch).toHaveLength(101);
    const all = await h.db.collection('many').find({}, { batchSize: 7 }).toArray();
    expect(all).toHaveLength(250);
    expect(new Set(all.map((d) => d.i)).size).toBe(250);
  });

  it('closes the cursor when the limit fits in the first batch', async () => {
    const res = await h.db.command({ find: 'many', limit: 5, batchSize: 10 });
    expect(res.cursor.firstBatch).toHaveLength(5);
    expect(String(res.cursor.id)).toBe('0');
    const single = await h.db.command({ find: 'many', batchSize: 10, singleBatch: true });
    expect(String(single.cursor.id)).toBe('0');
  });

  it('kills cursors and reports which ids were unknown', async () => {
    const first = await h.db.command({ find: 'many', batchSize: 2 });
    const unknown = Long.fromNumber(987654321);
    const killed = await h.db.command({ killCursors: 'many', cursors: [first.cursor.id, unknown] });
    expect(killed.cursorsKilled.map(String)).toEqual([first.cursor.id.toString()]);
    expect(killed.cursorsNotFound.map(String)).toEqual([unknown.toString()]);
    await expect(h.db.command({ getMore: first.cursor.id, collection: 'many' })).rejects.toMatchObject({
      code: 43,
    });
  });

  it('closes a driver cursor early with killCursors', async () => {
    const cursor = h.db.collection('many').find({}, { batchSize: 3 });
    const firstDoc = await cursor.next();
    expect(firstDoc).not.toBeNull();
    const id = cursor.id;
    expect(id).toBeInstanceOf(Long);
    await cursor.close();
    await expect(h.db.command({ getMore: id, collection: 'many' })).rejects.toMatchObject({ code: 43 });
  });

  it('batches aggregate results and list commands', async () => {
    const agg = await h.db.command({
      aggregate: 'many',
      pipeline: [{ $match: { i: { $lt: 30 } } }],
      cursor: { batchSize: 10 },
    });
    expect(agg.cursor.firstBatch).toHaveLength(10);
    expect(agg.cursor.id).toBeInstanceOf(Long);
    const rest = await h.db
      .collection('many')
      .aggregate([{ $match: { i: { $lt: 30 } } }], { batchSize: 4 })
      .toArray();
    expect(rest).toHaveLength(30);
  });

  it('splits batches before they pass the 16 MB reply limit', async () => {
    const big = h.db.collection('big');
    const payload = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 20; i += 1) await big.insertOne({ i, payload });
    const first = await h.db.command({ find: 'big', projection: { i: 1, payload: 1 } });
    expect(first.cursor.firstBatch.length).toBeLessThan(20);
    expect(first.cursor.firstBatch.length).toBeGreaterThan(0);
    const all = await big.find({}, { projection: { i: 1 } }).toArray();
    expect(all).toHaveLength(20);
    const full = await big.find({}).toArray();
    expect(full.map((d) => d.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('honours $natural order in both directions', async () => {
    const forward = await h.db
      .collection('many')
      .find({ i: { $lt: 5 } }, { sort: { $natural: 1 } })
      .toArray();
    const backward = await h.db
      .collection('many')
      .find({ i: { $lt: 5 } }, { sort: { $natural: -1 } })
      .toArray();
    expect(forward.map((d) => d.i)).toEqual([0, 1, 2, 3, 4]);
    expect(backward.map((d) => d.i)).toEqual([4, 3, 2, 1, 0]);
  });
});

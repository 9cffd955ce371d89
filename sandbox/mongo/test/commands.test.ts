// Conformance: every command the emulator promises, exercised through the official driver.
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness, rejection } from './harness.js';

describe('commands', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness('commands');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers hello, isMaster, ping, buildInfo and endSessions', async () => {
    const admin = h.client.db('admin');
    const hello = await admin.command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    const legacy = await admin.command({ isMaster: 1 });
    expect(legacy.ismaster).toBe(true);
    expect((await admin.command({ ping: 1 })).ok).toBe(1);
    const info = await admin.command({ buildInfo: 1 });
    expect(info.version).toMatch(/^\d+\.\d+/);
    expect(Array.isArray(info.versionArray)).toBe(true);
    expect((await admin.command({ endSessions: [] })).ok).toBe(1);
  });

  it('inserts and finds with filter, sort, skip, limit and projection', async () => {
    const c = h.db.collection('people');
    const res = await c.insertMany([
      { name: 'ada', age: 36, tags: ['math'] },
      { name: 'bob', age: 25, tags: ['art', 'math'] },
      { name: 'cyd', age: 41, tags: [] },
      { name: 'dee', age: 25 },
    ]);
    expect(res.insertedCount).toBe(4);
    const names = await c
      .find({ age: { $gte: 25 } }, { projection: { _id: 0, name: 1 } })
      .sort({ age: 1, name: -1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(names).toEqual([{ name: 'bob' }, { name: 'ada' }]);
    expect(await c.countDocuments({ tags: 'math' })).toBe(2);
    expect(await c.findOne({ name: { $in: ['cyd', 'zed'] } }, { projection: { age: 1, _id: 0 } })).toEqual({
      age: 41,
    });
    expect(await c.find({ $or: [{ age: 41 }, { name: 'dee' }] }).toArray()).toHaveLength(2);
  });

  it('updates one, many, with upsert, operators and array filters', async () => {
    interface Row {
      k: string;
      n?: number;
      items: { v: number }[];
      flag?: boolean;
      created?: boolean;
      replaced?: boolean;
      twice?: number;
    }
    const c = h.db.collection<Row>('updates');
    await c.insertMany([
      { k: 'a', n: 1, items: [{ v: 1 }, { v: 5 }] },
      { k: 'b', n: 2, items: [] },
      { k: 'b', n: 3, items: [] },
    ]);
    const one = await c.updateOne({ k: 'a' }, { $inc: { n: 10 }, $push: { items: { v: 9 } } });
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    const many = await c.updateMany({ k: 'b' }, { $set: { flag: true } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 2]);
    const same = await c.updateMany({ k: 'b' }, { $set: { flag: true } });
    expect([same.matchedCount, same.modifiedCount]).toEqual([2, 0]);
    const up = await c.updateOne(
      { k: 'c' },
      { $set: { n: 7 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(up.upsertedCount).toBe(1);
    expect(up.upsertedId).toBeInstanceOf(ObjectId);
    expect(await c.findOne({ k: 'c' }, { projection: { _id: 0 } })).toEqual({ k: 'c', n: 7, created: true });
    const again = await c.updateOne(
      { k: 'c' },
      { $set: { n: 8 }, $setOnInsert: { created: false } },
      { upsert: true },
    );
    expect([again.matchedCount, again.upsertedCount]).toEqual([1, 0]);
    expect((await c.findOne({ k: 'c' }))?.created).toBe(true);
    await c.updateOne(
      { k: 'a' },
      { $set: { 'items.$[big].v': 0 } },
      { arrayFilters: [{ 'big.v': { $gt: 4 } }] },
    );
    expect((await c.findOne({ k: 'a' }))?.items).toEqual([{ v: 1 }, { v: 0 }, { v: 0 }]);
    await c.updateOne({ k: 'a', 'items.v': 1 }, { $set: { 'items.$.v': 2 } });
    expect((await c.findOne({ k: 'a' }))?.items?.[0]).toEqual({ v: 2 });
    await c.replaceOne({ k: 'a' }, { k: 'a', items: [], replaced: true });
    expect(await c.findOne({ k: 'a' }, { projection: { _id: 0 } })).toEqual({
      k: 'a',
      items: [],
      replaced: true,
    });
    await c.updateOne({ k: 'a' }, [{ $set: { twice: { $multiply: [2, 21] } } }]);
    expect((await c.findOne({ k: 'a' }))?.twice).toBe(42);
  });

  it('upserts a replacement whose filter and replacement have no _id', async () => {
    const c = h.db.collection('replace-upserts');
    const replaced = await c.replaceOne({ name: 'nobody' }, { name: 'nobody', v: 1 }, { upsert: true });
    expect(replaced.upsertedCount).toBe(1);
    expect(replaced.upsertedId).toBeInstanceOf(ObjectId);
    expect(await c.findOne({ name: 'nobody' }, { projection: { _id: 0 } })).toEqual({ name: 'nobody', v: 1 });
    const found = await c.findOneAndReplace(
      { name: 'fresh' },
      { name: 'fresh', v: 2 },
      { upsert: true, returnDocument: 'after' },
    );
    expect(found?._id).toBeInstanceOf(ObjectId);
    expect(found?.v).toBe(2);
  });

  it('sorts an array field by its smallest element ascending and its largest descending', async () => {
    const c = h.db.collection('array-sorts');
    await c.insertMany([
      { _id: 1, v: [1, 10] },
      { _id: 2, v: 5 },
      { _id: 3, v: [] },
      { _id: 4 },
      { _id: 5, v: [7, 3] },
    ] as never[]);
    const order = async (dir: 1 | -1, limit = 0) =>
      (await c.find({}, { sort: { v: dir }, limit }).toArray()).map((d) => d._id);
    // An empty array sorts before null and missing.
    expect(await order(1)).toEqual([3, 4, 1, 5, 2]);
    expect(await order(-1)).toEqual([1, 5, 2, 4, 3]);
    expect(await order(1, 3)).toEqual([3, 4, 1]);
    expect(await order(-1, 2)).toEqual([1, 5]);
  });

  it('keeps every other field with a $slice projection', async () => {
    const c = h.db.collection('slices');
    await c.insertOne({ _id: 1, a: [1, 2, 3, 4], nested: { b: [5, 6, 7] }, c: 'kept' } as never);
    expect(await c.findOne({ _id: 1 } as never, { projection: { a: { $slice: 2 } } })).toEqual({
      _id: 1,
      a: [1, 2],
      nested: { b: [5, 6, 7] },
      c: 'kept',
    });
    expect(
      await c.findOne({ _id: 1 } as never, {
        projection: { a: { $slice: -1 }, 'nested.b': { $slice: [1, 1] }, c: 0 },
      }),
    ).toEqual({ _id: 1, a: [4], nested: { b: [6] } });
    expect(await c.findOne({ _id: 1 } as never, { projection: { a: { $slice: 1 }, c: 1 } })).toEqual({
      _id: 1,
      a: [1],
      c: 'kept',
    });
    expect((await c.findOne({ _id: 1 } as never))?.a).toEqual([1, 2, 3, 4]);
  });

  it('deletes one and many', async () => {
    const c = h.db.collection('deletes');
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }, { g: 2 }]);
    expect((await c.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ g: 2 })).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(1);
  });

  it('findAndModify: update with new/sort/fields, upsert, remove', async () => {
    const c = h.db.collection('fam');
    await c.insertMany([
      { q: 'x', rank: 2, secret: 's' },
      { q: 'x', rank: 1, secret: 's' },
    ]);
    const before = await c.findOneAndUpdate({ q: 'x' }, { $set: { hit: true } }, { sort: { rank: 1 } });
    expect(before?.rank).toBe(1);
    expect(before?.hit).toBeUndefined();
    const after = await c.findOneAndUpdate(
      { q: 'x' },
      { $inc: { rank: 10 } },
      { sort: { rank: -1 }, returnDocument: 'after', projection: { secret: 0 } },
    );
    expect(after?.rank).toBe(12);
    expect(after?.secret).toBeUndefined();
    const upserted = await c.findOneAndUpdate(
      { q: 'y' },
      { $set: { rank: 5 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(upserted.value?.q).toBe('y');
    expect(upserted.lastErrorObject?.updatedExisting).toBe(false);
    expect(upserted.lastErrorObject?.upserted).toBeInstanceOf(ObjectId);
    const removed = await c.findOneAndDelete({ q: 'y' });
    expect(removed?.rank).toBe(5);
    expect(await c.findOneAndDelete({ q: 'y' })).toBeNull();
    const replaced = await c.findOneAndReplace({ rank: 12 }, { q: 'z' }, { returnDocument: 'after' });
    expect(replaced?.q).toBe('z');
    expect(replaced?.rank).toBeUndefined();
  });

  it('aggregates, counts and distinct', async () => {
    const c = h.db.collection('agg');
    await c.insertMany([
      { team: 'a', pts: 3, tags: ['x', 'y'] },
      { team: 'a', pts: 4, tags: ['y'] },
      { team: 'b', pts: 10, tags: ['z'] },
    ]);
    const totals = await c
      .aggregate([
        { $match: { pts: { $gt: 0 } } },
        { $group: { _id: '$team', total: { $sum: '$pts' } } },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(totals).toEqual([
      { _id: 'b', total: 10 },
      { _id: 'a', total: 7 },
    ]);
    expect(await c.countDocuments({ team: 'a' })).toBe(2);
    expect(await c.countDocuments({}, { skip: 1, limit: 1 })).toBe(1);
    expect(await c.estimatedDocumentCount()).toBe(3);
    expect((await h.db.command({ count: 'agg', query: { team: 'b' } })).n).toBe(1);
    expect((await c.distinct('tags')).sort()).toEqual(['x', 'y', 'z']);
    expect(await c.distinct('team', { pts: { $gt: 5 } })).toEqual(['b']);
    const other = h.db.collection('agg_lookup');
    await other.insertMany([{ team: 'a', city: 'Paris' }]);
    const joined = await c
      .aggregate([
        { $match: { team: 'a' } },
        { $limit: 1 },
        { $lookup: { from: 'agg_lookup', localField: 'team', foreignField: 'team', as: 'info' } },
        { $project: { _id: 0, city: { $first: '$info.city' } } },
      ])
      .toArray();
    expect(joined).toEqual([{ city: 'Paris' }]);
  });

  it('creates, lists and drops indexes', async () => {
    const c = h.db.collection('idx');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ b: 1, c: -1 }, { name: 'bc', unique: true })).toBe('bc');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_', 'a_1', 'bc']);
    const bc = (await c.indexes()).find((i) => i.name === 'bc');
    expect(bc?.key).toEqual({ b: 1, c: -1 });
    expect(bc?.unique).toBe(true);
    await c.dropIndex('a_1');
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_', 'bc']);
    const missing = await rejection<{ code: number; codeName: string }>(c.dropIndex('nope'));
    expect(missing.code).toBe(27);
    expect(missing.codeName).toBe('IndexNotFound');
    await c.dropIndexes();
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
    const none = await rejection<{ code: number }>(h.db.collection('never_created').indexes());
    expect(none.code).toBe(26);
  });

  it('creates, lists and drops collections and databases', async () => {
    await h.db.createCollection('made');
    const listed = await h.db.listCollections({ name: 'made' }).toArray();
    expect(listed).toHaveLength(1);
    expect(listed[0]?.type).toBe('collection');
    const exists = await rejection<{ code: number; codeName: string }>(
      h.db.createCollection('made', { capped: true, size: 4096 }),
    );
    expect(exists.code).toBe(48);
    expect(exists.codeName).toBe('NamespaceExists');
    const names = (await h.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain('made');
    expect(await h.db.collection('made').drop()).toBe(true);
    expect((await h.db.listCollections({ name: 'made' }).toArray()).length).toBe(0);

    const other = h.client.db(`${h.db.databaseName}_x`);
    await other.collection('c').insertOne({ a: 1 });
    const dbs = await h.client.db('admin').admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain(other.databaseName);
    await other.dropDatabase();
    const after = await h.client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain(other.databaseName);
  });

  it('changes a TTL with collMod and renames a collection', async () => {
    const c = h.db.collection('tokens');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const mod = await h.db.command({
      collMod: 'tokens',
      index: { keyPattern: { at: 1 }, expireAfterSeconds: 120 },
    });
    expect(mod.expireAfterSeconds_old).toBe(60);
    expect(mod.expireAfterSeconds_new).toBe(120);
    expect((await c.indexes()).find((i) => i.name === 'at_1')?.expireAfterSeconds).toBe(120);
    await c.insertOne({ at: new Date(), v: 1 });
    await c.rename('tokens_renamed');
    const renamed = h.db.collection('tokens_renamed');
    expect(await renamed.countDocuments({ v: 1 })).toBe(1);
    expect((await renamed.indexes()).map((i) => i.name)).toEqual(['_id_', 'at_1']);
    expect((await h.db.listCollections({ name: 'tokens' }).toArray()).length).toBe(0);
  });

  it('rejects an array _id', async () => {
    await expect(h.db.collection('bad_ids').insertOne({ _id: [1, 2] } as never)).rejects.toMatchObject({
      code: 2,
    });
  });
});

// Conformance, class 1: an upsert whose filter names `_id` inserts a document with that `_id`.
// "MongoDB creates a new document with _id equal to 1 from the <query> condition, and then applies
// the $set and $setOnInsert operations to this document."
//   https://www.mongodb.com/docs/v7.0/reference/operator/update/setOnInsert/
//   https://www.mongodb.com/docs/v7.0/reference/method/db.collection.updateOne/#upsert
import { Long, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { connect, expectServerError, TARGETS } from './targets.js';

describe.each(TARGETS)('upserts with an _id in the filter ($name)', (target) => {
  const conn = connect(target, 'upsert_id');

  it('inserts the documented products example with $set and $setOnInsert, then only $set', async () => {
    const products = conn.db.collection<{ _id: number; item?: string; defaultQty?: number }>('products');
    const first = await products.updateOne(
      { _id: 1 },
      { $set: { item: 'apple' }, $setOnInsert: { defaultQty: 100 } },
      { upsert: true },
    );
    expect([first.upsertedCount, first.upsertedId]).toEqual([1, 1]);
    expect(await products.findOne({ _id: 1 })).toEqual({ _id: 1, item: 'apple', defaultQty: 100 });
    const second = await products.updateOne(
      { _id: 1 },
      { $set: { item: 'pear' }, $setOnInsert: { defaultQty: 5 } },
      { upsert: true },
    );
    expect([second.matchedCount, second.modifiedCount, second.upsertedCount]).toEqual([1, 1, 0]);
    expect(await products.findOne({ _id: 1 })).toEqual({ _id: 1, item: 'pear', defaultQty: 100 });
  });

  it('upserts a string _id with $set and an ObjectId _id with $inc', async () => {
    const c = conn.db.collection<{ _id: string | ObjectId; name?: string; n?: number }>('ids');
    await c.updateOne({ _id: 'x' }, { $set: { name: 'X' } }, { upsert: true });
    expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', name: 'X' });
    const oid = new ObjectId();
    const res = await c.updateOne({ _id: oid }, { $inc: { n: 1 } }, { upsert: true });
    expect(res.upsertedId?.toString()).toBe(oid.toHexString());
    await c.updateOne({ _id: oid }, { $inc: { n: 1 } }, { upsert: true });
    expect(await c.findOne({ _id: oid })).toEqual({ _id: oid, n: 2 });
  });

  it('returns the upserted document from findOneAndUpdate with $set and $setOnInsert', async () => {
    const c = conn.db.collection<{ _id: string; a?: number; created?: Long }>('fam');
    const after = await c.findOneAndUpdate(
      { _id: 'y' },
      { $set: { a: 1 }, $setOnInsert: { created: Long.fromNumber(7) } },
      { upsert: true, returnDocument: 'after', promoteLongs: false },
    );
    expect(after).toEqual({ _id: 'y', a: 1, created: Long.fromNumber(7) });
    const before = await c.findOneAndUpdate({ _id: 'y' }, { $set: { a: 2 } }, { upsert: true });
    expect(before).toMatchObject({ _id: 'y', a: 1 });
  });

  it('builds the rest of the document from the filter equalities, dotted paths included', async () => {
    const c = conn.db.collection('seeded');
    await c.updateOne(
      { _id: 'z' as never, 'profile.tier': 'gold', kind: { $eq: 'member' } },
      { $set: { n: 1 } },
      { upsert: true },
    );
    expect(await c.findOne({ _id: 'z' as never })).toEqual({
      _id: 'z',
      profile: { tier: 'gold' },
      kind: 'member',
      n: 1,
    });
  });

  it('refuses an upsert that would change the _id its filter names (ImmutableField)', async () => {
    const c = conn.db.collection<{ _id: number }>('immutable');
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { _id: 2 } }, { upsert: true }), {
      code: 66,
      errmsg: /would modify the immutable field '_id'/,
    });
    expect(await c.countDocuments()).toBe(0);
  });
});

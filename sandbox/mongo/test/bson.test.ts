// Conformance: BSON values round-trip unchanged and compare like MongoDB compares them.
import { Binary, Decimal128, Double, Int32, Long, ObjectId, type Sort, Timestamp, UUID } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness } from './harness.js';

describe('BSON types', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness('bson');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('round-trips ObjectId, Date, Long, Decimal128, Binary, UUID, nested documents and arrays', async () => {
    const c = h.db.collection('values');
    const original = {
      _id: new ObjectId(),
      when: new Date('2026-01-02T03:04:05.678Z'),
      big: Long.fromString('9223372036854775807'),
      small: Long.fromNumber(42),
      price: Decimal128.fromString('1234.5600'),
      blob: new Binary(Buffer.from([0, 1, 2, 250, 255])),
      uuid: new UUID('0d2a2a9e-4a4e-4b8e-9f5c-1f3b8a6f7e01'),
      ratio: 0.25,
      int: 7,
      text: 'héllo',
      flag: false,
      nothing: null,
      nested: { a: [1, 'two', { three: 3 }], d: new Date(0) },
      ts: new Timestamp({ t: 1, i: 2 }),
    };
    await c.insertOne(original);
    const back = await c.findOne({ _id: original._id });
    if (!back) throw new Error('document not found');
    expect(back?._id.equals(original._id)).toBe(true);
    expect(back?.when).toEqual(original.when);
    expect(back?.big).toEqual(original.big);
    expect(back?.small).toBe(42);
    expect(back?.price.toString()).toBe('1234.5600');
    expect(Buffer.from((back.blob as Binary).buffer)).toEqual(Buffer.from([0, 1, 2, 250, 255]));
    expect((back.uuid as Binary).sub_type).toBe(4);
    expect((back.uuid as Binary).toUUID().toHexString()).toBe(original.uuid.toHexString());
    expect(back?.nested).toEqual(original.nested);
    expect(back?.nothing).toBeNull();
    expect(back?.text).toBe('héllo');
    expect(back?.ts).toEqual(original.ts);

    const raw = await c.findOne({ _id: original._id }, { promoteValues: false, promoteLongs: false });
    expect(raw?.ratio).toBeInstanceOf(Double);
    expect(raw?.int).toBeInstanceOf(Int32);
    expect(raw?.big).toBeInstanceOf(Long);
    expect(raw?.small).toBeInstanceOf(Long);
    const bigints = await c.findOne({ _id: original._id }, { useBigInt64: true });
    expect(bigints?.small).toBe(42n);
    expect(bigints?.int).toBe(7);
  });

  it('keeps int64 fields int64 through updates while comparing them as numbers', async () => {
    const c = h.db.collection('int64');
    await c.insertMany([
      { _id: 'a', n: Long.fromNumber(5), plain: 1 },
      { _id: 'b', n: Long.fromNumber(50), plain: 2 },
      { _id: 'c', n: 7, plain: 3 },
    ] as never[]);
    expect(await c.countDocuments({ n: { $gt: 6 } })).toBe(2);
    expect(await c.countDocuments({ n: 5 })).toBe(1);
    expect(await c.countDocuments({ n: { $in: [Long.fromNumber(7), 50] } })).toBe(2);
    const sorted = await c.find({}, { sort: { n: -1 } }).toArray();
    expect(sorted.map((d) => d._id)).toEqual(['b', 'c', 'a']);
    await c.updateOne({ _id: 'a' } as never, { $inc: { n: 1 }, $set: { fresh: Long.fromNumber(9) } });
    await c.updateOne({ _id: 'c' } as never, { $inc: { plain: Long.fromNumber(1) } });
    const raw = await c.find({}, { promoteLongs: false, sort: { _id: 1 } }).toArray();
    expect(raw[0]?.n).toEqual(Long.fromNumber(6));
    expect(raw[0]?.fresh).toEqual(Long.fromNumber(9));
    expect(raw[1]?.n).toEqual(Long.fromNumber(50));
    expect(raw[2]?.n).toBe(7);
    expect(raw[2]?.plain).toEqual(Long.fromNumber(4));
    const grouped = await c.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }]).toArray();
    expect(Number(grouped[0]?.total)).toBe(63);
  });

  it('keeps int64 values above 2^53 exact through updates', async () => {
    const c = h.db.collection('int64-big');
    const big = Long.fromString('9007199254740993');
    await c.insertOne({ _id: 'x', big, other: 1 } as never);
    await c.updateOne({ _id: 'x' } as never, { $set: { other: 2 } });
    const untouched = await c.findOne({ _id: 'x' } as never, { promoteLongs: false });
    expect(untouched?.big).toEqual(big);
    const assigned = Long.fromString('-9223372036854775807');
    await c.updateOne({ _id: 'x' } as never, { $set: { big: assigned } });
    expect((await c.findOne({ _id: 'x' } as never, { promoteLongs: false }))?.big).toEqual(assigned);
  });

  it('compares Decimal128 by value, with numbers too, and keeps it Decimal128 through updates', async () => {
    const c = h.db.collection('decimals');
    await c.createIndex({ v: 1 });
    await c.insertMany([
      { _id: 0, v: Decimal128.fromString('10') },
      { _id: 1, v: Decimal128.fromString('2.50') },
      { _id: 2, v: 3 },
      { _id: 3, v: Decimal128.fromString('-3.5') },
    ] as never[]);
    const ids = async (filter: object, sort: Sort = { _id: 1 }) =>
      (await c.find(filter, { sort }).toArray()).map((d) => d._id);
    expect(await ids({}, { v: 1 })).toEqual([3, 1, 2, 0]);
    expect(await ids({}, { v: -1 })).toEqual([0, 2, 1, 3]);
    expect(await ids({ v: { $gt: Decimal128.fromString('5') } })).toEqual([0]);
    expect(await ids({ v: { $gte: 2.5, $lt: 4 } })).toEqual([1, 2]);
    expect(await ids({ v: 2.5 })).toEqual([1]);
    expect(await ids({ v: { $in: [Decimal128.fromString('3.0'), 10] } })).toEqual([0, 2]);
    await c.updateOne({ _id: 1 } as never, { $set: { other: true } });
    expect(String((await c.findOne({ _id: 1 } as never))?.v)).toBe('2.50');
    await c.updateOne({ _id: 1 } as never, { $inc: { v: Decimal128.fromString('1.25') } });
    const incremented = (await c.findOne({ _id: 1 } as never))?.v;
    expect(incremented).toBeInstanceOf(Decimal128);
    expect(String(incremented)).toBe('3.75');
    await c.updateOne({ _id: 0 } as never, { $set: { v: 7 } });
    expect((await c.findOne({ _id: 0 } as never))?.v).toBe(7);
    const projected = await c.aggregate([{ $match: { _id: 3 } }, { $project: { v: 1 } }]).toArray();
    expect(projected[0]?.v).toBeInstanceOf(Decimal128);
  });

  it('matches ObjectId by equality and $in, and Dates, Longs, Decimals and Binary by value', async () => {
    const c = h.db.collection('match');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    await c.insertMany(
      ids.map((_id, i) => ({
        _id,
        ref: ids[(i + 1) % 3],
        at: new Date(1_700_000_000_000 + i * 1000),
        n: Long.fromNumber(10 + i),
        d: Decimal128.fromString(`${i}.5`),
        bin: new Binary(Buffer.from([i])),
      })),
    );
    const again = new ObjectId(ids[1]?.toHexString());
    expect((await c.findOne({ _id: again }))?._id.toHexString()).toBe(again.toHexString());
    expect(
      await c.countDocuments({ _id: { $in: [new ObjectId(ids[0]?.toHexString()), again, new ObjectId()] } }),
    ).toBe(2);
    expect(await c.countDocuments({ ref: new ObjectId(ids[0]?.toHexString()) })).toBe(1);
    expect(await c.countDocuments({ _id: { $nin: [again] } })).toBe(2);
    expect(await c.countDocuments({ at: { $gte: new Date(1_700_000_001_000) } })).toBe(2);
    expect(await c.countDocuments({ n: { $gt: 10 } })).toBe(2);
    expect(await c.countDocuments({ n: Long.fromNumber(11) })).toBe(1);
    expect(await c.countDocuments({ d: Decimal128.fromString('1.5') })).toBe(1);
    expect(await c.countDocuments({ bin: new Binary(Buffer.from([2])) })).toBe(1);
    const sorted = await c.find({}, { sort: { at: -1 }, projection: { n: 1 } }).toArray();
    expect(sorted.map((d) => d.n)).toEqual([12, 11, 10]);
    const byId = await c.find({}).sort({ _id: 1 }).toArray();
    const expected = [...ids].sort((a, b) => a.toHexString().localeCompare(b.toHexString()));
    expect(byId.map((d) => d._id.toHexString())).toEqual(expected.map((i) => i.toHexString()));
  });

  it('increments numbers and keeps dates through $currentDate', async () => {
    const c = h.db.collection('ops');
    await c.insertOne({ _id: 'k', n: 1 } as never);
    await c.updateOne({ _id: 'k' } as never, {
      $inc: { n: Long.fromNumber(2) },
      $currentDate: { touched: true },
    });
    const doc = await c.findOne({ _id: 'k' } as never);
    expect(doc?.n).toBe(3);
    expect(doc?.touched).toBeInstanceOf(Date);
  });
});

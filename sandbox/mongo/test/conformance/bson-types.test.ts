// Conformance, class 5: BSON types in queries and updates.
//   $type aliases and numbers: https://www.mongodb.com/docs/v7.0/reference/operator/query/type/
//   BinData comparison ("first, the length or size of the data; then, by the BSON one-byte subtype;
//   finally, by the data, performing a byte-by-byte comparison"):
//     https://www.mongodb.com/docs/v7.0/reference/bson-type-comparison-order/
//   Bit tests on BinData ("BinData values act as bitmasks and are interpreted as though they are
//   arbitrary-length unsigned little-endian numbers"):
//     https://www.mongodb.com/docs/v7.0/reference/operator/query/bitsAllSet/
import { Binary, Decimal128, Double, Int32, Long, ObjectId, UUID } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { connect, TARGETS } from './targets.js';

const bin = (bytes: number[], subtype = 0) => new Binary(Buffer.from(bytes), subtype);

describe.each(TARGETS)('BSON types ($name)', (target) => {
  const conn = connect(target, 'bson_types');

  it('matches Binary values by bytes and subtype, with $eq and $in', async () => {
    const c = conn.db.collection('blobs');
    await c.insertMany([
      { _id: 1, data: bin([0xff, 1]) },
      { _id: 2, data: bin([0xfe, 1]) },
      { _id: 3, data: bin([0xff, 1], 128) },
    ] as never[]);
    const ids = async (filter: object) =>
      (await c.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ data: bin([0xff, 1]) })).toEqual([1]);
    expect(await ids({ data: { $in: [bin([0xfe, 1]), bin([0xff, 1], 128)] } })).toEqual([2, 3]);
    // Sorted by length, then subtype, then bytes.
    await c.insertOne({ _id: 4, data: bin([0]) } as never);
    const sorted = await c.find({}, { sort: { data: 1 } }).toArray();
    expect(sorted.map((d) => d._id)).toEqual([4, 2, 1, 3]);
  });

  it('matches $type with BSON aliases and numbers, and with $eq on the same field', async () => {
    const c = conn.db.collection('typed');
    const oid = new ObjectId();
    await c.insertMany([
      { _id: oid, v: new Int32(5) },
      { _id: 'double', v: new Double(5) },
      { _id: 'fraction', v: 2.5 },
      { _id: 'long', v: Long.fromNumber(5) },
      { _id: 'decimal', v: Decimal128.fromString('5') },
      { _id: 'uuid', v: new UUID() },
      { _id: 'string', v: '5' },
    ] as never[]);
    const ids = async (filter: object) =>
      (await c.find(filter, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)).sort();
    expect(await ids({ _id: { $eq: oid, $type: 'objectId' } })).toEqual([oid.toHexString()]);
    expect(await ids({ v: { $type: 'int' } })).toEqual([oid.toHexString()]);
    expect(await ids({ v: { $type: 'double' } })).toEqual(['double', 'fraction']);
    expect(await ids({ v: { $type: 18 } })).toEqual(['long']);
    expect(await ids({ v: { $type: 'decimal' } })).toEqual(['decimal']);
    expect(await ids({ v: { $type: 'binData' } })).toEqual(['uuid']);
    expect(await ids({ v: { $type: 'number' } })).toEqual(
      ['decimal', 'double', 'fraction', 'long', oid.toHexString()].sort(),
    );
    expect(await ids({ v: { $type: ['string', 'long'] } })).toEqual(['long', 'string']);
    // Numbers of every type are equal by value.
    expect(await ids({ v: 5 })).toEqual(['decimal', 'double', 'long', oid.toHexString()].sort());
  });

  it('matches $type on the elements of an array, and "array" on the array', async () => {
    const c = conn.db.collection('arrays');
    await c.insertMany([
      { _id: 1, tags: ['a', 1] },
      { _id: 2, tags: [1, 2] },
      { _id: 3, tags: 'a' },
    ] as never[]);
    const ids = async (filter: object) =>
      (await c.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ tags: { $type: 'string' } })).toEqual([1, 3]);
    expect(await ids({ tags: { $type: 'array' } })).toEqual([1, 2]);
  });

  it('keeps a Binary subtype 128 and a double through $set and $push', async () => {
    const c = conn.db.collection('subtypes');
    await c.insertOne({ _id: 1, list: [] } as never);
    await c.updateOne(
      { _id: 1 } as never,
      {
        $set: { custom: bin([9], 128), nested: { inner: bin([1, 2], 128) }, ratio: new Double(2) },
        $push: { list: bin([3], 128) },
      } as never,
    );
    const doc = await c.findOne({ _id: 1 } as never, { promoteValues: false });
    expect([doc?.custom.sub_type, doc?.nested.inner.sub_type, doc?.list[0].sub_type]).toEqual([
      128, 128, 128,
    ]);
    expect(doc?.ratio).toBeInstanceOf(Double);
    await c.updateOne({ _id: 1 } as never, { $inc: { ratio: 1 } });
    expect((await c.findOne({ _id: 1 } as never, { promoteValues: false }))?.ratio).toEqual(new Double(3));
  });

  it('tests bits of BinData fields and with BinData masks', async () => {
    const c = conn.db.collection('bits');
    // 0b0000_0101, then 0b1000_0000 in the second byte: bits 0, 2 and 15 set.
    await c.insertMany([
      { _id: 1, flags: bin([0x05, 0x80]) },
      { _id: 2, flags: 5 },
      { _id: 3, flags: bin([0x01]) },
    ] as never[]);
    const ids = async (filter: object) =>
      (await c.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ flags: { $bitsAllSet: [0, 2] } })).toEqual([1, 2]);
    expect(await ids({ flags: { $bitsAllSet: [15] } })).toEqual([1]);
    expect(await ids({ flags: { $bitsAllSet: bin([0x05]) } })).toEqual([1, 2]);
    expect(await ids({ flags: { $bitsAnySet: bin([0x04]) } })).toEqual([1, 2]);
    expect(await ids({ flags: { $bitsAllClear: [1, 15] } })).toEqual([2, 3]);
    expect(await ids({ flags: { $bitsAnyClear: 5 } })).toEqual([3]);
  });
});

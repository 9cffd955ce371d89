// Conformance, class 8: the smaller differences.
//   $all on a scalar ("{ tags: { $all: [ "ssl" ] } } ... equivalent to { tags: "ssl" }"):
//     https://www.mongodb.com/docs/v7.0/reference/operator/query/all/
//   DBRef fields $ref/$id/$db: https://www.mongodb.com/docs/v7.0/reference/database-references/
//   hint, and a sparse index hint returning only the documents it holds:
//     https://www.mongodb.com/docs/v7.0/reference/method/cursor.hint/
//     https://www.mongodb.com/docs/v7.0/core/index-sparse/#sparse-index-on-a-collection-cannot-return-complete-results
//   $documents with db.aggregate(): https://www.mongodb.com/docs/v7.0/reference/operator/aggregation/documents/
//   Field names may be any string but $-prefixed, dotted or null-holding ones:
//     https://www.mongodb.com/docs/v7.0/core/document/#field-names
import { DBRef, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { connect, expectServerError, TARGETS } from './targets.js';

describe.each(TARGETS)('smaller differences ($name)', (target) => {
  const conn = connect(target, 'smaller');

  it('$all matches a scalar field equal to its only value', async () => {
    const c = conn.db.collection('tags');
    await c.insertMany([
      { _id: 1, tags: 'ssl' },
      { _id: 2, tags: ['ssl', 'security'] },
      { _id: 3, tags: ['security'] },
    ] as never[]);
    const ids = async (filter: object) =>
      (await c.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ tags: { $all: ['ssl'] } })).toEqual([1, 2]);
    expect(await ids({ tags: { $all: ['ssl', 'security'] } })).toEqual([2]);
    expect(await ids({ tags: { $all: [] } })).toEqual([]);
  });

  it('matches DBRef fields inside $elemMatch', async () => {
    const c = conn.db.collection('refs');
    const user = new ObjectId();
    await c.insertMany([
      { _id: 1, owners: [new DBRef('users', user), new DBRef('groups', new ObjectId())] },
      { _id: 2, owners: [new DBRef('users', new ObjectId())] },
    ] as never[]);
    const ids = async (filter: object) =>
      (await c.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ owners: { $elemMatch: { $id: user } } })).toEqual([1]);
    expect(await ids({ owners: { $elemMatch: { $ref: 'users', $id: user } } })).toEqual([1]);
    expect(await ids({ owners: { $elemMatch: { $ref: 'groups' } } })).toEqual([1]);
  });

  it('returns documents in the hinted index order, and only those a hinted sparse index holds', async () => {
    const c = conn.db.collection('hinted');
    await c.createIndex({ b: -1 });
    await c.createIndex({ score: 1 }, { sparse: true });
    await c.insertMany([
      { _id: 1, b: 2, score: 1 },
      { _id: 2, b: 3 },
      { _id: 3, b: 1, score: 5 },
    ] as never[]);
    const ids = (docs: { _id: unknown }[]) => docs.map((d) => d._id);
    expect(ids(await c.find({}).hint({ b: -1 }).toArray())).toEqual([2, 1, 3]);
    expect(ids(await c.find({}).hint('b_-1').toArray())).toEqual([2, 1, 3]);
    expect(ids(await c.find({}).hint({ score: 1 }).toArray())).toEqual([1, 3]);
    expect(await c.countDocuments({}, { hint: { score: 1 } })).toBe(2);
    expect(ids(await c.find({}).hint({ $natural: -1 }).toArray())).toEqual([3, 2, 1]);
    await expectServerError(c.find({}).hint({ nope: 1 }).toArray(), {
      code: 2,
      codeName: 'BadValue',
      errmsg: /hint provided does not correspond to an existing index/,
    });
  });

  it('runs a pipeline without a collection from $documents', async () => {
    const docs = await conn.db
      .aggregate([
        { $documents: [{ x: 10 }, { x: 2 }, { x: 5 }] },
        { $match: { x: { $gt: 3 } } },
        { $sort: { x: 1 } },
      ])
      .toArray();
    expect(docs).toEqual([{ x: 5 }, { x: 10 }]);
    await expectServerError(conn.db.aggregate([{ $match: {} }]).toArray(), {
      code: 73,
      codeName: 'InvalidNamespace',
      errmsg: /^\{aggregate: 1\} is not valid for '\$match'; a collection is required\.$/,
    });
  });

  it('stores and returns a field named __proto__, through updates and projections', async () => {
    const c = conn.db.collection('proto');
    const doc = JSON.parse('{"_id": 1, "__proto__": {"x": 1}, "a": 1}');
    await c.insertOne(doc);
    const back = await c.findOne({ _id: 1 } as never);
    expect(back && Object.keys(back)).toEqual(['_id', '__proto__', 'a']);
    expect(back && Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ x: 1 });
    await c.updateOne({ _id: 1 } as never, { $set: { a: 2 } });
    const updated = await c.findOne({ _id: 1 } as never, { projection: { a: 0 } });
    expect(updated && Object.getOwnPropertyDescriptor(updated, '__proto__')?.value).toEqual({ x: 1 });
    await c.updateOne({ _id: 1 } as never, JSON.parse('{"$set": {"__proto__.y": 2}}'));
    const again = await c.findOne({ _id: 1 } as never);
    expect(again && Object.getOwnPropertyDescriptor(again, '__proto__')?.value).toEqual({ x: 1, y: 2 });
    expect(await c.countDocuments(JSON.parse('{"__proto__.y": 2}'))).toBe(1);
  });
});

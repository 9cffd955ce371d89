// Conformance: MongoDB's error shapes (unknown commands, duplicate keys in every write path).
import { Long, MongoBulkWriteError, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness, rejection } from './harness.js';

describe('error shapes', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness('errors');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses an unknown command with CommandNotFound (59)', async () => {
    const err = await rejection<MongoServerError>(h.db.command({ definitelyNotACommand: 1 }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(59);
    expect(err.codeName).toBe('CommandNotFound');
    expect(err.errmsg).toContain('definitelyNotACommand');
    // The connection is still usable afterwards.
    expect((await h.db.command({ ping: 1 })).ok).toBe(1);
  });

  it('reports CursorNotFound (43) for an unknown cursor id', async () => {
    const err = await rejection<MongoServerError>(
      h.db.command({ getMore: Long.fromNumber(123456789), collection: 'nothing' }),
    );
    expect(err.code).toBe(43);
    expect(err.codeName).toBe('CursorNotFound');
  });

  it('reports a duplicate insert inside writeErrors with the exact E11000 message', async () => {
    const c = h.db.collection('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@example.com' });
    const err = await rejection<MongoServerError>(c.insertOne({ email: 'a@example.com' }));
    expect(err.code).toBe(11000);
    expect(err.errmsg).toBe(
      `E11000 duplicate key error collection: ${h.db.databaseName}.users index: email_1 dup key: { email: "a@example.com" }`,
    );
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@example.com' });
  });

  it('reports each failing document of an unordered insertMany', async () => {
    const c = h.db.collection('bulk');
    await c.createIndex({ k: 1 }, { unique: true });
    const err = await rejection<MongoBulkWriteError>(
      c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 2 }], { ordered: false }),
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    expect(err.insertedCount).toBe(2);
    const writeErrors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    const ordered = await rejection<MongoBulkWriteError>(c.insertMany([{ k: 3 }, { k: 3 }, { k: 4 }]));
    expect(ordered.insertedCount).toBe(1);
    expect(await c.countDocuments({ k: 4 })).toBe(0);
  });

  it('reports duplicate _id with the _id_ index name', async () => {
    const c = h.db.collection('ids');
    await c.insertOne({ _id: 'x' } as never);
    const err = await rejection<MongoServerError>(c.insertOne({ _id: 'x' } as never));
    expect(err.code).toBe(11000);
    expect(err.errmsg).toContain('index: _id_ dup key: { _id: "x" }');
    expect(err.keyValue).toEqual({ _id: 'x' });
  });

  it('enforces unique indexes on update, upsert and findAndModify', async () => {
    const c = h.db.collection('members');
    await c.createIndex({ ws: 1, email: 1 }, { unique: true, name: 'ws_email' });
    await c.insertMany([
      { ws: 'W', email: 'a' },
      { ws: 'W', email: 'b' },
    ]);
    const upd = await rejection<MongoServerError>(c.updateOne({ email: 'b' }, { $set: { email: 'a' } }));
    expect(upd.code).toBe(11000);
    expect(upd.errmsg).toContain('index: ws_email dup key: { ws: "W", email: "a" }');
    expect(upd.keyPattern).toEqual({ ws: 1, email: 1 });
    expect(upd.keyValue).toEqual({ ws: 'W', email: 'a' });
    expect(await c.countDocuments({ email: 'b' })).toBe(1);

    const ups = await rejection<MongoServerError>(
      c.updateOne({ ws: 'W', email: 'c' }, { $set: { email: 'a' } }, { upsert: true }),
    );
    expect(ups.code).toBe(11000);

    const fam = await rejection<MongoServerError>(
      c.findOneAndUpdate({ email: 'b' }, { $set: { email: 'a' } }),
    );
    expect(fam).toBeInstanceOf(MongoServerError);
    expect(fam.code).toBe(11000);
    expect(fam.codeName).toBe('DuplicateKey');
    expect(fam.keyValue).toEqual({ ws: 'W', email: 'a' });

    // Different workspace, same email: allowed by the compound key.
    await c.insertOne({ ws: 'V', email: 'a' });
    expect(await c.countDocuments({ email: 'a' })).toBe(2);
  });

  it('sparse unique indexes ignore documents without the field', async () => {
    const c = h.db.collection('sparse');
    await c.createIndex({ handle: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ n: 1 }, { n: 2 }, { handle: 'h' }]);
    const err = await rejection<MongoServerError>(c.insertOne({ handle: 'h' }));
    expect(err.code).toBe(11000);
    const plain = h.db.collection('not_sparse');
    await plain.createIndex({ handle: 1 }, { unique: true });
    await plain.insertOne({ n: 1 });
    const nullDup = await rejection<MongoServerError>(plain.insertOne({ n: 2 }));
    expect(nullDup.code).toBe(11000);
    expect(nullDup.keyValue).toEqual({ handle: null });
  });

  it('partial unique indexes only constrain matching documents', async () => {
    const c = h.db.collection('partial');
    await c.createIndex(
      { user: 1 },
      { unique: true, partialFilterExpression: { status: 'active' }, name: 'one_active_per_user' },
    );
    await c.insertMany([
      { user: 'u', status: 'revoked' },
      { user: 'u', status: 'revoked' },
      { user: 'u', status: 'active' },
    ]);
    const err = await rejection<MongoServerError>(c.insertOne({ user: 'u', status: 'active' }));
    expect(err.code).toBe(11000);
    expect(err.errmsg).toContain('index: one_active_per_user');
    const flip = await rejection<MongoServerError>(
      c.updateOne({ user: 'u', status: 'revoked' }, { $set: { status: 'active' } }),
    );
    expect(flip.code).toBe(11000);
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = h.db.collection('dups');
    await c.insertMany([{ v: 1 }, { v: 1 }]);
    const err = await rejection<MongoServerError>(c.createIndex({ v: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('refuses to change _id and unknown update operators', async () => {
    const c = h.db.collection('immutable');
    await c.insertOne({ _id: 1, v: 1 } as never);
    const err = await rejection<MongoServerError>(c.updateOne({ _id: 1 } as never, { $set: { _id: 2 } }));
    expect(err.code).toBe(66);
    const bad = await rejection<MongoServerError>(
      h.db.command({ update: 'immutable', updates: [{ q: {}, u: { $frobnicate: { v: 1 } } }] }).then((r) => {
        if (r.writeErrors) throw new MongoServerError(r.writeErrors[0]);
        return r;
      }),
    );
    expect(bad.code).toBe(9);
  });

  it("refuses unknown stages, expressions, operators, bad sorts and change streams with mongod's codes", async () => {
    const c = h.db.collection('pipelines');
    await c.insertOne({ a: 1 });
    const stage = await rejection<MongoServerError>(c.aggregate([{ $frobnicate: {} }]).toArray());
    expect([stage.code, stage.errmsg]).toEqual([40324, "Unrecognized pipeline stage name: '$frobnicate'"]);
    const twoFields = await rejection<MongoServerError>(
      c.aggregate([{ $match: {}, $sort: { a: 1 } }]).toArray(),
    );
    expect(twoFields.code).toBe(40323);
    const expression = await rejection<MongoServerError>(
      c.aggregate([{ $project: { b: { $frobnicate: 1 } } }]).toArray(),
    );
    expect(expression.code).toBe(168);
    expect(expression.errmsg).toContain("Unrecognized expression '$frobnicate'");
    const operator = await rejection<MongoServerError>(c.find({ a: { $frobnicate: 1 } }).toArray());
    expect([operator.code, operator.errmsg]).toEqual([2, 'unknown operator: $frobnicate']);
    const sort = await rejection<MongoServerError>(
      h.db.command({ find: 'no-such-collection', sort: { a: 'sideways' } }),
    );
    expect(sort.code).toBe(15975);
    const changes = await rejection<MongoServerError>(c.aggregate([{ $changeStream: {} }]).toArray());
    expect(changes.code).toBe(40573);
  });

  it('refuses a document over 16 MB without dropping the connection', async () => {
    const huge = { blob: 'x'.repeat(16 * 1024 * 1024) };
    const err = await rejection<MongoServerError>(
      h.db.collection('huge').insertOne(huge, { checkKeys: false }),
    );
    expect(err).toBeDefined();
    expect((await h.db.command({ ping: 1 })).ok).toBe(1);
    expect(await h.db.collection('huge').countDocuments()).toBe(0);
  });
});

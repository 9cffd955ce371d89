// What the emulator deliberately does not do answers with MongoDB's own code for an unimplemented
// feature (238 NotImplemented, from mongod's error_codes.yml), never with a silent wrong answer.
// Transactions and change streams answer what a standalone mongod answers (the emulator reports a
// standalone server): https://www.mongodb.com/docs/v7.0/reference/error-codes/
// A real server supports these, so this file runs against the emulator only; docs/sandbox-mongo.md
// lists the same features.
import { Long } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { connect, expectServerError, TARGETS } from './targets.js';

const NOT_IMPLEMENTED = {
  code: 238,
  codeName: 'NotImplemented',
  errmsg: /is not supported by the MongoDB emulator$/,
};

describe.each(TARGETS.filter((t) => t.name === 'emulator'))(
  'deliberately unsupported features ($name)',
  (target) => {
    const conn = connect(target, 'unsupported');

    it('refuses geo queries, $geoNear, $text and $where', async () => {
      const places = conn.db.collection('places');
      await places.insertOne({ loc: { type: 'Point', coordinates: [0, 0] }, text: 'coffee' });
      const point = { $geometry: { type: 'Point', coordinates: [0, 0] } };
      for (const filter of [
        { loc: { $near: point } },
        { loc: { $nearSphere: point } },
        { loc: { $geoWithin: { $centerSphere: [[0, 0], 1] } } },
        { loc: { $geoIntersects: point } },
        { $text: { $search: 'coffee' } },
        { $where: 'this.text === "coffee"' },
        { $and: [{ $where: 'true' }] },
      ]) {
        await expectServerError(places.find(filter).toArray(), NOT_IMPLEMENTED);
      }
      await expectServerError(
        places.aggregate([{ $geoNear: { near: [0, 0], distanceField: 'd' } }]).toArray(),
        NOT_IMPLEMENTED,
      );
      await expectServerError(
        places
          .aggregate([
            { $project: { f: { $function: { body: 'function() { return 1 }', args: [], lang: 'js' } } } },
          ])
          .toArray(),
        NOT_IMPLEMENTED,
      );
    });

    it('refuses explain, $merge, views and time series collections', async () => {
      const c = conn.db.collection('plain');
      await c.insertOne({ a: 1 });
      await expectServerError(c.find({ a: 1 }).explain(), NOT_IMPLEMENTED);
      await expectServerError(c.aggregate([{ $match: {} }], { explain: true }).toArray(), NOT_IMPLEMENTED);
      await expectServerError(c.aggregate([{ $merge: { into: 'other' } }]).toArray(), NOT_IMPLEMENTED);
      await expectServerError(
        conn.db.createCollection('view', { viewOn: 'plain', pipeline: [] }),
        NOT_IMPLEMENTED,
      );
      await expectServerError(
        conn.db.createCollection('series', { timeseries: { timeField: 't' } }),
        NOT_IMPLEMENTED,
      );
    });

    it('answers transactions and change streams as a standalone mongod does', async () => {
      const c = conn.db.collection('plain');
      // What the driver sends inside a transaction (it then words the error for a standalone itself).
      const inTransaction = { txnNumber: Long.fromNumber(1), startTransaction: true, autocommit: false };
      await expectServerError(conn.db.command({ insert: 'plain', documents: [{ a: 2 }], ...inTransaction }), {
        code: 20,
        codeName: 'IllegalOperation',
        errmsg: /^Transaction numbers are only allowed on a replica set member or mongos$/,
      });
      await expectServerError(c.aggregate([{ $changeStream: {} }]).toArray(), {
        code: 40573,
        errmsg: /replica sets/,
      });
      expect(await c.countDocuments({ a: 2 })).toBe(0);
    });
  },
);

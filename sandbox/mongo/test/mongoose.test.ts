// Mongoose in ordinary use against whichever database startTestDatabase() chose.
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../../../test/support/database.js';

interface Member {
  workspace: string;
  email: string;
  name?: string;
  visits: number;
  seenAt?: Date;
}

const memberSchema = new mongoose.Schema<Member>(
  {
    workspace: { type: String, required: true, index: true },
    email: { type: String, required: true },
    name: String,
    visits: { type: Number, default: 0 },
    seenAt: Date,
  },
  { timestamps: true },
);
memberSchema.index({ workspace: 1, email: 1 }, { unique: true });

describe('mongoose against the test database', () => {
  let db: TestDatabase;
  let conn: mongoose.Connection;
  let Members: mongoose.Model<Member>;

  beforeAll(async () => {
    db = await startTestDatabase();
    conn = await mongoose.createConnection(uniqueDatabaseUri(db.uri, 'mongoose')).asPromise();
    Members = conn.model<Member>('Member', memberSchema);
    await Members.init();
  });

  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
    await db?.stop();
  });

  it('saves, reads, updates, counts and aggregates', async () => {
    const saved = await new Members({ workspace: 'W1', email: 'a@example.com', name: 'Ada' }).save();
    await Members.create([
      { workspace: 'W1', email: 'b@example.com' },
      { workspace: 'W2', email: 'a@example.com' },
    ]);

    const found = await Members.findOne({ workspace: 'W1', email: 'a@example.com' }).lean();
    expect(found?._id.equals(saved._id)).toBe(true);
    expect(found?.name).toBe('Ada');

    const bumped = await Members.findOneAndUpdate(
      { _id: saved._id },
      { $inc: { visits: 2 } },
      { returnDocument: 'after' },
    ).lean();
    expect(bumped?.visits).toBe(2);

    const many = await Members.updateMany(
      { workspace: 'W1' },
      { $set: { seenAt: new Date(1_700_000_000_000) } },
    );
    expect(many.matchedCount).toBe(2);
    expect(many.modifiedCount).toBe(2);

    expect(await Members.countDocuments({ workspace: 'W1' })).toBe(2);
    expect(await Members.estimatedDocumentCount()).toBe(3);

    const perWorkspace = await Members.aggregate<{ _id: string; n: number }>([
      { $group: { _id: '$workspace', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(perWorkspace).toEqual([
      { _id: 'W1', n: 2 },
      { _id: 'W2', n: 1 },
    ]);

    const deleted = await Members.deleteMany({ workspace: 'W2' });
    expect(deleted.deletedCount).toBe(1);
  });

  it('rejects a duplicate save with code 11000', async () => {
    await new Members({ workspace: 'DUP', email: 'x@example.com' }).save();
    const error = await new Members({ workspace: 'DUP', email: 'x@example.com' }).save().then(
      () => undefined,
      (err: unknown) => err as { code?: number; keyValue?: unknown },
    );
    expect(error?.code).toBe(11000);
    expect(error?.keyValue).toEqual({ workspace: 'DUP', email: 'x@example.com' });
  });

  it('upserts with $setOnInsert through findOneAndUpdate', async () => {
    const doc = await Members.findOneAndUpdate(
      { workspace: 'UP', email: 'new@example.com' },
      { $setOnInsert: { name: 'New' }, $inc: { visits: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(doc).toMatchObject({ workspace: 'UP', email: 'new@example.com', name: 'New', visits: 1 });
  });

  it('syncs indexes, populates references, streams a cursor and checks existence', async () => {
    const teamSchema = new mongoose.Schema({
      name: { type: String, unique: true },
      expiresAt: { type: Date, expires: 3600 },
    });
    const Team = conn.model('Team', teamSchema);
    await Team.init();
    const playerSchema = new mongoose.Schema({
      nick: String,
      team: { type: mongoose.Schema.Types.ObjectId, ref: 'Team' },
    });
    playerSchema.index({ nick: 1 });
    const Player = conn.model('Player', playerSchema);
    await Player.init();
    // A stale index in the database is dropped by syncIndexes, the schema's ones are kept.
    await Player.collection.createIndex({ stale: 1 });
    const dropped = await Player.syncIndexes();
    expect(dropped).toEqual(['stale_1']);
    expect((await Player.listIndexes()).map((i) => i.name).sort()).toEqual(['_id_', 'nick_1']);
    const ttl = (await Team.listIndexes()).find((i) => i.name === 'expiresAt_1');
    expect(ttl?.expireAfterSeconds).toBe(3600);

    const team = await Team.create({ name: 'red' });
    await Player.insertMany(Array.from({ length: 30 }, (_, i) => ({ nick: `p${i}`, team: team._id })));
    const populated = await Player.findOne({ nick: 'p7' })
      .populate<{ team: { name: string } }>('team')
      .lean();
    expect(populated?.team.name).toBe('red');
    expect(await Player.exists({ nick: 'p29' })).not.toBeNull();
    expect(await Player.exists({ nick: 'nobody' })).toBeNull();
    let streamed = 0;
    for await (const _ of Player.find().batchSize(4).cursor()) streamed += 1;
    expect(streamed).toBe(30);
  });

  it('reports duplicates of an unordered insertMany and keeps the others', async () => {
    const result = await Members.insertMany(
      [
        { workspace: 'IM', email: 'one@example.com' },
        { workspace: 'IM', email: 'one@example.com' },
        { workspace: 'IM', email: 'two@example.com' },
      ],
      { ordered: false },
    ).then(
      () => undefined,
      (err: unknown) => err as { code?: number; insertedDocs?: unknown[] },
    );
    expect(result?.code).toBe(11000);
    expect(await Members.countDocuments({ workspace: 'IM' })).toBe(2);
  });
});

// Optional file persistence (emulator only): data, indexes and unique constraints survive a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal128, MongoClient, ObjectId } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startMongoEmulator } from '../index.js';

describe('persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mongo-emulator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reloads documents and indexes written before stop()', async () => {
    const path = join(dir, 'nested', 'data.bson');
    const id = new ObjectId();
    const first = await startMongoEmulator({ persistPath: path });
    const client = await new MongoClient(first.uri).connect();
    await client.db('app').collection('users').createIndex({ email: 1 }, { unique: true });
    await client
      .db('app')
      .collection('users')
      .insertOne({ _id: id, email: 'a@example.com', amount: Decimal128.fromString('9.99') });
    await client.db('other').collection('x').insertOne({ v: 1 });
    await client.close();
    await first.stop();

    const second = await startMongoEmulator({ persistPath: path });
    const again = await new MongoClient(second.uri).connect();
    try {
      const users = again.db('app').collection('users');
      const doc = await users.findOne({ _id: id });
      expect(doc?.email).toBe('a@example.com');
      expect(doc?.amount.toString()).toBe('9.99');
      expect((await users.indexes()).map((i) => i.name)).toEqual(['_id_', 'email_1']);
      await expect(users.insertOne({ email: 'a@example.com' })).rejects.toMatchObject({ code: 11000 });
      expect(await again.db('other').collection('x').countDocuments()).toBe(1);
    } finally {
      await again.close();
      await second.stop();
    }
  });

  it('starts empty when the file does not exist and keeps nothing without a path', async () => {
    const emulator = await startMongoEmulator({ persistPath: join(dir, 'absent.bson') });
    const client = await new MongoClient(emulator.uri).connect();
    try {
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      expect(databases).toEqual([]);
    } finally {
      await client.close();
      await emulator.stop();
    }
  });
});

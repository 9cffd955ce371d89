// Shared set-up of the conformance suite: one database server per test file (whatever
// startTestDatabase() chose), a driver client, and a fresh database name per file.
import { type Db, MongoClient } from 'mongodb';
import { type DatabaseKind, startTestDatabase, uniqueDatabaseUri } from '../../../test/support/database.js';

export interface Harness {
  client: MongoClient;
  db: Db;
  kind: DatabaseKind;
  uri: string;
  close(): Promise<void>;
}

export async function openHarness(name: string): Promise<Harness> {
  const server = await startTestDatabase();
  const uri = uniqueDatabaseUri(server.uri, name);
  const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 }).connect();
  const db = client.db();
  return {
    client,
    db,
    kind: server.kind,
    uri,
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
      await server.stop();
    },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection<T = Record<string, unknown>>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise;
  } catch (err) {
    return err as T;
  }
  throw new Error('expected the operation to fail');
}

// The servers the conformance suite runs against: always the emulator, and a real MongoDB when one
// is available (MONGODB_URI, or a mongod binary already on this machine, as test/support/database.ts
// finds them). Every conformance file runs its tests once per target with `describe.each`, so the
// same expectations, written from MongoDB 7's documentation, are checked on both:
//   MONGODB_URI=mongodb://host:27017/ npx vitest run sandbox/mongo/test/conformance
import { type Db, MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, expect } from 'vitest';
import { findLocalMongod, startTestDatabase, uniqueDatabaseUri } from '../../../../test/support/database.js';
import { startMongoEmulator } from '../../index.js';

export interface Target {
  name: 'emulator' | 'mongodb';
  start(): Promise<{ uri: string; stop(): Promise<void> }>;
}

const emulator: Target = {
  name: 'emulator',
  start: async () => {
    const server = await startMongoEmulator();
    return { uri: server.uri, stop: server.stop };
  },
};

const realServer: Target = { name: 'mongodb', start: () => startTestDatabase() };

const { MONGODB_URI, MONGOMS_SYSTEM_BINARY, MONGOMS_DOWNLOAD_DIR, PATH } = process.env;
const hasRealServer =
  Boolean(MONGODB_URI) ||
  findLocalMongod({ MONGOMS_SYSTEM_BINARY, MONGOMS_DOWNLOAD_DIR, PATH }) !== undefined;

export const TARGETS: Target[] = hasRealServer ? [emulator, realServer] : [emulator];

export interface Connection {
  readonly db: Db;
  readonly client: MongoClient;
}

/**
 * Opens the target for the enclosing `describe` (one server and a fresh database per file and
 * target) and closes it afterwards. Read `db` inside tests, not at collection time.
 */
export function connect(target: Target, name: string): Connection {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const server = await target.start();
    stop = server.stop;
    client = await new MongoClient(uniqueDatabaseUri(server.uri, name), {
      serverSelectionTimeoutMS: 5_000,
    }).connect();
    db = client.db();
  });
  afterAll(async () => {
    await db?.dropDatabase().catch(() => undefined);
    await client?.close();
    await stop?.();
  });
  return {
    get db() {
      if (!db) throw new Error('not connected yet');
      return db;
    },
    get client() {
      if (!client) throw new Error('not connected yet');
      return client;
    },
  };
}

export interface ExpectedError {
  code: number;
  /** Command errors carry a codeName; write errors (`writeErrors` entries) do not. */
  codeName?: string;
  errmsg: RegExp;
}

/** The server error a promise rejects with, checked for MongoDB's code, codeName and message. */
export async function expectServerError(
  promise: Promise<unknown>,
  expected: ExpectedError,
): Promise<MongoServerError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected the operation to fail').toBeInstanceOf(MongoServerError);
  const error = err as MongoServerError;
  expect(error.code).toBe(expected.code);
  if (expected.codeName) expect(error.codeName).toBe(expected.codeName);
  expect(error.errmsg ?? error.message).toMatch(expected.errmsg);
  return error;
}

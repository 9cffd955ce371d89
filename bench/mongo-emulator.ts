// Benchmark of the MongoDB emulator over one driver connection: insertOne, findOne and updateOne by
// a unique key at 100 and 100,000 documents (plus indexed counts and a sorted page).
// Run: npx tsx bench/mongo-emulator.ts  → prints a table, writes bench/results/mongo-emulator.json
// The emulator runs in its own process (as `npm run sandbox:mongo` does) so the driver's CPU time
// does not share the server's event loop; `--in-process` measures both in one process.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { runCommand } from '../sandbox/mongo/commands/index.js';
import { CursorManager } from '../sandbox/mongo/cursors.js';
import { startMongoEmulator } from '../sandbox/mongo/index.js';
import { Store } from '../sandbox/mongo/store.js';

async function startServer(inProcess: boolean): Promise<{ uri: string; stop(): Promise<void> }> {
  if (inProcess) return startMongoEmulator();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/mongo/cli.ts', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (!child.stdout) throw new Error('no stdout');
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const uri = line.replace(/^ready /, '');
  return {
    uri,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Row {
  operation: string;
  documents: number;
  ops: number;
  opsPerSec: number;
  meanMicros: number;
}

async function measure(
  operation: string,
  documents: number,
  ops: number,
  fn: (i: number) => Promise<unknown>,
): Promise<Row> {
  for (let i = 0; i < Math.min(200, ops); i += 1) await fn(ops + i); // warm-up, distinct keys
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i += 1) await fn(i);
  const elapsedNs = Number(process.hrtime.bigint() - start);
  return {
    operation,
    documents,
    ops,
    opsPerSec: Math.round((ops / elapsedNs) * 1e9),
    meanMicros: Math.round(elapsedNs / ops / 1000),
  };
}

/**
 * The server's own cost per command (no socket, no driver), which is what must not grow with the
 * collection size; far less sensitive to machine load than the round trips.
 */
function serverSide(size: number): Row[] {
  const ctx = {
    store: new Store(),
    cursors: new CursorManager(),
    db: 'bench',
    connectionId: 0,
    changed: () => {},
    logger: pino({ level: 'silent' }),
  };
  runCommand({ createIndexes: 'm', indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }] }, ctx);
  for (let i = 0; i < size; i += 1) {
    runCommand({ insert: 'm', documents: [{ email: `user${i}@example.com`, workspace: `W${i % 10}` }] }, ctx);
  }
  const time = (operation: string, ops: number, fn: (i: number) => void): Row => {
    for (let i = 0; i < 2_000; i += 1) fn(ops + i);
    const start = process.hrtime.bigint();
    for (let i = 0; i < ops; i += 1) fn(i);
    const elapsedNs = Number(process.hrtime.bigint() - start);
    return {
      operation,
      documents: size,
      ops,
      opsPerSec: Math.round((ops / elapsedNs) * 1e9),
      meanMicros: Math.round((elapsedNs / ops / 1000) * 10) / 10,
    };
  };
  return [
    time('server-side find by unique key', 20_000, (i) => {
      runCommand(
        { find: 'm', filter: { email: `user${(i * 7919) % size}@example.com` }, limit: 1, singleBatch: true },
        ctx,
      );
    }),
    time('server-side insert', 20_000, (i) => {
      runCommand({ insert: 'm', documents: [{ email: `new${i}@example.com`, workspace: 'W-new' }] }, ctx);
    }),
    time('server-side update $set by unique key', 20_000, (i) => {
      runCommand(
        {
          update: 'm',
          updates: [{ q: { email: `user${(i * 7919) % size}@example.com` }, u: { $set: { n: i } } }],
        },
        ctx,
      );
    }),
  ];
}

async function main(): Promise<void> {
  const inProcess = process.argv.includes('--in-process');
  const emulator = await startServer(inProcess);
  const client = await new MongoClient(emulator.uri, { maxPoolSize: 1, minPoolSize: 1 }).connect();
  const rows: Row[] = [];
  try {
    // Warm the JIT of both processes first, so the first measured size is not penalised.
    const warm = client.db('bench').collection('warmup');
    await warm.createIndex({ email: 1 }, { unique: true });
    for (let i = 0; i < 3_000; i += 1) {
      await warm.insertOne({ email: `w${i}@example.com`, workspace: 'W', name: `W ${i}` });
      await warm.findOne({ email: `w${i}@example.com` });
      if (i % 10 === 0) await warm.countDocuments({ workspace: 'W', name: `W ${i}` });
    }
    for (const size of [100, 100_000]) {
      const coll = client.db('bench').collection(`members_${size}`);
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.createIndex({ workspace: 1, name: 1 });
      for (let start = 0; start < size; start += 10_000) {
        const batch = Array.from({ length: Math.min(10_000, size - start) }, (_, j) => {
          const i = start + j;
          return {
            email: `user${i}@example.com`,
            workspace: `W${i % 10}`,
            name: `User ${i}`,
            admin: i % 50 === 0,
          };
        });
        await coll.insertMany(batch, { ordered: false });
      }
      rows.push(
        await measure('findOne by unique key', size, 5_000, (i) =>
          coll.findOne({ email: `user${(i * 7919) % size}@example.com` }),
        ),
      );
      rows.push(
        await measure('insertOne', size, 5_000, (i) =>
          coll.insertOne({ email: `new${i}@example.com`, workspace: 'W-new', name: `New ${i}` }),
        ),
      );
      rows.push(
        await measure('updateOne $set by unique key', size, 5_000, (i) =>
          coll.updateOne({ email: `user${(i * 7919) % size}@example.com` }, { $set: { seen: i } }),
        ),
      );
      rows.push(
        await measure('countDocuments {workspace, name}', size, 1_000, (i) =>
          coll.countDocuments({ workspace: `W${i % 10}`, name: `User ${i % size}` }),
        ),
      );
      rows.push(
        // Matches a tenth of the collection: counted from index bucket sizes, not per document.
        await measure('countDocuments {workspace} (10% of documents)', size, 1_000, (i) =>
          coll.countDocuments({ workspace: `W${i % 10}` }),
        ),
      );
      rows.push(
        await measure('page: {workspace, name > cursor} sort name limit 20', size, 500, (i) =>
          coll
            .find({ workspace: `W${i % 10}`, name: { $gt: `User ${(i * 7919) % size}` } })
            .sort({ name: 1 })
            .limit(20)
            .toArray(),
        ),
      );
      rows.push(
        await measure('find {workspace} sort name limit 20', size, 50, (i) =>
          coll
            .find({ workspace: `W${i % 10}` })
            .sort({ name: 1 })
            .limit(20)
            .toArray(),
        ),
      );
    }
  } finally {
    await client.close();
    await emulator.stop();
  }
  rows.push(...serverSide(100), ...serverSide(100_000));
  console.table(rows);
  mkdirSync('bench/results', { recursive: true });
  const result = {
    benchmark: 'mongo-emulator',
    server: inProcess ? 'in-process' : 'child process',
    connection: 'one driver connection (maxPoolSize 1), sequential awaits',
    node: process.version,
    date: new Date().toISOString(),
    rows,
  };
  writeFileSync('bench/results/mongo-emulator.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log('written bench/results/mongo-emulator.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

// Wire-level behaviour of the emulator (raw sockets): the legacy OP_QUERY handshake, refusal of
// other OP_QUERY commands, unacknowledged OP_MSG writes, and resilience to malformed input.
import net from 'node:net';
import { BSON, type Document } from 'bson';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MongoEmulator, startMongoEmulator } from '../index.js';

function opQuery(requestId: number, ns: string, query: Document): Buffer {
  const body = Buffer.from(BSON.serialize(query));
  const name = Buffer.from(`${ns}\0`);
  const head = Buffer.alloc(20);
  head.writeInt32LE(16 + 4 + name.length + 8 + body.length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(2004, 12);
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(-1, 4);
  return Buffer.concat([head, name, skipReturn, body]);
}

function opMsg(requestId: number, flags: number, body: Document): Buffer {
  const doc = Buffer.from(BSON.serialize(body));
  const head = Buffer.alloc(21);
  head.writeInt32LE(21 + doc.length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(2013, 12);
  head.writeUInt32LE(flags, 16);
  return Buffer.concat([head, doc]);
}

/** Sends bytes and resolves with the first complete reply (or null if the server closes). */
function exchange(
  port: number,
  payload: Buffer,
): Promise<{ opCode: number; responseTo: number; doc: Document } | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 4 && data.length >= data.readInt32LE(0)) {
        const opCode = data.readInt32LE(12);
        const responseTo = data.readInt32LE(8);
        const docStart = opCode === 1 ? 36 : 21;
        socket.end();
        resolve({ opCode, responseTo, doc: BSON.deserialize(data.subarray(docStart, data.readInt32LE(0))) });
      }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', reject);
    socket.write(payload);
  });
}

describe('wire protocol', () => {
  let emulator: MongoEmulator;
  beforeAll(async () => {
    emulator = await startMongoEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('answers the legacy OP_QUERY isMaster on admin.$cmd with OP_REPLY', async () => {
    const reply = await exchange(emulator.port, opQuery(7, 'admin.$cmd', { isMaster: 1 }));
    expect(reply?.opCode).toBe(1);
    expect(reply?.responseTo).toBe(7);
    expect(reply?.doc.ismaster).toBe(true);
    expect(reply?.doc.maxWireVersion).toBeGreaterThanOrEqual(9);
  });

  it('unwraps a legacy OP_QUERY handshake sent as { $query: { isMaster: 1 } }', async () => {
    const reply = await exchange(
      emulator.port,
      opQuery(11, 'admin.$cmd', { $query: { isMaster: 1 }, $readPreference: { mode: 'primaryPreferred' } }),
    );
    expect(reply?.opCode).toBe(1);
    expect(reply?.doc).toMatchObject({ ok: 1, ismaster: true });
  });

  it('refuses other commands over OP_QUERY with MongoDB error 352', async () => {
    const reply = await exchange(emulator.port, opQuery(8, 'test.$cmd', { find: 'x' }));
    expect(reply?.doc).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
  });

  it('answers an OP_MSG command and refuses unknown ones with code 59', async () => {
    const ping = await exchange(emulator.port, opMsg(9, 0, { ping: 1, $db: 'admin' }));
    expect(ping?.opCode).toBe(2013);
    expect(ping?.doc.ok).toBe(1);
    const unknown = await exchange(emulator.port, opMsg(10, 0, { frobnicate: 1, $db: 'admin' }));
    expect(unknown?.doc).toEqual({
      ok: 0,
      errmsg: "no such command: 'frobnicate'",
      code: 59,
      codeName: 'CommandNotFound',
    });
  });

  it('executes moreToCome (unacknowledged) writes without replying', async () => {
    const socket = net.connect(emulator.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const replies: Buffer[] = [];
    socket.on('data', (d) => replies.push(d));
    socket.write(opMsg(11, 2, { insert: 'w0', documents: [{ a: 1 }], $db: 'wire' }));
    socket.write(opMsg(12, 0, { count: 'w0', $db: 'wire' }));
    await new Promise<void>((resolve) => {
      socket.on('data', () => resolve());
    });
    socket.end();
    const first = Buffer.concat(replies);
    expect(first.readInt32LE(8)).toBe(12); // the only reply answers the count
    expect(BSON.deserialize(first.subarray(21)).n).toBe(1);
  });

  it('closes a connection that sends garbage and keeps serving others', async () => {
    const garbage = Buffer.alloc(32, 0xff);
    expect(await exchange(emulator.port, garbage)).toBeNull();
    const badSection = opMsg(13, 0, { ping: 1 });
    badSection.writeUInt8(9, 20); // unknown section kind
    expect(await exchange(emulator.port, badSection)).toBeNull();
    const client = await new MongoClient(emulator.uri).connect();
    try {
      expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('reassembles messages split across many writes and splits several in one write', async () => {
    const socket = net.connect(emulator.port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise((r) => socket.once('connect', r));
    let data = Buffer.alloc(0);
    const replies: number[] = [];
    const done = new Promise<void>((resolve) => {
      socket.on('data', (chunk) => {
        data = Buffer.concat([data, chunk]);
        while (data.length >= 4 && data.length >= data.readInt32LE(0)) {
          replies.push(data.readInt32LE(8));
          data = data.subarray(data.readInt32LE(0));
        }
        if (replies.length === 3) resolve();
      });
    });
    const split = opMsg(21, 0, { ping: 1, $db: 'admin' });
    for (let i = 0; i < split.length; i += 3) {
      socket.write(split.subarray(i, i + 3));
      await new Promise((r) => setImmediate(r));
    }
    socket.write(
      Buffer.concat([opMsg(22, 0, { ping: 1, $db: 'admin' }), opMsg(23, 0, { ping: 1, $db: 'admin' })]),
    );
    await done;
    socket.end();
    expect(replies).toEqual([21, 22, 23]);
  });
});

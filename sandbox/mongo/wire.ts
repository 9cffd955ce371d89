// MongoDB wire protocol framing: parses OP_MSG / OP_QUERY requests and builds OP_MSG / OP_REPLY
// replies. Only the opcodes a modern driver sends are understood; anything else is reported as a
// WireError so the connection can be closed instead of crashing the server.
import { BSON, BSONSymbol, type Document, Double, Int32, Long, Timestamp } from 'bson';
import { isPlainObject } from './values.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;
/** Largest message we accept (MongoDB's maxMessageSizeBytes). */
export const MAX_MESSAGE_SIZE = 48_000_000;

// Numbers decode with their BSON types and are then promoted as the driver would promote them:
// int32 → number, int64 → bigint (stored that way, so a Long comes back as a Long; mingo only ever
// sees number copies, see values.ts matchView), double → number. Except, in documents to be
// stored, a double holding an integer in the int32 range: it stays a `Double`, or it would be
// written back as an int32 (and `$type: 'double'` or a validator's `bsonType: 'double'` would miss it).
const DESERIALIZE_OPTIONS = { promoteValues: false, promoteLongs: false, promoteBuffers: false } as const;
/** The field of each write command that holds documents to store. */
const STORED_FIELDS: Record<string, string> = {
  insert: 'documents',
  update: 'updates',
  findAndModify: 'update',
  findandmodify: 'update',
};
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export class WireError extends Error {}

export interface MsgRequest {
  kind: 'msg';
  requestId: number;
  flags: number;
  /** The kind-0 body with kind-1 document sequences merged in as arrays under their identifier. */
  body: Document;
}

export interface QueryRequest {
  kind: 'query';
  requestId: number;
  fullCollectionName: string;
  query: Document;
}

export type WireRequest = MsgRequest | QueryRequest;

/** Decodes a document to be stored as it is (a snapshot record): integral doubles stay doubles. */
export function deserialize(buf: Uint8Array): Document {
  return promote(BSON.deserialize(buf, DESERIALIZE_OPTIONS), true) as Document;
}

/** Promotes numbers in place (see DESERIALIZE_OPTIONS); `keepDoubles` keeps integral doubles. */
function promote(v: unknown, keepDoubles: boolean): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Int32) return v.value;
  if (v instanceof Double) {
    const n = v.value;
    return keepDoubles && Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? v : n;
  }
  if (v instanceof Long && !(v instanceof Timestamp)) return v.toBigInt();
  if (v instanceof BSONSymbol) return v.value;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i += 1) v[i] = promote(v[i], keepDoubles);
  } else if (isPlainObject(v)) {
    for (const k in v) v[k] = promote(v[k], keepDoubles);
  }
  return v;
}

/** Promotes a command's numbers; only the documents it stores keep their integral doubles. */
function promoteCommand(body: Document): Document {
  let stored: string | undefined;
  for (const name in body) {
    stored = STORED_FIELDS[name];
    break;
  }
  for (const k in body) body[k] = promote(body[k], k === stored);
  return body;
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new WireError('unterminated cstring');
  return [buf.toString('utf8', offset, end), end + 1];
}

function readDocument(buf: Buffer, offset: number, limit: number): [Document, number] {
  if (offset + 4 > limit) throw new WireError('truncated document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > limit) throw new WireError('invalid document size');
  return [BSON.deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS), offset + size];
}

/** Reads the message length from the first 4 bytes, validating it. */
export function messageLength(buf: Buffer, offset: number): number {
  const len = buf.readInt32LE(offset);
  if (len < HEADER_SIZE || len > MAX_MESSAGE_SIZE) throw new WireError(`invalid message length ${len}`);
  return len;
}

/** Parses one complete message (header included). */
export function parseMessage(msg: Buffer): WireRequest {
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  if (opCode === OP_MSG) return parseOpMsg(msg, requestId);
  if (opCode === OP_QUERY) return parseOpQuery(msg, requestId);
  if (opCode === OP_COMPRESSED) throw new WireError('compression was not negotiated');
  throw new WireError(`unsupported opCode ${opCode}`);
}

function parseOpMsg(msg: Buffer, requestId: number): MsgRequest {
  const flags = msg.readUInt32LE(HEADER_SIZE);
  const end = flags & CHECKSUM_PRESENT ? msg.length - 4 : msg.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = msg.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      [body, offset] = readDocument(msg, offset, end);
    } else if (kind === 1) {
      const size = msg.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) throw new WireError('invalid document sequence size');
      let identifier: string;
      [identifier, offset] = readCString(msg, offset + 4);
      const docs: Document[] = [];
      while (offset < sectionEnd) {
        let doc: Document;
        [doc, offset] = readDocument(msg, offset, sectionEnd);
        docs.push(doc);
      }
      sequences.push([identifier, docs]);
    } else {
      throw new WireError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new WireError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  return { kind: 'msg', requestId, flags, body: promoteCommand(body) };
}

function parseOpQuery(msg: Buffer, requestId: number): QueryRequest {
  const [fullCollectionName, afterName] = readCString(msg, HEADER_SIZE + 4); // after flags
  const [query] = readDocument(msg, afterName + 8, msg.length); // after numberToSkip, numberToReturn
  return { kind: 'query', requestId, fullCollectionName, query: promote(query, false) as Document };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buf = Buffer.allocUnsafe(HEADER_SIZE);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
  return buf;
}

export function serialize(doc: Document): Uint8Array {
  return BSON.serialize(doc);
}

export function buildOpMsgReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const length = HEADER_SIZE + 4 + 1 + body.length;
  const prefix = Buffer.alloc(5); // flagBits 0, section kind 0
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), prefix, body]);
}

export function buildOpReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const fixed = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
  fixed.writeInt32LE(1, 16);
  const length = HEADER_SIZE + fixed.length + body.length;
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fixed, body]);
}

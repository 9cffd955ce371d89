// MongoDB wire protocol framing: parses OP_MSG / OP_QUERY requests and builds OP_MSG / OP_REPLY
// replies. Only the opcodes a modern driver sends are understood; anything else is reported as a
// WireError so the connection can be closed instead of crashing the server.
import { BSON, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;
/** Largest message we accept (MongoDB's maxMessageSizeBytes). */
export const MAX_MESSAGE_SIZE = 48_000_000;

// int64 values decode as bigint and are stored that way, so a Long comes back as a Long; mingo
// only ever sees number copies of them (see values.ts withoutBigInts).
const DESERIALIZE_OPTIONS = { useBigInt64: true, promoteValues: true, promoteBuffers: false } as const;

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

export function deserialize(buf: Uint8Array): Document {
  return BSON.deserialize(buf, DESERIALIZE_OPTIONS);
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
  return [deserialize(buf.subarray(offset, offset + size)), offset + size];
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
  return { kind: 'msg', requestId, flags, body };
}

function parseOpQuery(msg: Buffer, requestId: number): QueryRequest {
  const [fullCollectionName, afterName] = readCString(msg, HEADER_SIZE + 4); // after flags
  const [query] = readDocument(msg, afterName + 8, msg.length); // after numberToSkip, numberToReturn
  return { kind: 'query', requestId, fullCollectionName, query };
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

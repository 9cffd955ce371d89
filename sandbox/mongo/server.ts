// TCP side of the emulator: frames messages from each connection, runs them through the command
// dispatcher and writes replies. A malformed message closes that connection only.
import net from 'node:net';
import type { Document } from 'bson';
import type { Logger } from 'pino';
import { type CommandContext, commandName, OP_QUERY_COMMANDS, runCommand } from './commands/index.js';
import type { CursorManager } from './cursors.js';
import { MongoServerError } from './errors.js';
import type { Store } from './store.js';
import { isPlainObject } from './values.js';
import {
  buildOpMsgReply,
  buildOpReply,
  MORE_TO_COME,
  messageLength,
  parseMessage,
  WireError,
  type WireRequest,
} from './wire.js';

export interface ServerDeps {
  store: Store;
  cursors: CursorManager;
  logger: Logger;
  changed: () => void;
}

export function createWireServer(deps: ServerDeps): net.Server {
  let nextConnectionId = 1;
  let nextRequestId = 1;
  const server = net.createServer({ noDelay: true }, (socket) => {
    const connectionId = nextConnectionId++;
    // Chunks are only joined once a whole message has arrived, so a large insert arriving in
    // many TCP chunks is copied once rather than once per chunk.
    let chunks: Buffer[] = [];
    let buffered = 0;
    let needed = 0;
    socket.on('error', (err) => deps.logger.debug({ err, connectionId }, 'socket error'));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      if (buffered < Math.max(needed, 4)) return;
      const pending = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, buffered);
      try {
        let offset = 0;
        needed = 0;
        while (pending.length - offset >= 4) {
          const length = messageLength(pending, offset);
          if (pending.length - offset < length) {
            needed = length;
            break;
          }
          const message = pending.subarray(offset, offset + length);
          offset += length;
          const reply = handle(parseMessage(message), connectionId);
          if (reply) socket.write(reply);
        }
        const rest = pending.subarray(offset);
        chunks = rest.length > 0 ? [rest] : [];
        buffered = rest.length;
      } catch (err) {
        const reason = err instanceof WireError ? err.message : String(err);
        deps.logger.warn({ connectionId, reason }, 'closing connection after a malformed message');
        chunks = [];
        buffered = 0;
        socket.destroy();
      }
    });
  });

  function handle(request: WireRequest, connectionId: number): Buffer | undefined {
    const replyId = nextRequestId++;
    if (request.kind === 'query') {
      // Old drivers wrap the command as `{ $query: {...}, $readPreference }`; mongod unwraps it.
      const query = isPlainObject(request.query.$query) ? request.query.$query : request.query;
      const name = commandName(query);
      const ctx = context(request.fullCollectionName.split('.')[0] ?? 'admin', connectionId);
      const isCommand = request.fullCollectionName.endsWith('.$cmd');
      const reply =
        isCommand && name !== undefined && OP_QUERY_COMMANDS.has(name)
          ? runCommand(query, ctx)
          : new MongoServerError(
              'UnsupportedOpQueryCommand',
              `Unsupported OP_QUERY command: ${name ?? ''}. The client driver may require an upgrade.`,
            ).toReply();
      return buildOpReply(replyId, request.requestId, reply);
    }
    const db = typeof request.body.$db === 'string' ? request.body.$db : 'admin';
    const reply = runCommand(request.body, context(db, connectionId));
    // moreToCome: an unacknowledged write, the client expects no answer.
    if (request.flags & MORE_TO_COME) return undefined;
    try {
      return buildOpMsgReply(replyId, request.requestId, reply);
    } catch (err) {
      // A reply BSON cannot encode (e.g. over 16 MB) becomes an error reply, not a dropped connection.
      const message = err instanceof Error ? err.message : String(err);
      return buildOpMsgReply(
        replyId,
        request.requestId,
        new MongoServerError('BSONObjectTooLarge', message).toReply(),
      );
    }
  }

  function context(db: string, connectionId: number): CommandContext {
    return {
      store: deps.store,
      cursors: deps.cursors,
      db,
      connectionId,
      changed: deps.changed,
      logger: deps.logger,
    };
  }

  return server;
}

export type { Document };

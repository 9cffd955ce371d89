// Command dispatch: looks the command up by its first field, runs it synchronously and turns
// any failure into MongoDB's `{ ok: 0, errmsg, code, codeName }` reply.
import type { Document } from 'bson';
import { MongoServerError, toServerError } from '../errors.js';
import { adminCommands } from './admin.js';
import type { CommandContext, CommandHandler } from './context.js';
import { crudCommands } from './crud.js';
import { handshakeCommands } from './handshake.js';

export type { CommandContext } from './context.js';

const COMMANDS: Record<string, CommandHandler> = { ...handshakeCommands, ...crudCommands, ...adminCommands };
const COMMAND_MAP = new Map(Object.entries(COMMANDS));

/** Commands the legacy OP_QUERY path still serves (MongoDB 6+ only allows the handshake there). */
export const OP_QUERY_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

export function commandName(body: Document): string | undefined {
  for (const key in body) return key;
  return undefined;
}

export function runCommand(body: Document, ctx: CommandContext): Document {
  const name = commandName(body);
  try {
    if (name === undefined) throw new MongoServerError('FailedToParse', 'Command document is empty');
    // Standalone servers do not support transactions; MongoDB says so with this error.
    if ('txnNumber' in body || 'autocommit' in body) {
      throw new MongoServerError(
        'IllegalOperation',
        'Transaction numbers are only allowed on a replica set member or mongos',
      );
    }
    const handler = COMMAND_MAP.get(name);
    if (!handler) throw new MongoServerError('CommandNotFound', `no such command: '${name}'`);
    return handler(body, ctx);
  } catch (err) {
    const serverError = toServerError(err);
    if (!(err instanceof MongoServerError)) ctx.logger.debug({ err, command: name }, 'command failed');
    return serverError.toReply();
  }
}

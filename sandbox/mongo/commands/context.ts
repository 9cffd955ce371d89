// What every command handler receives, and the zod helpers used to read command documents.
import type { Document } from 'bson';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CursorManager } from '../cursors.js';
import { MongoServerError } from '../errors.js';
import type { Store } from '../store.js';
import { isPlainObject } from '../values.js';

export interface CommandContext {
  store: Store;
  cursors: CursorManager;
  /** The `$db` of the command. */
  db: string;
  connectionId: number;
  /** Called after any change to stored data (drives persistence). */
  changed: () => void;
  logger: Logger;
}

export type CommandHandler = (cmd: Document, ctx: CommandContext) => Document;

/** A BSON document (plain object); BSON value classes such as ObjectId are not documents. */
export const zDocument = z.custom<Document>((v) => isPlainObject(v), { message: 'must be an object' });
/** Any numeric BSON value: int32, double, or int64 (decoded as bigint). */
export const zNumber = z.union([z.number(), z.bigint().transform((v) => Number(v))]);
export const zCollectionName = z.string().min(1, 'Invalid namespace specified');

/** Parses a command with zod, turning a mismatch into MongoDB's TypeMismatch / FailedToParse error. */
export function parseCommand<T extends z.ZodType>(schema: T, cmd: Document): z.infer<T> {
  const result = schema.safeParse(cmd);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const code = issue?.code === 'invalid_type' ? 'TypeMismatch' : 'FailedToParse';
  throw new MongoServerError(code, `BSON field '${path}' is invalid: ${issue?.message ?? 'bad value'}`);
}

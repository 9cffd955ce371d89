// Server-side errors carrying MongoDB's numeric code and codeName, turned into `{ ok: 0, ... }`
// replies (or `writeErrors` entries) by the dispatcher.
import type { Document } from 'bson';

export const ErrorCodes = {
  InternalError: 1,
  Unauthorized: 13,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  NotSingleValueField: 54,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CannotCreateIndex: 67,
  ImmutableField: 66,
  CommandNotSupported: 115,
  DocumentValidationFailure: 121,
  InvalidPipelineOperator: 168,
  NotImplemented: 238,
  Location15975: 15975,
  Location40323: 40323,
  Location40324: 40324,
  Location40414: 40414,
  Location40415: 40415,
  Location40573: 40573,
  Location51246: 51246,
  UnsupportedOpQueryCommand: 352,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

export class MongoServerError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(codeName: ErrorCodeName, message: string, extra: Document = {}) {
    super(message);
    this.code = ErrorCodes[codeName];
    this.codeName = codeName;
    this.extra = extra;
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The shape of one entry of a write command's `writeErrors`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** mingo's refusals of unknown operators, as mongod words and numbers them. */
const LIBRARY_ERRORS: [RegExp, (name: string) => MongoServerError][] = [
  [
    /^unregistered pipeline operator (\S+?)\.?$/,
    (name) => new MongoServerError('Location40324', `Unrecognized pipeline stage name: '${name}'`),
  ],
  [
    /^aggregation stage must have single operator/,
    () =>
      new MongoServerError(
        'Location40323',
        'A pipeline stage specification object must contain exactly one field.',
      ),
  ],
  [
    /^accumulator '(\S+)' is not registered/,
    (name) => new MongoServerError('InvalidPipelineOperator', `Unrecognized expression '${name}'`),
  ],
  [/^unknown query operator (\S+)$/, (name) => new MongoServerError('BadValue', `unknown operator: ${name}`)],
  [
    /^updating the path '(.+ would create a conflict at '.+)'$/,
    (rest) => new MongoServerError('ConflictingUpdateOperators', `Updating the path '${rest}'`),
  ],
  [
    /^Performing an update on the path '(.+)' would modify the immutable field '_id'/,
    (path) =>
      new MongoServerError(
        'ImmutableField',
        `Performing an update on the path '${path}' would modify the immutable field '_id'`,
      ),
  ],
  // Server-side JavaScript is disabled: MongoDB's answer for a feature the emulator does not have.
  [
    /^(\$\w+)(?: operator)? requires 'scriptEnabled'/,
    (name) => new MongoServerError('NotImplemented', `${name} is not supported by the MongoDB emulator`),
  ],
];

/** Wraps anything thrown by a library (mingo, bson) as a BadValue so it reaches the client. */
export function toServerError(err: unknown): MongoServerError {
  if (err instanceof MongoServerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  for (const [pattern, build] of LIBRARY_ERRORS) {
    const match = pattern.exec(message);
    if (match) return build(match[1] ?? '');
  }
  return new MongoServerError('BadValue', message);
}

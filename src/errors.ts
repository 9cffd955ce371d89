/**
 * Errors with a stable code. Every module throws (or returns) these; one place per surface
 * (Slack error handler, HTTP error page) turns them into a user message and decides what to log.
 * Messages must never contain a secret.
 */
export class AppError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: Code,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

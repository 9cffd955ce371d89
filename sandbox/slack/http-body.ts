/** Raw request bodies: read once with a size cap, then parsed by content type as Slack does. */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export class BodyError extends Error {
  readonly error: string;
  readonly status: number;
  constructor(error: string, status: number, message: string) {
    super(message);
    this.error = error;
    this.status = status;
  }
}

export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new BodyError('request_too_large', 413, `body over ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type ContentKind = 'json' | 'form' | 'multipart' | 'none';

export function contentKind(contentType: string | undefined): ContentKind {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data') return 'multipart';
  return 'none';
}

/**
 * A multipart/form-data body (which Slack accepts for every method, e.g. `curl -F`) to its text
 * fields; file parts are ignored (files are not simulated). Slack's `invalid_form_data` when the
 * body does not parse.
 */
export async function parseMultipart(raw: string, contentType: string): Promise<Record<string, string>> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new BodyError('invalid_form_data', 200, 'multipart body does not parse');
  }
  const args: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === 'string') args[name] = value;
  return args;
}

/** Form and JSON bodies to one argument record; Slack's `invalid_json`/`json_not_object` errors. */
export function parseArgs(raw: string, kind: ContentKind): Record<string, unknown> {
  if (raw.trim() === '') return {};
  if (kind === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new BodyError('invalid_json', 200, 'body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new BodyError('json_not_object', 200, 'JSON body must be an object');
    }
    return parsed as Record<string, unknown>;
  }
  if (kind === 'form') return Object.fromEntries(new URLSearchParams(raw));
  throw new BodyError(
    'invalid_post_type',
    200,
    'use application/x-www-form-urlencoded, multipart/form-data or application/json',
  );
}

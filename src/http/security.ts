/**
 * HTTP hardening for our own pages and routes: security headers on every response, and a
 * readable error for anything that escapes a route (never a stack trace).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/**
 * A refusal sent before the body was read (413 from a body limit, 404 on an unknown POST) leaves
 * the rest of the upload unread on a keep-alive socket: the next request on that connection then
 * waits behind bytes nobody reads (found by the hostile suite: a POST after a refused 1 MB body
 * hung). Closing such connections after the answer keeps every client's next request moving.
 */
export function closeWhenBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.complete && !this.headersSent) this.setHeader('Connection', 'close');
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

const SLACK_WINDOW_MS = 5 * 60_000;

/**
 * Slack's rule is "more than five minutes from local time" either way; Bolt only refuses the past,
 * so a request signed with a future timestamp could be replayed until that time (hostile suite).
 * True when the request was refused here.
 */
export function refuseSlackClockSkew(
  req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>,
  res: ServerResponse,
  now: number = Date.now(),
): boolean {
  if (req.method !== 'POST' || !req.url?.startsWith('/slack/')) return false;
  const header = req.headers['x-slack-request-timestamp'];
  const seconds = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : undefined;
  if (seconds === undefined || Math.abs(now - seconds * 1000) <= SLACK_WINDOW_MS) return false;
  res.statusCode = 401;
  res.setHeader('Content-Type', 'application/json');
  res.end(
    JSON.stringify({ error: 'stale_request', message: 'Request timestamp is outside the 5-minute window' }),
  );
  return true;
}

/** Headers on every answer, plus the two request-level guards above (first middleware, so they apply everywhere). */
export function securityHeaders(options: {
  https: boolean;
  /**
   * Where a form may lead: the link page's POST answers with a redirect to Zoom's authorize page,
   * and browsers apply `form-action` to that redirect too (the Zoom OAuth origin).
   */
  formTargets?: readonly string[];
}): RequestHandler {
  const formAction = ["'self'", ...(options.formTargets ?? [])].join(' ');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`;
  return (req, res, next) => {
    closeWhenBodyUnread(req, res);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    // Our pages are static HTML with inline styles only: no scripts at all.
    res.setHeader('Content-Security-Policy', csp);
    if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (refuseSlackClockSkew(req, res)) return;
    next();
  };
}

/** Last error handler: body too large, malformed JSON, anything unexpected → a short plain answer. */
export function errorResponder(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = httpStatusOf(error);
    if (status >= 500) logger.error({ err: error, path: req.path }, 'unhandled error in HTTP route');
    else logger.debug({ path: req.path, status }, 'request refused');
    if (res.headersSent) return;
    res
      .status(status)
      .type('text/plain')
      .send(status === 413 ? 'Request too large' : status >= 500 ? 'Internal error' : 'Bad request');
  };
}

function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    const status =
      (error as { status?: unknown; statusCode?: unknown }).status ??
      (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return 500;
}

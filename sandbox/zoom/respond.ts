/** Helpers shared by the stand-in's routers: injected faults and Zoom-shaped error bodies. */
import { setTimeout as delay } from 'node:timers/promises';
import type { Response } from 'express';
import type { FaultBook, RequestKey } from './faults.js';

/** Zoom's error body: `{code, message}`, plus `errors[]` for a "Validation Failed." (developers.zoom.us/docs/api/errors). */
export function apiError(
  res: Response,
  status: number,
  code: number,
  message: string,
  errors?: Array<{ field: string; message: string }>,
): void {
  res.status(status).json(errors ? { code, message, errors } : { code, message });
}

export function oauthError(res: Response, status: number, reason: string, error: string): void {
  res.status(status).json({ reason, error });
}

/** Applies the first matching fault. Returns true when it answered the request itself. */
export async function applyFault(
  faults: FaultBook,
  key: RequestKey,
  res: Response,
  style: 'api' | 'oauth' | 'html',
): Promise<boolean> {
  const fault = faults.take(key);
  if (!fault) return false;
  if (fault.delay_ms !== undefined) await delay(fault.delay_ms);
  if (fault.status === undefined) return false;
  if (fault.retry_after !== undefined) res.setHeader('Retry-After', String(fault.retry_after));
  const message =
    fault.status === 429
      ? 'You have reached the maximum per-second rate limit for this API. Try again later.'
      : `Injected fault (${fault.status})`;
  if (style === 'oauth')
    oauthError(res, fault.status, message, fault.status === 429 ? 'rate_limited' : 'server_error');
  else if (style === 'html') res.status(fault.status).type('html').send(`<p>${message}</p>`);
  else apiError(res, fault.status, fault.status, message);
  return true;
}

/**
 * Binds an OAuth `state` to the browser that started it (issue 8): when we redirect to Zoom we
 * set a short-lived httpOnly SameSite=Lax cookie holding an HMAC of the state; the callback is
 * accepted only when the cookie matches. Stateless: nothing to store, nothing to clean up.
 * Lax (not Strict) because the callback is a top-level navigation coming back from zoom.us.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const BINDING_COOKIE = 'zoc_oauth';
const MAX_AGE_SECONDS = 600;

export interface BrowserBinding {
  bind(res: Response, state: string): void;
  verify(req: Request, state: string): boolean;
  clear(res: Response): void;
}

export function createBrowserBinding(options: { key: Buffer; secure: boolean }): BrowserBinding {
  const mac = (state: string) =>
    createHmac('sha256', options.key).update(`oauth-state:${state}`).digest('base64url');
  const attributes = `Path=/zoom/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
  return {
    bind(res, state) {
      res.append('Set-Cookie', `${BINDING_COOKIE}=${mac(state)}; Max-Age=${MAX_AGE_SECONDS}; ${attributes}`);
    },
    verify(req, state) {
      const presented = readCookie(req.headers.cookie, BINDING_COOKIE);
      if (!presented) return false;
      const expected = Buffer.from(mac(state));
      const actual = Buffer.from(presented);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    clear(res) {
      res.append('Set-Cookie', `${BINDING_COOKIE}=; Max-Age=0; ${attributes}`);
    },
  };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

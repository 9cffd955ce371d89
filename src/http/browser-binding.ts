/**
 * What ties a link's journey to one browser (DESIGN §2.2, issue 13):
 *
 * 1. The link page sets a random page cookie and puts into its form a CSRF token: an HMAC of that
 *    cookie and of the link. Only a POST carrying both (the page's own form, in the browser that
 *    loaded the page) goes on to Zoom. A bare GET, an unfurler, a forwarded `?go=1`, or a form
 *    posted from another page never reaches Zoom.
 * 2. The redirect to Zoom sets a cookie holding an HMAC of the OAuth `state`; the callback is
 *    accepted only when the cookie matches, so a callback URL replayed in another browser fails.
 *
 * Cookies are `__Host-` prefixed (Secure, Path=/, no Domain: only this origin ever sees them)
 * whenever PUBLIC_URL is https; over plain http, allowed only in development and tests, browsers
 * refuse the prefix, so the plain names are used there. HttpOnly; SameSite=Lax because the
 * callback is a top-level navigation coming back from zoom.us. Stateless: nothing stored.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

const PAGE_MAX_AGE_SECONDS = 30 * 60;
const STATE_MAX_AGE_SECONDS = 10 * 60;

export interface BrowserBinding {
  /** Sets the page cookie (a fresh one unless the browser has one) and returns the form's CSRF token. */
  issueCsrf(req: Request, res: Response, linkKey: string): string;
  /** True when the POSTed token was made for this link by a page this browser loaded. */
  verifyCsrf(req: Request, linkKey: string, presented: unknown): boolean;
  bind(res: Response, state: string): void;
  verify(req: Request, state: string): boolean;
  clear(res: Response): void;
  /** The cookie names in use (tests, docs). */
  readonly names: { page: string; state: string };
}

function equal(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createBrowserBinding(options: { key: Buffer; secure: boolean }): BrowserBinding {
  const prefix = options.secure ? '__Host-' : '';
  const names = { page: `${prefix}zoc_page`, state: `${prefix}zoc_oauth` };
  const mac = (purpose: string, value: string) =>
    createHmac('sha256', options.key).update(`${purpose}:${value}`).digest('base64url');
  const attributes = (maxAge: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secure,
    maxAge,
  });
  const cookieOf = (req: Request, name: string): string | undefined => {
    const header = req.headers.cookie;
    return header ? parse(header)[name] : undefined;
  };

  return {
    names,
    issueCsrf(req, res, linkKey) {
      const existing = cookieOf(req, names.page);
      const page =
        existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
      res.append('Set-Cookie', serialize(names.page, page, attributes(PAGE_MAX_AGE_SECONDS)));
      return mac('csrf', `${page}:${linkKey}`);
    },
    verifyCsrf(req, linkKey, presented) {
      const page = cookieOf(req, names.page);
      if (!page || typeof presented !== 'string' || presented.length > 100) return false;
      return equal(mac('csrf', `${page}:${linkKey}`), presented);
    },
    bind(res, state) {
      res.append(
        'Set-Cookie',
        serialize(names.state, mac('oauth-state', state), attributes(STATE_MAX_AGE_SECONDS)),
      );
    },
    verify(req, state) {
      const presented = cookieOf(req, names.state);
      return presented !== undefined && equal(mac('oauth-state', state), presented);
    },
    clear(res) {
      res.append('Set-Cookie', serialize(names.state, '', attributes(0)));
    },
  };
}

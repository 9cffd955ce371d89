/**
 * A browser following an approval / connect link as a person does (DESIGN §2.2): it loads the
 * link page (which sets its page cookie and puts a CSRF token in its form), presses the button (a
 * POST with that cookie and token), goes to Zoom, and comes back to the callback with the
 * state-binding cookie, then follows the redirect to the result page. One place for every test.
 */
import type { ZoomStandIn } from '../../sandbox/zoom/index.js';

/** Cookies as a browser keeps them for one origin: name → value. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The CSRF token of the link page's form, or undefined when the page has no form. */
export function csrfOf(html: string): string | undefined {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1];
}

export type SignInStart =
  | { ok: true; authorizeUrl: string; jar: CookieJar }
  | { ok: false; status: number; html: string };

/** Loads the link page and presses its button: Zoom's authorize URL, and the browser's cookies. */
export async function startSignIn(link: string, jar = new CookieJar()): Promise<SignInStart> {
  const page = await fetch(link, { headers: { cookie: jar.header() } });
  jar.take(page);
  const html = await page.text();
  const csrf = csrfOf(html);
  if (page.status !== 200 || !csrf) return { ok: false, status: page.status, html };
  const pressed = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf }).toString(),
  });
  jar.take(pressed);
  const authorizeUrl = pressed.headers.get('location');
  if (pressed.status !== 302 || !authorizeUrl)
    return { ok: false, status: pressed.status, html: await pressed.text() };
  return { ok: true, authorizeUrl, jar };
}

/** Back from Zoom: the callback (with the browser's cookies), then the result page it redirects to. */
export async function finishSignIn(
  callbackUrl: string,
  jar: CookieJar,
): Promise<{ status: number; html: string }> {
  const callback = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(callback);
  const location = callback.headers.get('location');
  if (callback.status !== 303 || !location) return { status: callback.status, html: await callback.text() };
  const result = await fetch(new URL(location, callbackUrl), { headers: { cookie: jar.header() } });
  return { status: result.status, html: await result.text() };
}

/** The whole journey, signing in to Zoom as `zoomEmail` (the stand-in's consent page). */
export async function followLinkAsZoomUser(
  harness: { zoom: Pick<ZoomStandIn, 'control'> },
  link: string,
  zoomEmail: string,
): Promise<{ status: number; html: string; refused?: string }> {
  const started = await startSignIn(link);
  if (!started.ok) return { status: started.status, html: started.html };
  const consent = harness.zoom.control.consent(started.authorizeUrl, zoomEmail);
  if ('refused' in consent) return { status: 403, html: '', refused: consent.refused };
  return finishSignIn(consent.location, started.jar);
}

/**
 * The consent page as a person sees it in the sandbox: users grouped by account, starting on the
 * person being played (a sandbox-only hint: Zoom's authorize URL has none), and a refusal page
 * with a way back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_REQUIRED } from '../index.js';
import { type Harness, startHarness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const selected = (html: string) => /<option value="([^"]+)" selected>/.exec(html)?.[1];
const pageFor = async (url: string) => (await fetch(url)).text();

describe('consent page', () => {
  it('lists the users under their account, with names', async () => {
    const html = await pageFor(h.authorizeUrl('org'));
    expect(html).toContain('<optgroup label="Acme (acme)">');
    expect(html).toContain('<optgroup label="Globex (globex)">');
    expect(html).toContain('Zoe Zoomadmin — zoom-admin@acme.test (Admin)');
    expect(html.indexOf('owner@acme.test')).toBeLessThan(html.indexOf('owner@globex.test'));
  });

  it('starts on the first user when nobody is named; on the hinted one otherwise', async () => {
    expect(selected(await pageFor(h.authorizeUrl('org')))).toBeUndefined();
    const hinted = await pageFor(h.authorizeUrl('org', { sandbox_login_hint: 'Alice@acme.test' }));
    expect(selected(hinted)).toBe('alice@acme.test');
    // The hint is the sandbox's, not Zoom's: it is not posted back into the flow.
    expect(hinted).not.toContain('name="sandbox_login_hint"');
    expect(
      selected(await pageFor(h.authorizeUrl('org', { sandbox_login_hint: 'nobody@acme.test' }))),
    ).toBeUndefined();
  });

  it('starts on the person the sandbox UI says is playing (PUT /_sandbox/login-hint); the URL hint wins', async () => {
    expect((await h.control('PUT', '/login-hint', { email: 'owner@globex.test' })).body).toEqual({
      ok: true,
      email: 'owner@globex.test',
    });
    expect(h.zoom.control.state().login_hint).toBe('owner@globex.test');
    expect(selected(await pageFor(h.authorizeUrl('user')))).toBe('owner@globex.test');
    expect(selected(await pageFor(h.authorizeUrl('user', { sandbox_login_hint: 'bob@acme.test' })))).toBe(
      'bob@acme.test',
    );
    await h.control('PUT', '/login-hint', { email: null });
    expect(selected(await pageFor(h.authorizeUrl('user')))).toBeUndefined();
    expect((await h.control('PUT', '/login-hint', {})).status).toBe(400);
  });

  it('a refused member gets a way back to the consent page, starting on them, with the flow intact', async () => {
    const form = new URLSearchParams(new URL(h.authorizeUrl('org')).searchParams);
    form.set('email', 'bob@acme.test');
    const refused = await fetch(`${h.zoom.url}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain(ADMIN_REQUIRED);
    const href = /<a class="back" id="back" href="([^"]+)">/.exec(html)?.[1]?.replaceAll('&#38;', '&');
    expect(href).toBeDefined();
    const back = new URL(href ?? '', h.zoom.url);
    expect(back.pathname).toBe('/oauth/authorize');
    expect(back.searchParams.get('client_id')).toBe('org-app');
    expect(back.searchParams.get('state')).toBe('st');
    const again = await pageFor(back.toString());
    expect(selected(again)).toBe('bob@acme.test');
    expect(again).toContain('>Allow<');
  });
});

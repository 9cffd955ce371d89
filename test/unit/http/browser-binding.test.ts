import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { createBrowserBinding } from '../../../src/http/browser-binding.js';

function fakeResponse() {
  const cookies: string[] = [];
  const res = { append: (_name: string, value: string) => cookies.push(value) } as unknown as Response;
  return { res, cookies };
}
const requestWith = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as Request;
const pairOf = (setCookie: string | undefined) => (setCookie ?? '').split(';')[0] ?? '';

describe('browser binding of the OAuth state', () => {
  const binding = createBrowserBinding({ key: Buffer.alloc(32, 1), secure: true });

  it('sets a short-lived __Host- cookie (Secure, Path=/, HttpOnly, SameSite=Lax) that verifies only for its own state', () => {
    const { res, cookies } = fakeResponse();
    binding.bind(res, 'T1.state-one');
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0] ?? '';
    expect(cookie).toMatch(/^__Host-zoc_oauth=/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).not.toContain('state-one');
    const pair = pairOf(cookie);
    expect(binding.verify(requestWith(`other=1; ${pair}`), 'T1.state-one')).toBe(true);
    expect(binding.verify(requestWith(pair), 'T1.state-two')).toBe(false);
    expect(binding.verify(requestWith(), 'T1.state-one')).toBe(false);
    expect(binding.verify(requestWith(`${binding.names.state}=forged`), 'T1.state-one')).toBe(false);
  });

  it('over plain http (development, tests) the cookies drop the prefix browsers would refuse without Secure', () => {
    const plain = createBrowserBinding({ key: Buffer.alloc(32, 1), secure: false });
    const { res, cookies } = fakeResponse();
    plain.bind(res, 'T1.s');
    plain.issueCsrf(requestWith(), res, 'T1.link');
    expect(cookies[0]).toMatch(/^zoc_oauth=/);
    expect(cookies[1]).toMatch(/^zoc_page=/);
    expect(cookies.join('\n')).not.toMatch(/Secure/);
  });

  it('a cookie made with another key does not verify', () => {
    const other = createBrowserBinding({ key: Buffer.alloc(32, 2), secure: true });
    const { res, cookies } = fakeResponse();
    other.bind(res, 'T1.s');
    expect(binding.verify(requestWith(pairOf(cookies[0])), 'T1.s')).toBe(false);
  });
});

describe('CSRF token of the link page', () => {
  const binding = createBrowserBinding({ key: Buffer.alloc(32, 3), secure: true });

  it('is tied to the page cookie this browser got and to the link: another page, cookie or link fails', () => {
    const { res, cookies } = fakeResponse();
    const csrf = binding.issueCsrf(requestWith(), res, 'T1.link-a');
    const page = pairOf(cookies[0]);
    expect(page).toMatch(/^__Host-zoc_page=/);
    expect(binding.verifyCsrf(requestWith(page), 'T1.link-a', csrf)).toBe(true);
    // No cookie (a forwarded form, a request from another browser).
    expect(binding.verifyCsrf(requestWith(), 'T1.link-a', csrf)).toBe(false);
    // The same token presented for another link.
    expect(binding.verifyCsrf(requestWith(page), 'T1.link-b', csrf)).toBe(false);
    // A token from another browser's page, with this browser's cookie.
    const second = fakeResponse();
    const otherCsrf = binding.issueCsrf(requestWith(), second.res, 'T1.link-a');
    expect(binding.verifyCsrf(requestWith(page), 'T1.link-a', otherCsrf)).toBe(false);
    expect(binding.verifyCsrf(requestWith(page), 'T1.link-a', undefined)).toBe(false);
  });

  it('keeps the page cookie a browser already has, so two tabs of one link both work', () => {
    const first = fakeResponse();
    binding.issueCsrf(requestWith(), first.res, 'T1.link-a');
    const page = pairOf(first.cookies[0]);
    const again = fakeResponse();
    const csrf = binding.issueCsrf(requestWith(page), again.res, 'T1.link-a');
    expect(pairOf(again.cookies[0])).toBe(page);
    expect(binding.verifyCsrf(requestWith(page), 'T1.link-a', csrf)).toBe(true);
  });
});

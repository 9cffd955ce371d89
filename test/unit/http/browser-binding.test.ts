import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { BINDING_COOKIE, createBrowserBinding } from '../../../src/http/browser-binding.js';

function fakeResponse() {
  const cookies: string[] = [];
  const res = { append: (_name: string, value: string) => cookies.push(value) } as unknown as Response;
  return { res, cookies };
}
const requestWith = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as Request;

describe('browser binding of the OAuth state', () => {
  const binding = createBrowserBinding({ key: Buffer.alloc(32, 1), secure: true });

  it('sets a short-lived httpOnly SameSite=Lax Secure cookie that verifies only for its own state', () => {
    const { res, cookies } = fakeResponse();
    binding.bind(res, 'T1.state-one');
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).not.toContain('state-one');
    const pair = cookie.split(';')[0] ?? '';
    expect(binding.verify(requestWith(`other=1; ${pair}`), 'T1.state-one')).toBe(true);
    expect(binding.verify(requestWith(pair), 'T1.state-two')).toBe(false);
    expect(binding.verify(requestWith(), 'T1.state-one')).toBe(false);
    expect(binding.verify(requestWith(`${BINDING_COOKIE}=forged`), 'T1.state-one')).toBe(false);
  });

  it('a cookie made with another key does not verify', () => {
    const other = createBrowserBinding({ key: Buffer.alloc(32, 2), secure: false });
    const { res, cookies } = fakeResponse();
    other.bind(res, 'T1.s');
    expect(binding.verify(requestWith((cookies[0] ?? '').split(';')[0]), 'T1.s')).toBe(false);
  });
});

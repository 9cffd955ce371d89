/**
 * GET /v2/users ("List users") as Zoom documents it: `page_size` (default 30, at most 300),
 * `next_page_token` (empty on the last page, 15 minutes of life), `page_number` / `page_count`,
 * `total_records`, the `status` filter (active by default), list items with `role_id` and no
 * `role_name`; a token without the admin scope or privilege gets Zoom's refusal.
 * References: developers.zoom.us/docs/api/pagination, the List users reference, and
 * developers.zoom.us/docs/api/errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoomSeed } from '../index.js';
import { type Harness, startHarness } from './support.js';

interface Page {
  page_count: number;
  page_number: number;
  page_size: number;
  total_records: number;
  next_page_token: string;
  users: Array<Record<string, unknown> & { email: string }>;
}

let now = Date.UTC(2030, 0, 1, 9, 0, 0);
let h: Harness;
let admin: string;

// 650 active members (more than two pages of 300), 3 inactive, 2 pending, an Owner.
const seed: ZoomSeed = {
  account: { id: 'big', name: 'Big' },
  users: [
    { email: 'owner@big.test', role_name: 'Owner' },
    ...Array.from({ length: 650 }, (_, i) => ({ email: `m${String(i).padStart(3, '0')}@big.test` })),
    ...Array.from({ length: 3 }, (_, i) => ({ email: `gone${i}@big.test`, status: 'inactive' as const })),
    ...Array.from({ length: 2 }, (_, i) => ({ email: `new${i}@big.test`, status: 'pending' as const })),
  ],
  accounts: [{ id: 'small', name: 'Small', users: [{ email: 'owner@small.test', role_name: 'Owner' }] }],
  apps: [
    {
      kind: 'admin',
      client_id: 'org-app',
      client_secret: 'org-secret',
      webhook_secret: 'org-webhook-secret',
    },
    {
      kind: 'user',
      client_id: 'user-app',
      client_secret: 'user-secret',
      webhook_secret: 'user-webhook-secret',
    },
  ],
};

beforeAll(async () => {
  h = await startHarness({ seed, clock: () => new Date(now) });
  admin = (await h.authorize('org', 'owner@big.test')).access_token;
});
afterAll(async () => {
  await h.stop();
});

async function list(query: string, token = admin): Promise<{ status: number; body: unknown }> {
  return h.api(token, 'GET', `/users${query}`);
}

describe('GET /users', () => {
  it('defaults: active users, 30 a page, page 1, the documented fields', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    const page = body as Page;
    expect(Object.keys(page).sort()).toEqual(
      ['next_page_token', 'page_count', 'page_number', 'page_size', 'total_records', 'users'].sort(),
    );
    expect(page).toMatchObject({ page_size: 30, page_number: 1, total_records: 651, page_count: 22 });
    expect(page.users).toHaveLength(30);
    expect(page.next_page_token).not.toBe('');
    const first = page.users[0];
    expect(first).toMatchObject({ email: 'owner@big.test', role_id: '0', status: 'active', type: 2 });
    expect(first).not.toHaveProperty('role_name');
  });

  it('walks every page with next_page_token; the last one has an empty token', async () => {
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const { body } = await list(`?page_size=300${token ? `&next_page_token=${token}` : ''}`);
      const page = body as Page;
      pages += 1;
      expect(page.page_number).toBe(pages);
      seen.push(...page.users.map((user) => user.email));
      token = page.next_page_token;
    } while (token !== '');
    expect(pages).toBe(3);
    expect(seen).toHaveLength(651);
    expect(new Set(seen).size).toBe(651);
  });

  it('caps page_size at 300 and answers page_number (deprecated, still documented)', async () => {
    const page = (await list('?page_size=1000&page_number=3')).body as Page;
    expect(page).toMatchObject({ page_size: 300, page_number: 3, page_count: 3, next_page_token: '' });
    expect(page.users).toHaveLength(51);
    const past = (await list('?page_size=300&page_number=9')).body as Page;
    expect(past.users).toEqual([]);
  });

  it('filters by status (inactive, pending) and by role_id', async () => {
    const inactive = (await list('?status=inactive')).body as Page;
    expect(inactive.users.map((user) => user.email)).toEqual([
      'gone0@big.test',
      'gone1@big.test',
      'gone2@big.test',
    ]);
    expect(inactive).toMatchObject({ total_records: 3, page_count: 1, next_page_token: '' });
    expect(((await list('?status=pending')).body as Page).total_records).toBe(2);
    const owners = (await list('?role_id=0')).body as Page;
    expect(owners.users.map((user) => user.email)).toEqual(['owner@big.test']);
  });

  it("Zoom's validation error for a bad status, page_size or next_page_token", async () => {
    expect(await list('?status=deleted')).toEqual({
      status: 400,
      body: {
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'status', message: 'Invalid field.' }],
      },
    });
    expect((await list('?page_size=0')).status).toBe(400);
    expect(await list('?next_page_token=made-up')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'next_page_token' }] },
    });
  });

  it('a next_page_token lives 15 minutes and belongs to its account', async () => {
    const token = ((await list('?page_size=10')).body as Page).next_page_token;
    const other = (await h.authorize('org', 'owner@small.test')).access_token;
    expect((await list(`?next_page_token=${token}`, other)).status).toBe(400);
    now += 14 * 60 * 1000;
    expect((await list(`?next_page_token=${token}`)).status).toBe(200);
    now += 2 * 60 * 1000;
    expect((await list(`?next_page_token=${token}`)).status).toBe(400);
  });

  it('a user-level token (no admin scope) is refused with code 4711', async () => {
    const user = (await h.authorize('user', 'm001@big.test')).access_token;
    expect(await list('', user)).toEqual({
      status: 400,
      body: { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:admin].' },
    });
    // The user's own record stays open to them.
    expect((await h.api(user, 'GET', '/users/me')).status).toBe(200);
  });

  it('the admin app token of a user whose role no longer has the privilege is refused with code 4700', async () => {
    await h.zoom.control.setUser('m002@big.test', { role_name: 'Admin' });
    const demoted = (await h.authorize('org', 'm002@big.test')).access_token;
    expect((await list('', demoted)).status).toBe(200);
    await h.zoom.control.setUser('m002@big.test', { role_name: 'Member' });
    expect(await list('', demoted)).toEqual({
      status: 400,
      body: {
        code: 4700,
        message: 'Invalid access token, does not contain scopes. The user is not authorized.',
      },
    });
  });

  it('can be faulted like every route (users.list)', async () => {
    h.zoom.control.addFault({ route: 'users.list', status: 429, retry_after: 2 });
    const limited = await fetch(`${h.zoom.url}/v2/users`, { headers: { authorization: `Bearer ${admin}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await list('')).status).toBe(200);
  });
});

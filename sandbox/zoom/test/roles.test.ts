/**
 * Roles decide by privileges, as Zoom does: Owner, Admin and a custom admin role ("IT Admin" in
 * the default seed) install the admin-managed app and make admin calls; a Member, or a custom role
 * without the privileges, is stopped at consent with "An account admin is required to install
 * this type of app" and no redirect (DESIGN §2.4). `role_name` / `role_id` stay in Get a user.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_REQUIRED } from '../index.js';
import { missingPrivileges, privilegeForScope } from '../roles.js';
import { type Harness, startHarness } from './support.js';

describe('privileges for scopes', () => {
  it('maps admin scopes to role privileges and user scopes to none', () => {
    expect(privilegeForScope('user:read:admin')).toBe('User:Read');
    expect(privilegeForScope('user:read:list_users:admin')).toBe('User:Read');
    expect(privilegeForScope('meeting:write:admin')).toBe('Meeting:Edit');
    expect(privilegeForScope('meeting:delete:meeting:admin')).toBe('Meeting:Edit');
    expect(privilegeForScope('zoom_rooms:read:admin')).toBe('ZoomRooms:Read');
    expect(privilegeForScope('user:read')).toBeUndefined();
    expect(privilegeForScope('meeting:write:meeting')).toBeUndefined();
  });

  it('lists what a role lacks for a set of scopes', () => {
    const role = (privileges: string[]) => ({
      id: 'r',
      name: 'r',
      description: '',
      privileges,
      type: 'common' as const,
    });
    const scopes = ['user:read:admin', 'meeting:write:admin'];
    expect(missingPrivileges(role(['*']), scopes)).toEqual([]);
    expect(missingPrivileges(role([]), scopes)).toEqual(['User:Read', 'Meeting:Edit']);
    expect(missingPrivileges(role(['User:Read']), scopes)).toEqual(['Meeting:Edit']);
    expect(missingPrivileges(role([]), ['user:read', 'meeting:write'])).toEqual([]);
  });
});

describe('who Zoom lets through the admin-managed app, and what their token may do', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      seed: {
        account: {
          id: 'acme',
          name: 'Acme',
          roles: [
            { name: 'IT Admin', privileges: ['User:Read', 'User:Edit', 'Meeting:Read', 'Meeting:Edit'] },
            { name: 'Auditor', privileges: ['Report:Read'] },
          ],
        },
        users: [
          { email: 'owner@acme.test', role_name: 'Owner' },
          { email: 'admin@acme.test', role_name: 'Admin' },
          { email: 'it@acme.test', role_name: 'IT Admin' },
          { email: 'audit@acme.test', role_name: 'Auditor' },
          { email: 'member@acme.test', role_name: 'Member' },
        ],
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
      },
    });
  });
  afterEach(async () => {
    await h.stop();
  });

  const adminCalls = async (token: string) => ({
    list: (await h.api(token, 'GET', '/users')).status,
    other: (await h.api(token, 'GET', '/users/member@acme.test')).status,
    meeting: (await h.api(token, 'POST', '/users/member@acme.test/meetings', { topic: 'For a colleague' }))
      .status,
  });

  it.each(['owner@acme.test', 'admin@acme.test', 'it@acme.test'])(
    '%s: consent passes; admin calls succeed',
    async (email) => {
      const consent = h.zoom.control.consent(h.authorizeUrl('org'), email);
      expect(consent).toHaveProperty('location');
      const { access_token } = await h.authorize('org', email);
      expect(await adminCalls(access_token)).toEqual({ list: 200, other: 200, meeting: 201 });
    },
  );

  it.each(['member@acme.test', 'audit@acme.test'])(
    '%s: refused at consent with no callback',
    async (email) => {
      expect(h.zoom.control.consent(h.authorizeUrl('org'), email)).toEqual({ refused: ADMIN_REQUIRED });
      const form = new URLSearchParams(new URL(h.authorizeUrl('org')).searchParams);
      form.set('email', email);
      const page = await fetch(`${h.zoom.url}/oauth/authorize`, {
        method: 'POST',
        body: form,
        redirect: 'manual',
      });
      expect(page.status).toBe(403);
      expect(page.headers.get('location')).toBeNull();
      expect(await page.text()).toContain(ADMIN_REQUIRED);
    },
  );

  it('a user-managed token of any role makes only self calls', async () => {
    const { access_token } = await h.authorize('user', 'it@acme.test');
    expect((await h.api(access_token, 'GET', '/users/me')).status).toBe(200);
    expect((await h.api(access_token, 'POST', '/users/me/meetings', { topic: 'Mine' })).status).toBe(201);
    expect(await adminCalls(access_token)).toEqual({ list: 400, other: 400, meeting: 400 });
  });

  it('a custom admin who loses the role keeps the grant but no admin call works (4700), as for a demoted Admin', async () => {
    const { access_token } = await h.authorize('org', 'it@acme.test');
    await h.zoom.control.setUser('it@acme.test', { role_name: 'Member' });
    const refused = await h.api(access_token, 'POST', '/users/member@acme.test/meetings', { topic: 'x' });
    expect(refused).toMatchObject({ status: 400, body: { code: 4700 } });
    expect((await h.api(access_token, 'GET', '/users/me')).status).toBe(200);
  });

  it('GET /users/{id} and /users/me keep role_name and role_id (a string), custom roles included', async () => {
    const { access_token } = await h.authorize('org', 'it@acme.test');
    const me = (await h.api(access_token, 'GET', '/users/me')).body as Record<string, unknown>;
    const role = h.zoom.control.state().accounts[0]?.roles.find((candidate) => candidate.name === 'IT Admin');
    expect(me).toMatchObject({
      email: 'it@acme.test',
      role_name: 'IT Admin',
      role_id: role?.id,
      account_id: 'acme',
    });
    expect(typeof me.role_id).toBe('string');
    const owner = (await h.api(access_token, 'GET', '/users/owner@acme.test')).body as Record<
      string,
      unknown
    >;
    expect(owner).toMatchObject({ role_name: 'Owner', role_id: '0' });
  });

  it('the control API changes roles within the account only (custom roles included)', async () => {
    expect(
      (await h.control('PATCH', '/users/member%40acme.test', { role_name: 'IT Admin' })).body.user,
    ).toMatchObject({
      role_name: 'IT Admin',
    });
    const unknown = await h.control('PATCH', '/users/member%40acme.test', { role_name: 'Super Admin' });
    expect(unknown.status).toBe(400);
    expect(String(unknown.body.message)).toContain('Owner, Admin, Member, IT Admin, Auditor');
  });
});

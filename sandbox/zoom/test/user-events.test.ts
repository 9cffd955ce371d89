/**
 * The events Zoom sends about users and about the app being removed, for every user of an
 * account, in the documented shapes (Rivet: Users.UserUpdatedEvent with `role`, `old_object`,
 * `time_stamp`; UserDeletedEvent / UserDeactivatedEvent / UserDisassociatedEvent with
 * `object{id, first_name, last_name, email, type}`; the deauthorization guide's app_deauthorized
 * with `user_data_retention` as a string), delivered to the apps installed in that account.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPS, type Harness, startHarness } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  // The organization app is installed in Acme by its Admin; Alice also connected personally.
  await h.authorize('org', 'zoom-admin@acme.test');
  await h.authorize('user', 'alice@acme.test');
});
afterEach(async () => {
  await h.stop();
});

const idOf = (email: string) => h.zoom.control.state().users.find((user) => user.email === email)?.id;

describe('user events, for any user of the account', () => {
  it('user.updated: object = id + changed fields (the role as `role`), old_object, time_stamp; Owner as operator', async () => {
    await h.zoom.control.setUser('bob@acme.test', { role_name: 'IT Admin' });
    expect(h.hook.names()).toEqual(['user.updated']);
    const event = h.hook.events[0];
    expect(event?.app).toBe(APPS.org.id);
    expect(event?.payload).toEqual({
      account_id: 'acme',
      operator: 'owner@acme.test',
      operator_id: idOf('owner@acme.test'),
      object: { id: idOf('bob@acme.test'), role: 'IT Admin' },
      old_object: { id: idOf('bob@acme.test'), role: 'Member' },
      time_stamp: expect.any(Number),
    });
    expect(event?.payload.object).not.toHaveProperty('role_name');
    expect(typeof event?.event_ts).toBe('number');
  });

  it('a status change is user.deactivated / user.activated (not user.updated), to every app that hears the user', async () => {
    await h.zoom.control.setUser('alice@acme.test', { status: 'inactive' });
    await h.zoom.control.setUser('alice@acme.test', { status: 'active' });
    expect(h.hook.events.map((event) => [event.event, event.app])).toEqual([
      ['user.deactivated', APPS.org.id],
      ['user.deactivated', APPS.user.id],
      ['user.activated', APPS.org.id],
      ['user.activated', APPS.user.id],
    ]);
    expect(h.hook.events[0]?.payload).toEqual({
      account_id: 'acme',
      operator: 'owner@acme.test',
      operator_id: idOf('owner@acme.test'),
      object: {
        id: idOf('alice@acme.test'),
        first_name: 'Alice',
        last_name: 'Martin',
        email: 'alice@acme.test',
        type: 2,
      },
    });
  });

  it('user.deleted for a member (not only the admin); user.disassociated names the account left', async () => {
    const bob = idOf('bob@acme.test');
    await h.zoom.control.deleteUser('bob@acme.test');
    const alice = idOf('alice@acme.test');
    const moved = await h.control('POST', '/users/alice%40acme.test/disassociate');
    expect(moved.body.user).toMatchObject({ email: 'alice@acme.test', role_name: 'Owner' });
    expect(h.hook.events.map((event) => [event.event, event.app])).toEqual([
      ['user.deleted', APPS.org.id],
      ['user.disassociated', APPS.org.id],
      ['user.disassociated', APPS.user.id],
    ]);
    expect(h.hook.events[0]?.payload).toMatchObject({
      account_id: 'acme',
      object: { id: bob, email: 'bob@acme.test', type: 1 },
    });
    expect(h.hook.events[1]?.payload).toMatchObject({ account_id: 'acme', object: { id: alice } });
    // She is out of Acme: the organization's admin token no longer finds her.
    const org = (await h.authorize('org', 'owner@acme.test')).access_token;
    expect((await h.api(org, 'GET', '/users/alice@acme.test')).status).toBe(404);
  });
});

describe('app_deauthorized', () => {
  it('removing the personal app: its user id, the choice of data retention as a string, event_ts a string', async () => {
    const removed = await h.control('POST', '/deauthorize', {
      client_id: 'user-app',
      email: 'alice@acme.test',
      user_data_retention: true,
    });
    expect(removed.body).toEqual({ ok: true, revoked: 1 });
    const event = h.hook.events[0];
    expect(event?.event).toBe('app_deauthorized');
    expect(event?.app).toBe(APPS.user.id);
    expect(event?.event_ts).toMatch(/^\d{13}$/);
    expect(event?.payload).toEqual({
      account_id: 'acme',
      user_id: idOf('alice@acme.test'),
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      deauthorization_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      client_id: 'user-app',
      user_data_retention: 'true',
    });
    await h.zoom.control.deauthorize('user-app', 'bob@acme.test');
    expect(h.hook.events[1]?.payload.user_data_retention).toBe('false');
  });

  it("another admin removing the organization app: that admin's user id, the account's id, the app's client id; every grant of it in the account dies", async () => {
    const { access_token } = await h.authorize('org', 'owner@acme.test');
    const globex = await h.authorize('org', 'owner@globex.test');
    await h.zoom.control.setUser('slack-admin@acme.test', { role_name: 'IT Admin' });
    h.hook.events.length = 0;
    const { revoked } = await h.zoom.control.deauthorize('org-app', 'slack-admin@acme.test');
    expect(revoked).toBe(2);
    expect(h.hook.events.map((event) => [event.event, event.app])).toEqual([
      ['app_deauthorized', APPS.org.id],
    ]);
    expect(h.hook.events[0]?.payload).toMatchObject({
      account_id: 'acme',
      user_id: idOf('slack-admin@acme.test'),
      client_id: 'org-app',
    });
    expect((await h.api(access_token, 'GET', '/users/me')).status).toBe(401);
    // Globex installed it separately: untouched.
    expect((await h.api(globex.access_token, 'GET', '/users')).status).toBe(200);
    // And Acme's user events stop reaching it.
    await h.zoom.control.setUser('bob@acme.test', { status: 'inactive' });
    expect(h.hook.names(APPS.org.id)).toEqual(['app_deauthorized']);
  });

  it('a member cannot remove the admin-managed app (403 from the control API)', async () => {
    const refused = await h.control('POST', '/deauthorize', { client_id: 'org-app', email: 'bob@acme.test' });
    expect(refused.status).toBe(403);
    expect(h.hook.events).toEqual([]);
  });
});

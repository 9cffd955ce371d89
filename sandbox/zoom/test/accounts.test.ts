/**
 * Two Zoom accounts in the default seed (Acme and Globex): their users, meetings, authorized apps
 * and events stay apart, as they do at Zoom, and the names are the Slack stand-in's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../slack/index.js';
import { DEFAULT_ZOOM_SEED, parseZoomSeed } from '../index.js';
import { APPS, type Harness, startHarness } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

describe('the default seed', () => {
  it('has Acme and Globex, with Globex an Owner and a Member of its own', () => {
    const state = h.zoom.control.state();
    expect(state.accounts.map((account) => [account.id, account.name])).toEqual([
      ['acme', 'Acme'],
      ['globex', 'Globex'],
    ]);
    const globex = state.users.filter((user) => user.account_id === 'globex');
    expect(globex.map((user) => [user.email, user.role_name])).toEqual([
      ['owner@globex.test', 'Owner'],
      ['gus@globex.test', 'Member'],
    ]);
    // Older callers read `account`: still the first one.
    expect(state.account).toEqual({ id: 'acme', name: 'Acme' });
  });

  it("gives everyone who is also in the Slack stand-in's workspace their Slack real_name", () => {
    const slackPeople: Array<{ email?: string; real_name?: string }> = DEFAULT_SEED.teams.flatMap(
      (team): Array<{ email?: string; real_name?: string }> => [...(team.users ?? [])],
    );
    const zoomUsers = parseZoomSeed(DEFAULT_ZOOM_SEED).users;
    const shared = zoomUsers.filter((user) => slackPeople.some((person) => person.email === user.email));
    expect(shared).toHaveLength(zoomUsers.length);
    for (const user of shared) {
      const person = slackPeople.find((candidate) => candidate.email === user.email);
      expect(`${user.first_name} ${user.last_name}`).toBe(person?.real_name);
    }
  });
});

describe('accounts apart', () => {
  it("an account's admin token sees only its own account's users", async () => {
    const acme = await h.authorize('org', 'zoom-admin@acme.test');
    const globex = await h.authorize('org', 'owner@globex.test');
    const emails = async (token: string) =>
      ((await h.api(token, 'GET', '/users')).body as { users: Array<{ email: string }> }).users.map(
        (u) => u.email,
      );
    expect(await emails(acme.access_token)).toEqual([
      'owner@acme.test',
      'zoom-admin@acme.test',
      'slack-admin@acme.test',
      'alice@acme.test',
      'bob@acme.test',
    ]);
    expect(await emails(globex.access_token)).toEqual(['owner@globex.test', 'gus@globex.test']);
    // Another account's user does not exist for the caller, and no meeting can be made for them.
    const foreign = await h.api(globex.access_token, 'GET', '/users/alice@acme.test');
    expect(foreign).toEqual({
      status: 404,
      body: { code: 1001, message: 'User does not exist: alice@acme.test.' },
    });
    const meeting = await h.api(globex.access_token, 'POST', '/users/alice@acme.test/meetings', {
      topic: 'x',
    });
    expect(meeting.status).toBe(404);
  });

  it("records each grant with its account, and one account's meetings are not the other's", async () => {
    const globex = await h.authorize('org', 'owner@globex.test');
    const created = await h.api(globex.access_token, 'POST', '/users/gus@globex.test/meetings', {
      topic: 'Globex sync',
    });
    expect(created.status).toBe(201);
    const acme = await h.authorize('org', 'owner@acme.test');
    const id = (created.body as { id: number }).id;
    expect(await h.api(acme.access_token, 'DELETE', `/meetings/${id}`)).toEqual({
      status: 404,
      body: { code: 3001, message: `Meeting does not exist: ${id}.` },
    });
    const state = h.zoom.control.state();
    expect(
      state.grants.filter((grant) => grant.active).map((grant) => [grant.email, grant.accountId]),
    ).toEqual([
      ['owner@globex.test', 'globex'],
      ['owner@acme.test', 'acme'],
    ]);
    expect(state.meetings.map((meeting) => [meeting.topic, meeting.account_id])).toEqual([
      ['Globex sync', 'globex'],
    ]);
  });

  it('the organization app hears of the users of the accounts where it is installed, and only those', async () => {
    // Installed nowhere yet: Zoom has nobody to tell.
    await h.zoom.control.setUser('gus@globex.test', { role_name: 'IT Admin' });
    expect(h.hook.events).toEqual([]);
    await h.authorize('org', 'zoom-admin@acme.test');
    await h.zoom.control.setUser('gus@globex.test', { role_name: 'Member' });
    await h.zoom.control.setUser('bob@acme.test', { status: 'inactive' });
    expect(h.hook.names(APPS.org.id)).toEqual(['user.deactivated']);
    expect(h.hook.events[0]?.payload).toMatchObject({ account_id: 'acme' });
    await h.authorize('org', 'owner@globex.test');
    await h.zoom.control.deleteUser('gus@globex.test');
    expect(h.hook.names(APPS.org.id)).toEqual(['user.deactivated', 'user.deleted']);
    expect(h.hook.events[1]?.payload).toMatchObject({
      account_id: 'globex',
      operator: 'owner@globex.test',
      object: { email: 'gus@globex.test' },
    });
  });
});

describe('seed validation for accounts and roles', () => {
  const user = (email: string, role_name = 'Member') => ({ email, role_name });
  it('rejects a duplicate account id, an email in two accounts and a role the account does not have', () => {
    expect(() =>
      parseZoomSeed({ account: { id: 'a', name: 'A' }, accounts: [{ id: 'a', name: 'B' }] }),
    ).toThrowError(/duplicate account id "a"/);
    expect(() =>
      parseZoomSeed({
        users: [user('x@a.test')],
        accounts: [{ id: 'b', name: 'B', users: [user('X@a.test')] }],
      }),
    ).toThrowError(/duplicate email "x@a\.test"/);
    expect(() => parseZoomSeed({ users: [user('x@a.test', 'IT Admin')] })).toThrowError(
      /role "IT Admin" is not a role of account acme/,
    );
    expect(() =>
      parseZoomSeed({ account: { id: 'a', name: 'A', roles: [{ name: 'Admin', privileges: [] }] } }),
    ).toThrowError(/built in/);
    const seed = parseZoomSeed({
      account: { id: 'a', name: 'A', roles: [{ name: 'IT Admin', privileges: ['User:Read'] }] },
      users: [user('x@a.test', 'IT Admin')],
    });
    expect(seed.users[0]?.role_name).toBe('IT Admin');
  });
});

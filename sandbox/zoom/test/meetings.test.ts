/**
 * DELETE /v2/meetings/{meetingId} ("Delete a meeting": 204; 404 code 3001 "Meeting does not
 * exist: {meetingId}."; the host, or an admin of the host's account) and the `meeting.deleted`
 * event (Rivet's MeetingDeletedEvent: `{account_id, operator, operator_id, object{id, uuid,
 * host_id, topic, type, start_time, duration, timezone}}`), sent after an API delete and after a
 * delete "in Zoom" (the control API, the sandbox UI's Delete button).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPS, type Harness, startHarness } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function meetingFor(token: string, host: string, topic: string): Promise<number> {
  const created = await h.api(token, 'POST', `/users/${host}/meetings`, {
    topic,
    type: 2,
    start_time: '2030-05-01T10:00:00Z',
    duration: 45,
    timezone: 'Europe/Paris',
  });
  expect(created.status).toBe(201);
  return (created.body as { id: number }).id;
}

describe('DELETE /meetings/{meetingId}', () => {
  it('204 with no body for the host; then 404 code 3001', async () => {
    const alice = (await h.authorize('user', 'alice@acme.test')).access_token;
    const id = await meetingFor(alice, 'me', 'Mine');
    const response = await fetch(`${h.zoom.url}/v2/meetings/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await h.api(alice, 'DELETE', `/meetings/${id}`)).toEqual({
      status: 404,
      body: { code: 3001, message: `Meeting does not exist: ${id}.` },
    });
    expect(h.zoom.control.state().meetings).toEqual([]);
  });

  it("an admin of the host's account may delete it; a member who is not the host may not", async () => {
    const org = (await h.authorize('org', 'zoom-admin@acme.test')).access_token;
    const id = await meetingFor(org, 'alice@acme.test', 'Alice via org');
    const bob = (await h.authorize('user', 'bob@acme.test')).access_token;
    expect(await h.api(bob, 'DELETE', `/meetings/${id}`)).toMatchObject({
      status: 400,
      body: { code: 4711 },
    });
    const owner = (await h.authorize('org', 'owner@acme.test')).access_token;
    expect((await h.api(owner, 'DELETE', `/meetings/${id}`)).status).toBe(204);
  });

  it("an admin token whose user lost the admin role gets 4700; another account's admin sees no meeting", async () => {
    const org = (await h.authorize('org', 'zoom-admin@acme.test')).access_token;
    const id = await meetingFor(org, 'alice@acme.test', 'Kept');
    const globex = (await h.authorize('org', 'owner@globex.test')).access_token;
    expect((await h.api(globex, 'DELETE', `/meetings/${id}`)).body).toEqual({
      code: 3001,
      message: `Meeting does not exist: ${id}.`,
    });
    await h.zoom.control.setUser('zoom-admin@acme.test', { role_name: 'Member' });
    expect(await h.api(org, 'DELETE', `/meetings/${id}`)).toMatchObject({
      status: 400,
      body: { code: 4700 },
    });
    expect(h.zoom.control.state().meetings.map((meeting) => meeting.topic)).toEqual(['Kept']);
  });

  it('an id that is not a number is a 400; the route can be faulted (meetings.delete)', async () => {
    const alice = (await h.authorize('user', 'alice@acme.test')).access_token;
    expect(await h.api(alice, 'DELETE', '/meetings/abc')).toEqual({
      status: 400,
      body: { code: 300, message: 'Invalid Meeting ID.' },
    });
    h.zoom.control.addFault({ route: 'meetings.delete', status: 503 });
    expect((await h.api(alice, 'DELETE', '/meetings/123')).status).toBe(503);
  });
});

describe('meeting.deleted', () => {
  it('after an API delete: the documented payload, to the apps installed in the account and the host’s own app', async () => {
    const org = (await h.authorize('org', 'zoom-admin@acme.test')).access_token;
    await h.authorize('user', 'alice@acme.test');
    const id = await meetingFor(org, 'alice@acme.test', 'Planning');
    const meeting = h.zoom.control.state().meetings.find((candidate) => candidate.id === id);
    expect((await h.api(org, 'DELETE', `/meetings/${id}`)).status).toBe(204);
    await h.zoom.control.webhooksSettled();
    expect(h.hook.names()).toEqual(['meeting.deleted', 'meeting.deleted']);
    expect(h.hook.events.map((event) => event.app)).toEqual([APPS.org.id, APPS.user.id]);
    const zoomAdmin = h.zoom.control.state().users.find((user) => user.email === 'zoom-admin@acme.test');
    expect(h.hook.events[0]?.payload).toEqual({
      account_id: 'acme',
      operator: 'zoom-admin@acme.test',
      operator_id: zoomAdmin?.id,
      object: {
        id,
        uuid: meeting?.uuid,
        host_id: meeting?.host_id,
        topic: 'Planning',
        type: 2,
        start_time: '2030-05-01T10:00:00Z',
        duration: 45,
        timezone: 'Europe/Paris',
      },
    });
    expect(typeof h.hook.events[0]?.event_ts).toBe('number');
  });

  it('after a delete in Zoom (control API): operator is the host unless named; 404 for an unknown meeting', async () => {
    const org = (await h.authorize('org', 'zoom-admin@acme.test')).access_token;
    const first = await meetingFor(org, 'bob@acme.test', 'One');
    const second = await meetingFor(org, 'bob@acme.test', 'Two');
    expect((await h.control('DELETE', `/meetings/${first}`)).body).toMatchObject({
      ok: true,
      meeting: { topic: 'One' },
    });
    await h.zoom.control.deleteMeeting(second, 'owner@acme.test');
    expect(h.hook.events.map((event) => event.payload.operator)).toEqual([
      'bob@acme.test',
      'owner@acme.test',
    ]);
    expect((await h.control('DELETE', `/meetings/${first}`)).status).toBe(404);
  });

  it("deleting a Zoom user takes their meetings with them (a dead meeting's join link no longer resolves)", async () => {
    const org = (await h.authorize('org', 'zoom-admin@acme.test')).access_token;
    const id = await meetingFor(org, 'bob@acme.test', 'Bob’s');
    await h.zoom.control.deleteUser('bob@acme.test');
    expect((await h.api(org, 'DELETE', `/meetings/${id}`)).status).toBe(404);
  });
});

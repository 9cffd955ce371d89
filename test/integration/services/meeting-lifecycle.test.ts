// Issue 14 items 2–4 at the service level: planned meetings recorded with where they went, listed,
// cancelled in Zoom, ended once by whichever path sees it first (cancel, meeting.deleted, host Zoom
// user deleted or deactivated), and connection losses that say which meetings keep working.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZoomError } from '../../../src/zoom/contracts.js';
import type { ZoomWebhookEvent } from '../../../src/zoom/webhooks.js';
import { buildSlackProfile } from '../../support/factories.js';
import { connectOrg, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
const W = 'TLIFE01';
let admin: string;
let member: string;
let other: string;
let memberZoomId: string;
const OWNER = 'life-owner@acme.test';
const HOUR = 3600_000;

const at = (ms: number) => new Date(h.now.value.getTime() + ms).toISOString();

function event(partial: Partial<ZoomWebhookEvent> & Pick<ZoomWebhookEvent, 'event'>): ZoomWebhookEvent {
  return {
    app: 'org',
    eventTs: Date.now(),
    accountId: 'acme',
    key: `k-${Math.random()}`,
    ...partial,
  } as ZoomWebhookEvent;
}

beforeAll(async () => {
  h = await startHarness('meeting_lifecycle');
  const s = await seedWorkspace(h, W);
  admin = s.admin.id;
  member = s.member.id;
  const third = h.slack.add(W, buildSlackProfile({ name: 'carla', realName: 'Carla' }));
  await h.services.directory.applyUser(W, third);
  other = third.id;
  h.zoom.addUser({ email: OWNER, roleName: 'Owner' });
  memberZoomId = h.zoom.addUser({ email: s.member.email ?? '' }).id;
  h.zoom.addUser({ email: third.email ?? '' });
  await connectOrg(h, W, admin, OWNER);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.told.ended.length = 0;
  h.told.org.length = 0;
});

describe('a planned meeting', () => {
  it('is recorded with its time zone, invitees (never the host), place and account', async () => {
    const created = await h.services.meetings.create(W, member, {
      topic: 'Planning',
      startTime: at(2 * HOUR),
      durationMinutes: 45,
      timezone: 'Europe/Paris',
      invitees: [other, member, other],
      channelId: 'C_GENERAL',
    });
    expect(created.record).toMatchObject({
      source: 'org',
      state: 'live',
      instant: false,
      durationMinutes: 45,
      timezone: 'Europe/Paris',
      invitees: [other],
      channelId: 'C_GENERAL',
      zoomAccountId: 'acme',
      zoomUserId: memberZoomId,
      posts: [],
    });
    await h.services.meetings.recordPost(W, created.meeting.id, {
      kind: 'channel',
      channel: 'C1',
      ts: '1.1',
    });
    await h.services.meetings.recordPost(W, created.meeting.id, {
      kind: 'invitee',
      channel: 'D1',
      ts: '1.2',
      userId: other,
    });
    const own = await h.services.meetings.getOwn(W, member, created.meeting.id);
    expect(own?.posts).toEqual([
      { kind: 'channel', channel: 'C1', ts: '1.1' },
      { kind: 'invitee', channel: 'D1', ts: '1.2', userId: other },
    ]);
    // Only its host sees it as theirs.
    expect(await h.services.meetings.getOwn(W, other, created.meeting.id)).toBeNull();
  });

  it('lists the member’s upcoming ones soonest first, without those over or ended', async () => {
    await h.services.meetings.create(W, other, { topic: 'Later', startTime: at(5 * HOUR) });
    const sooner = await h.services.meetings.create(W, other, { topic: 'Sooner', startTime: at(HOUR) });
    await h.services.meetings.create(W, other, {
      topic: 'Past',
      startTime: at(-3 * HOUR),
      durationMinutes: 30,
    });
    const listed = await h.services.meetings.listUpcoming(W, other);
    expect(listed.meetings.map((m) => m.topic)).toEqual(['Sooner', 'Later']);
    expect(listed.total).toBe(2);
    await h.services.meetings.cancel(W, other, sooner.meeting.id);
    expect((await h.services.meetings.listUpcoming(W, other)).meetings.map((m) => m.topic)).toEqual([
      'Later',
    ]);
  });
});

describe('cancel', () => {
  it('deletes it in Zoom through the account that made it, ends it once, and tells', async () => {
    const created = await h.services.meetings.create(W, member, {
      topic: 'To cancel',
      startTime: at(HOUR),
      invitees: [other],
    });
    await h.services.meetings.recordPost(W, created.meeting.id, {
      kind: 'channel',
      channel: 'C1',
      ts: '2.1',
    });
    const result = await h.services.meetings.cancel(W, member, created.meeting.id);
    expect(result.outcome).toBe('cancelled');
    expect(h.zoom.deletedMeetings.at(-1)).toEqual({ app: 'org', meetingId: created.meeting.id });
    await h.flush();
    expect(h.told.ended).toHaveLength(1);
    expect(h.told.ended[0]).toMatchObject({ reason: 'cancelled', endedBy: member });
    expect(h.told.ended[0]?.meeting.posts).toEqual([{ kind: 'channel', channel: 'C1', ts: '2.1' }]);

    expect((await h.services.meetings.cancel(W, member, created.meeting.id)).outcome).toBe('already_ended');
    // Zoom's own meeting.deleted after our DELETE changes nothing and tells nobody again.
    await h.services.zoomEvents.handle(
      event({
        event: 'meeting.deleted',
        meeting: { id: created.meeting.id, uuid: 'u', hostId: memberZoomId },
      }),
    );
    await h.flush();
    expect(h.told.ended).toHaveLength(1);
  });

  it('another member’s meeting, or an unknown id, is not found', async () => {
    const created = await h.services.meetings.create(W, member, { topic: 'Mine', startTime: at(HOUR) });
    expect((await h.services.meetings.cancel(W, other, created.meeting.id)).outcome).toBe('not_found');
    expect((await h.services.meetings.cancel(W, member, 'not-a-number')).outcome).toBe('not_found');
    expect(h.zoom.deletedMeetings.some((d) => d.meetingId === created.meeting.id)).toBe(false);
  });

  it('a Zoom failure leaves it live (and unmarked); a meeting already gone in Zoom counts as cancelled', async () => {
    const created = await h.services.meetings.create(W, member, { topic: 'Flaky', startTime: at(HOUR) });
    h.zoom.failNext('deleteMeeting', new ZoomError('server_error', 'down'));
    const failed = await h.services.meetings.cancel(W, member, created.meeting.id);
    expect(failed).toMatchObject({ outcome: 'not_cancelled', why: 'zoom_failed' });
    const doc = await h.models.meetings.findOne({ workspaceId: W, meetingId: created.meeting.id }).lean();
    expect(doc?.state).toBe('live');
    expect(doc?.cancelling).toBeUndefined();
    h.zoom.failNext('deleteMeeting', new ZoomError('meeting_not_found', 'gone'));
    expect((await h.services.meetings.cancel(W, member, created.meeting.id)).outcome).toBe('cancelled');
  });

  it('Zoom’s meeting.deleted arriving while our Cancel is under way reads as that cancel', async () => {
    const created = await h.services.meetings.create(W, member, { topic: 'Race', startTime: at(HOUR) });
    await h.models.meetings.updateOne(
      { workspaceId: W, meetingId: created.meeting.id },
      { $set: { cancelling: { by: member, at: h.now.value } } },
    );
    await h.services.zoomEvents.handle(
      event({
        event: 'meeting.deleted',
        meeting: { id: created.meeting.id, uuid: 'u', hostId: memberZoomId },
      }),
    );
    await h.flush();
    expect(h.told.ended.at(-1)).toMatchObject({ reason: 'cancelled', endedBy: member });
  });
});

describe('ended by Zoom', () => {
  it('meeting.deleted ends it, naming who did it; another account’s event changes nothing', async () => {
    const created = await h.services.meetings.create(W, member, { topic: 'Deleted', startTime: at(HOUR) });
    const deleted = { id: created.meeting.id, uuid: 'u', hostId: memberZoomId };
    expect(
      await h.services.zoomEvents.handle(
        event({ event: 'meeting.deleted', accountId: 'elsewhere', meeting: deleted }),
      ),
    ).toEqual([]);
    const outcomes = await h.services.zoomEvents.handle(
      event({ event: 'meeting.deleted', meeting: deleted, operator: OWNER }),
    );
    expect(outcomes).toEqual([
      { workspaceId: W, kind: 'meeting', meetingId: created.meeting.id, reason: 'deleted_in_zoom' },
    ]);
    await h.flush();
    expect(h.told.ended.at(-1)).toMatchObject({ reason: 'deleted_in_zoom', endedBy: OWNER });
  });

  it('a member’s own Zoom user deleted (not the org admin’s): their meetings end, the org connection stays', async () => {
    const a = await h.services.meetings.create(W, other, { topic: 'Carla 1', startTime: at(HOUR) });
    const b = await h.services.meetings.create(W, other, { topic: 'Carla 2', startTime: at(2 * HOUR) });
    const kept = await h.services.meetings.create(W, member, { topic: 'Member', startTime: at(HOUR) });
    const carlaZoomId = a.record.zoomUserId;
    const outcomes = await h.services.zoomEvents.handle(
      event({ event: 'user.deleted', user: { id: carlaZoomId } }),
    );
    await h.flush();
    // Every upcoming meeting Carla hosts (the earlier test's "Later" too), not the one already over.
    expect(outcomes.every((o) => o.kind === 'meeting' && o.reason === 'host_deleted')).toBe(true);
    expect(h.told.ended.map((e) => e.meeting.topic).sort()).toEqual(['Carla 1', 'Carla 2', 'Later']);
    expect(outcomes.map((o) => (o.kind === 'meeting' ? o.meetingId : ''))).toEqual(
      expect.arrayContaining([a.meeting.id, b.meeting.id]),
    );
    expect((await h.services.connections.getOrg(W))?.status).toBe('active');
    expect((await h.services.meetings.getOwn(W, member, kept.meeting.id))?.state).toBe('live');
  });

  it('a host deactivated: host_deactivated; the same event from another account: nothing', async () => {
    const created = await h.services.meetings.create(W, member, { topic: 'Deact', startTime: at(HOUR) });
    expect(
      await h.services.zoomEvents.handle(
        event({ event: 'user.deactivated', accountId: 'elsewhere', user: { id: memberZoomId } }),
      ),
    ).toEqual([]);
    await h.services.zoomEvents.handle(event({ event: 'user.deactivated', user: { id: memberZoomId } }));
    await h.flush();
    expect(h.told.ended.at(-1)).toMatchObject({ reason: 'host_deactivated' });
    expect((await h.services.meetings.getOwn(W, member, created.meeting.id))?.endReason).toBe(
      'host_deactivated',
    );
  });
});

describe('losing the organization connection says what happens to the meetings', () => {
  const W2 = 'TLIFE02';
  let admin2: string;
  let member2: string;

  beforeAll(async () => {
    const s = await seedWorkspace(h, W2);
    admin2 = s.admin.id;
    member2 = s.member.id;
    h.zoom.addUser({ email: s.member.email ?? '' });
  });

  it('an admin disconnect: every upcoming meeting keeps working, the admin is named, the preview lists them', async () => {
    const owner = h.zoom.addUser({ email: 'life2-owner@acme.test', roleName: 'Owner' });
    await connectOrg(h, W2, admin2, owner.email);
    await h.models.orgConnections.updateOne({ workspaceId: W2 }, { $set: { lastCheckedAt: h.now.value } });
    const made = await h.services.meetings.create(W2, member2, { topic: 'Stays', startTime: at(HOUR) });
    const preview = await h.services.connectionLoss.preview(W2, admin2);
    expect(preview.upcomingMeetings).toBe(1);
    expect(preview.keepWorking.map((m) => [m.topic, m.joinUrl, m.endReason])).toEqual([
      ['Stays', made.meeting.joinUrl, null],
    ]);
    expect(preview.lastCheckedAt?.toISOString()).toBe(h.now.value.toISOString());

    await h.services.connectionLoss.lose(W2, { reason: 'admin_disconnected', actorId: admin2 });
    await h.flush();
    const told = h.told.org.at(-1);
    expect(told).toMatchObject({ actorId: admin2, membersRelying: 2, zoomOperator: null });
    expect(told?.lastCheckedAt?.toISOString()).toBe(h.now.value.toISOString());
    expect(told?.meetings.map((m) => [m.topic, m.endReason])).toEqual([['Stays', null]]);
    // The meeting itself is untouched.
    expect((await h.services.meetings.getOwn(W2, member2, made.meeting.id))?.state).toBe('live');
  });

  it('its Zoom user deleted: that user’s own meetings are dead, the members’ keep working, Zoom’s operator named', async () => {
    const owner = h.zoom.addUser({ email: 'life3-owner@acme.test', roleName: 'Owner' });
    const ownerSlack = h.slack.add(W2, buildSlackProfile({ email: owner.email }));
    await h.services.directory.applyUser(W2, ownerSlack);
    await connectOrg(h, W2, admin2, owner.email);
    await h.services.meetings.create(W2, ownerSlack.id, { topic: 'Owner’s', startTime: at(HOUR) });
    await h.services.meetings.create(W2, member2, { topic: 'Member’s', startTime: at(2 * HOUR) });
    await h.services.zoomEvents.handle(
      event({ event: 'user.deleted', user: { id: owner.id }, operator: 'boss@acme.test' }),
    );
    await h.flush();
    const told = h.told.org.at(-1);
    expect(told).toMatchObject({ reason: 'zoom_user_deleted', zoomOperator: 'boss@acme.test' });
    expect(told?.meetings.map((m) => [m.topic, m.endReason])).toEqual([
      ['Owner’s', 'host_deleted'],
      ['Member’s', null],
    ]);
    expect(h.told.ended.map((e) => [e.meeting.topic, e.reason])).toEqual([['Owner’s', 'host_deleted']]);
  });

  it('with nothing that reaches the host any more, Cancel says so instead of pretending', async () => {
    const created = await h.services.meetings.create(W, member, { topic: 'Orphan', startTime: at(HOUR) });
    await h.services.connectionLoss.lose(W, { reason: 'admin_disconnected', actorId: admin });
    const result = await h.services.meetings.cancel(W, member, created.meeting.id);
    expect(result).toMatchObject({ outcome: 'not_cancelled', why: 'no_account' });
    expect((await h.services.meetings.getOwn(W, member, created.meeting.id))?.state).toBe('live');
  });
});

describe('invitees from a command text', () => {
  it('ids pass through; a handle is found by Slack name; an unknown one is named', async () => {
    const resolved = await h.services.meetings.resolveInvitees(W, [
      { kind: 'id', userId: 'U_SOMEONE' },
      { kind: 'handle', handle: 'carla' },
      { kind: 'handle', handle: 'nobody.here' },
    ]);
    expect(resolved).toEqual({ userIds: ['U_SOMEONE', other], unknown: ['@nobody.here'] });
  });
});

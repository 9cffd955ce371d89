import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../src/services/errors.js';
import { ZoomError } from '../../../src/zoom/contracts.js';
import { buildSlackProfile } from '../../support/factories.js';
import { connectOrg, connectPersonal, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
const W = 'TMEET01';
let admin: string;
let member: string;
let memberEmail: string;

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  h = await startHarness('meetings');
  const s = await seedWorkspace(h, W);
  admin = s.admin.id;
  member = s.member.id;
  memberEmail = s.member.email ?? '';
  h.zoom.addUser({ email: 'meet-owner@acme.test', roleName: 'Owner', accountId: 'acme' });
  h.zoom.addUser({ email: memberEmail, accountId: 'acme' });
  h.zoom.addUser({ email: 'mine@home.test', accountId: 'home' });
});
afterAll(async () => {
  await h?.stop();
});

describe('meetings', () => {
  it('no account: a typed failure with the reason and a hint', async () => {
    const error = await errorOf(h.services.meetings.create(W, member, { topic: 'Standup' }));
    expect(isServiceError(error, 'no_active_account')).toBe(true);
    expect((error as { details: Record<string, unknown> }).details).toMatchObject({
      reason: 'no_org_connection',
      hint: 'connect_personal_or_ask_admin',
    });
  });

  it('org: created for the member’s email with summary auto-start when set, recorded with its source', async () => {
    await connectOrg(h, W, admin, 'meet-owner@acme.test');
    await h.services.settings.update(W, admin, { autoStartSummary: true });
    const start = new Date(h.now.value.getTime() + 3600_000).toISOString();
    const created = await h.services.meetings.create(W, member, {
      topic: 'Planning',
      startTime: start,
      durationMinutes: 30,
    });
    expect(created.source).toBe('org');
    expect(created.meeting.hostEmail).toBe(memberEmail);
    expect(created.meeting.autoStartMeetingSummary).toBe(true);
    expect(h.zoom.meetings.at(-1)).toMatchObject({ app: 'org', target: memberEmail });
    const record = await h.models.meetings.findOne({ workspaceId: W, meetingId: created.meeting.id }).lean();
    expect(record).toMatchObject({
      source: 'org',
      slackUserId: member,
      zoomEmail: memberEmail,
      orgGeneration: 1,
    });
    expect(record?.startTime.toISOString()).toBe(start);
    const m = await h.models.members.findOne({ workspaceId: W, slackUserId: member }).lean();
    expect(m?.zoomMatch).toBe('found');
    const preview = await h.services.connectionLoss.preview(W, admin);
    expect(preview.upcomingMeetings).toBe(1);
    expect((await h.services.connectionLoss.upcomingThroughOrg(W, 1)).map((u) => u.meetingId)).toEqual([
      created.meeting.id,
    ]);
  });

  it('org: a member whose email has no Zoom user is told plainly and flagged', async () => {
    const stranger = h.slack.add(W, buildSlackProfile({ email: 'nobody@elsewhere.test' }));
    await h.services.directory.applyUser(W, stranger);
    const error = await errorOf(h.services.meetings.create(W, stranger.id, { topic: 'x' }));
    expect(isServiceError(error, 'zoom_user_not_found')).toBe(true);
    const m = await h.models.members.findOne({ workspaceId: W, slackUserId: stranger.id }).lean();
    expect(m?.zoomMatch).toBe('not_found');
    expect((await h.services.connectedUsers.counts(W, admin)).emailNotFound).toBe(1);
  });

  it('personal: created as `me` without the org settings, recorded as personal', async () => {
    await connectPersonal(h, W, member, 'mine@home.test');
    const created = await h.services.meetings.create(W, member, { topic: 'Mine' });
    expect(created.source).toBe('personal');
    expect(created.meeting.hostEmail).toBe('mine@home.test');
    expect(created.meeting.autoStartMeetingSummary).toBe(false);
    expect(h.zoom.meetings.at(-1)).toMatchObject({ app: 'user', target: 'me' });
    expect(
      await h.models.meetings.countDocuments({ workspaceId: W, source: 'personal', slackUserId: member }),
    ).toBe(1);
  });

  it('personal needs reconnect: marked, typed failure, and the next meeting goes through org', async () => {
    h.zoom.killGrants('mine@home.test');
    const error = await errorOf(h.services.meetings.create(W, member, { topic: 'x' }));
    expect(isServiceError(error, 'needs_reconnect')).toBe(true);
    expect((error as { details: Record<string, unknown> }).details).toMatchObject({
      source: 'personal',
      orgAvailable: true,
    });
    expect((await h.services.connections.getPersonal(W, member))?.status).toBe('needs_reconnect');
    const next = await h.services.meetings.create(W, member, { topic: 'fallback' });
    expect(next.source).toBe('org');
  });

  it('org needs reconnect: the org connection is marked and everyone is told', async () => {
    h.zoom.failNext('createMeeting', new ZoomError('needs_reconnect', 'dead'));
    const error = await errorOf(h.services.meetings.create(W, admin, { topic: 'x' }));
    expect(isServiceError(error, 'needs_reconnect')).toBe(true);
    expect((error as { details: Record<string, unknown> }).details).toMatchObject({ source: 'org' });
    expect((await h.services.connections.getOrg(W))?.status).toBe('needs_reconnect');
    const after = await errorOf(h.services.meetings.create(W, admin, { topic: 'x' }));
    expect(isServiceError(after, 'no_active_account')).toBe(true);
    expect((await h.services.status.getStatus(W, admin)).hint).toBe('ask_admin_to_reconnect');
  });

  it('other Zoom failures are zoom_failed; bad input is invalid_input', async () => {
    await connectOrg(h, W, admin, 'meet-owner@acme.test');
    h.zoom.failNext('createMeeting', new ZoomError('rate_limited', 'slow down'));
    expect(
      isServiceError(await errorOf(h.services.meetings.create(W, admin, { topic: 'x' })), 'zoom_failed'),
    ).toBe(true);
    expect(
      isServiceError(
        await errorOf(h.services.meetings.create(W, admin, { startTime: 'tomorrow' })),
        'invalid_input',
      ),
    ).toBe(true);
  });
});

describe('health checks', () => {
  const H = 'THEAL01';
  it('healthy, then the Zoom user loses its admin role → needs_reconnect once', async () => {
    const s = await seedWorkspace(h, H);
    const owner = h.zoom.addUser({ email: 'health-owner@acme.test', roleName: 'Owner', accountId: 'acme' });
    expect(await h.services.health.checkOrg(H)).toEqual({ result: 'not_connected' });
    await connectOrg(h, H, s.admin.id, owner.email);
    expect(await h.services.health.checkOrg(H)).toEqual({ result: 'healthy', zoomEmail: owner.email });
    h.zoom.failNext('listAccountEmails', new ZoomError('rate_limited', 'slow'));
    expect(await h.services.health.checkOrg(H)).toEqual({ result: 'unreachable', code: 'rate_limited' });
    h.zoom.users.set(owner.email, { ...owner, roleName: 'Member' });
    expect(await h.services.health.checkOrg(H)).toEqual({
      result: 'needs_reconnect',
      reason: 'admin_role_lost',
      changed: true,
    });
    expect(await h.services.health.checkOrg(H)).toMatchObject({ result: 'needs_reconnect', changed: false });
  });

  it('email matching diagnostics flag members without a Zoom user in the org account', async () => {
    const M = 'THEAL02';
    const s = await seedWorkspace(h, M);
    h.zoom.addUser({ email: 'diag-owner@acme.test', roleName: 'Owner', accountId: 'acme' });
    await connectOrg(h, M, s.admin.id, 'diag-owner@acme.test');
    expect(await h.services.health.checkMemberMatch(M, s.member.id)).toBe('not_found');
    h.zoom.addUser({ email: s.member.email ?? '', accountId: 'acme' });
    expect(await h.services.health.checkMemberMatch(M, s.member.id)).toBe('found');
    expect((await h.services.directory.getMember(M, s.member.id))?.zoomMatch).toBe('found');
  });
});

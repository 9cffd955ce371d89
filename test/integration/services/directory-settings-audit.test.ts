import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isServiceError } from '../../../src/services/errors.js';
import type { SettingsPatch } from '../../../src/services/settings.js';
import { buildAdminProfile, buildSlackProfile } from '../../support/factories.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('directory_settings_audit');
});
afterAll(async () => {
  await h?.stop();
});

describe('directory', () => {
  const W = 'TDIR001';

  it('syncs every page of users.list, skipping bots and Slackbot', async () => {
    h.slack.pageSize = 2;
    for (let i = 0; i < 5; i += 1) h.slack.add(W, buildSlackProfile({ realName: `Zed ${i}` }));
    h.slack.add(W, buildSlackProfile({ isBot: true }));
    h.slack.add(W, buildSlackProfile({ id: 'USLACKBOT' }));
    const result = await h.services.directory.syncFromSlack(W);
    expect(result).toEqual({ members: 5, pages: 4 });
    expect(await h.models.members.countDocuments({ workspaceId: W })).toBe(5);
    const one = await h.models.members.findOne({ workspaceId: W, realName: 'Zed 3' }).lean();
    expect(one).toMatchObject({
      sortName: 'zed 3',
      personalStatus: 'none',
      optedOut: false,
      zoomMatch: 'unknown',
    });
  });

  it('user_change keeps the denormalised connection fields and updates the profile', async () => {
    const p = h.slack.add(W, buildSlackProfile({ email: 'Old@Acme.test' }));
    await h.services.directory.applyUser(W, p);
    expect((await h.services.directory.getMember(W, p.id))?.email).toBe('old@acme.test');
    await h.models.members.updateOne(
      { workspaceId: W, slackUserId: p.id },
      { $set: { personalStatus: 'active', optedOut: true } },
    );
    await h.services.directory.applyUser(W, { ...p, email: 'new@acme.test', deleted: true, locale: 'fr-FR' });
    const m = await h.services.directory.getMember(W, p.id);
    expect(m).toMatchObject({
      email: 'new@acme.test',
      deleted: true,
      locale: 'fr-FR',
      personalStatus: 'active',
      optedOut: true,
    });
  });

  it('caches the admin check for at most 5 minutes', async () => {
    const admin = h.slack.add(W, buildAdminProfile());
    const calls = h.slack.userInfoCalls;
    expect(await h.services.directory.isAdmin(W, admin.id)).toBe(true); // unknown → users.info
    expect(h.slack.userInfoCalls).toBe(calls + 1);
    h.slack.add(W, { ...admin, isAdmin: false }); // demoted in Slack
    h.advance(4 * 60_000);
    expect(await h.services.directory.isAdmin(W, admin.id)).toBe(true); // still cached
    expect(h.slack.userInfoCalls).toBe(calls + 1);
    h.advance(61_000);
    expect(await h.services.directory.isAdmin(W, admin.id)).toBe(false); // re-read
    expect(h.slack.userInfoCalls).toBe(calls + 2);
  });

  it('Enterprise Grid admins are admins; unknown users are not', async () => {
    const grid = h.slack.add(W, buildSlackProfile({ enterpriseUser: { isAdmin: false, isOwner: true } }));
    expect(await h.services.directory.isAdmin(W, grid.id)).toBe(true);
    expect(await h.services.directory.isAdmin(W, 'UNOBODY1')).toBe(false);
  });
});

describe('settings and audit', () => {
  const W = 'TSET001';
  let admin: string;
  let member: string;
  beforeAll(async () => {
    admin = h.slack.add(W, buildAdminProfile()).id;
    member = h.slack.add(W, buildSlackProfile()).id;
    await h.services.directory.syncFromSlack(W);
  });

  it('defaults both settings off, with nobody having changed them', async () => {
    expect(await h.services.settings.get(W)).toEqual({
      autoStartSummary: false,
      allowUserOptOut: false,
      changedBy: null,
      changedAt: null,
    });
  });

  it('records who changed what and when; members are refused; bad input rejected', async () => {
    const updated = await h.services.settings.update(W, admin, { autoStartSummary: true });
    expect(updated).toEqual({
      autoStartSummary: true,
      allowUserOptOut: false,
      changedBy: admin,
      changedAt: h.now.value,
    });
    expect(await h.services.settings.get(W)).toEqual(updated);
    const denied = await h.services.settings
      .update(W, member, { allowUserOptOut: true })
      .catch((e: unknown) => e);
    expect(isServiceError(denied, 'not_admin')).toBe(true);
    const bad = await h.services.settings
      .update(W, admin, { autoStartSummary: 'yes' } as unknown as SettingsPatch)
      .catch((e: unknown) => e);
    expect(isServiceError(bad, 'invalid_input')).toBe(true);
    const audit = await h.services.audit.list(W, admin);
    expect(audit.items[0]).toMatchObject({
      type: 'settings_changed',
      actor: admin,
      details: { before: { autoStartSummary: false }, after: { autoStartSummary: true } },
    });
  });

  it('lists the audit log newest first across pages', async () => {
    for (let i = 0; i < 7; i += 1) {
      h.advance(1000);
      await h.services.audit.record(W, 'opted_in', `U${i}`, { i });
    }
    const first = await h.services.audit.list(W, admin, { limit: 3 });
    expect(first.items.map((e) => e.details.i)).toEqual([6, 5, 4]);
    const second = await h.services.audit.list(W, admin, { limit: 3, cursor: first.nextCursor ?? '' });
    expect(second.items.map((e) => e.details.i)).toEqual([3, 2, 1]);
    const third = await h.services.audit.list(W, admin, { limit: 3, cursor: second.nextCursor ?? '' });
    expect(third.items.map((e) => e.type)).toEqual(['opted_in', 'settings_changed']);
    expect(third.nextCursor).toBeNull();
  });

  it('lists workspaces for jobs in id order', async () => {
    await h.services.settings.ensureWorkspace('TZZZ001', { name: 'Z' });
    const ids = await h.services.settings.listWorkspaceIds();
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain(W);
    expect(await h.services.settings.listWorkspaceIds({ after: 'TZZZ000' })).toEqual(['TZZZ001']);
    expect(await h.services.settings.workspaceName('TZZZ001')).toBe('Z');
  });
});

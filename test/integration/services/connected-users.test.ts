import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberDoc } from '../../../src/db/models/member.js';
import { isSlackAdmin } from '../../../src/domain/permissions.js';
import { resolvePrecedence } from '../../../src/domain/precedence.js';
import {
  CONNECTED_USERS_FILTERS,
  type ConnectedUser,
  type ConnectedUsersFilter,
} from '../../../src/services/connected-users.js';
import { isServiceError } from '../../../src/services/errors.js';
import { buildMember } from '../../support/factories.js';
import { connectOrg, connectPersonal, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
const W = 'TUSERS1';
const OTHER = 'TUSERS2';
let admin: string;

beforeAll(async () => {
  h = await startHarness('connected_users');
  const s = await seedWorkspace(h, W);
  admin = s.admin.id;
  h.zoom.addUser({ email: 'cu-owner@acme.test', roleName: 'Owner' });
  await connectOrg(h, W, admin, 'cu-owner@acme.test');
  const members: MemberDoc[] = [];
  for (let i = 0; i < 300; i += 1) {
    members.push(
      buildMember({
        workspaceId: W,
        // Duplicate display names on purpose: the cursor must break ties by user id.
        realName: `Person ${String(i % 120).padStart(3, '0')}`,
        sortName: `person ${String(i % 120).padStart(3, '0')}`,
        personalStatus: i % 5 === 0 ? 'active' : i % 13 === 0 ? 'needs_reconnect' : 'none',
        optedOut: i % 7 === 0,
        zoomMatch: i % 11 === 0 ? 'not_found' : i % 3 === 0 ? 'found' : 'unknown',
        deleted: i % 31 === 0,
        isAdmin: i % 17 === 0,
        enterpriseOwner: i % 19 === 0,
      }),
    );
  }
  await h.models.members.insertMany(members);
  // Another workspace whose members must never show in W's list or search.
  await h.models.members.insertMany(
    Array.from({ length: 5 }, (_, i) =>
      buildMember({ workspaceId: OTHER, realName: `Person 00${i}`, sortName: `person 00${i}` }),
    ),
  );
});
afterAll(async () => {
  await h?.stop();
});

/** The oracle: every member through the pure precedence rule, then a plain-JS search. */
async function expected(filter: ConnectedUsersFilter, search = ''): Promise<string[]> {
  const all = await h.models.members.find({ workspaceId: W, deleted: false }).lean();
  const org = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
  const ws = await h.services.settings.get(W);
  const needle = search.trim().toLowerCase();
  const keep = all.filter((m) => {
    if (
      needle !== '' &&
      ![m.sortName, m.realName, m.name, m.email ?? ''].some((v) => v.toLowerCase().includes(needle))
    )
      return false;
    const active = resolvePrecedence({
      personal: m.personalStatus === 'none' ? null : { status: m.personalStatus },
      org: org ? { status: org.status } : null,
      optedOut: m.optedOut,
      allowUserOptOut: ws.allowUserOptOut,
    }).active;
    switch (filter) {
      case 'all':
        return true;
      case 'personal':
      case 'org':
      case 'none':
        return active === filter;
      case 'needs_reconnect':
        return m.personalStatus === 'needs_reconnect';
      case 'opted_out':
        return ws.allowUserOptOut && m.optedOut;
      case 'email_not_found':
        return org !== null && org.status !== 'disconnected' && m.zoomMatch === 'not_found';
      default:
        return false;
    }
  });
  return keep
    .sort((a, b) =>
      a.sortName === b.sortName ? (a.slackUserId < b.slackUserId ? -1 : 1) : a.sortName < b.sortName ? -1 : 1,
    )
    .map((m) => m.slackUserId);
}

async function walk(
  filter: ConnectedUsersFilter,
  search?: string,
): Promise<{ ids: string[]; pages: number; items: ConnectedUser[] }> {
  const items: ConnectedUser[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await h.services.connectedUsers.list(W, admin, { filter, cursor, search });
    expect(page.items.length).toBeLessThanOrEqual(20);
    for (const item of page.items) {
      if (filter === 'personal' || filter === 'org' || filter === 'none') expect(item.active).toBe(filter);
    }
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor !== undefined && pages < 100);
  return { ids: items.map((i) => i.slackUserId), pages, items };
}

async function checkAll(search?: string) {
  const counts = await h.services.connectedUsers.counts(W, admin, { search });
  const byFilter: Record<ConnectedUsersFilter, number> = {
    all: counts.total,
    personal: counts.personal,
    org: counts.org,
    none: counts.none,
    needs_reconnect: counts.personalNeedsReconnect,
    opted_out: counts.optedOut,
    email_not_found: counts.emailNotFound,
  };
  for (const filter of CONNECTED_USERS_FILTERS) {
    const want = await expected(filter, search);
    const { ids } = await walk(filter, search);
    expect(ids, filter).toEqual(want);
    // The count is the number of rows its pages hold: the pager and the list agree.
    expect(byFilter[filter], filter).toBe(want.length);
  }
  expect(counts.personal + counts.org + counts.none).toBe(counts.total);
  return counts;
}

describe('connected users', () => {
  it('pages (≤ 20, name order, stable cursor) and counts match the rules: org active, opt-out not allowed', async () => {
    const { pages } = await walk('all');
    expect(pages).toBeGreaterThan(10);
    const counts = await checkAll();
    expect(counts.personalNeedsReconnect).toBeGreaterThan(0);
    // Opting out is not allowed: nobody is shown as opted out, and the filter is not offered.
    expect(counts.optedOut).toBe(0);
    expect(counts.available).not.toContain('opted_out');
    expect(counts.available).toContain('email_not_found');
    expect((await walk('all')).items.some((i) => i.optedOut)).toBe(false);
  });

  it('… with opt-out allowed: opted-out members are flagged and offered as a filter', async () => {
    await h.services.settings.update(W, admin, { allowUserOptOut: true });
    const counts = await checkAll();
    expect(counts.none).toBeGreaterThan(0);
    expect(counts.optedOut).toBeGreaterThan(0);
    expect(counts.available).toContain('opted_out');
    expect((await walk('opted_out')).items.every((i) => i.optedOut)).toBe(true);
  });

  it('searches names and emails case-insensitively, inside the workspace, with counts that match', async () => {
    const counts = await checkAll('PERSON 00');
    expect(counts.total).toBeGreaterThan(0);
    const byEmail = await walk('all', 'member');
    expect(byEmail.ids.length).toBeGreaterThan(0);
    // Nothing of the other workspace, although its names match.
    const others = await h.models.members.find({ workspaceId: OTHER }).lean();
    const all = new Set((await walk('all', 'person')).ids);
    expect(others.some((o) => all.has(o.slackUserId))).toBe(false);
  });

  it('treats regex characters in a search as text', async () => {
    await h.models.members.insertMany([
      buildMember({ workspaceId: W, realName: 'A.B (ops)*', sortName: 'a.b (ops)*' }),
      buildMember({ workspaceId: W, realName: 'AxB ops', sortName: 'axb ops' }),
    ]);
    expect((await walk('all', 'a.b (ops)*')).items.map((i) => i.realName)).toEqual(['A.B (ops)*']);
    for (const pattern of ['.*', '(', '[a-z]+', '^person', '\\']) {
      const want = await expected('all', pattern);
      expect((await walk('all', pattern)).ids, pattern).toEqual(want);
    }
    expect((await walk('all', '.*')).ids).toEqual([]);
    await checkAll('(ops)');
  });

  it('marks admins from the directory flags', async () => {
    const { items } = await walk('all');
    const docs = new Map(
      (await h.models.members.find({ workspaceId: W }).lean()).map((m) => [m.slackUserId, m]),
    );
    expect(items.filter((i) => i.isAdmin).length).toBeGreaterThan(1);
    for (const item of items) {
      const doc = docs.get(item.slackUserId);
      expect(item.isAdmin, item.slackUserId).toBe(doc ? isSlackAdmin(doc) : false);
    }
  });

  it('names the Zoom user of a personal connection', async () => {
    const { admin: admin3, member } = await seedWorkspace(h, 'TUSERS3');
    h.zoom.addUser({ email: 'own-zoom@elsewhere.test' });
    await connectPersonal(h, 'TUSERS3', member.id, 'own-zoom@elsewhere.test');
    const page = await h.services.connectedUsers.list('TUSERS3', admin3.id, { filter: 'personal' });
    expect(page.items.map((i) => [i.slackUserId, i.active, i.personalZoomEmail])).toEqual([
      [member.id, 'personal', 'own-zoom@elsewhere.test'],
    ]);
  });

  it('… with the org connection disconnected: no "No Zoom user" list (it meant that account)', async () => {
    await h.services.connectionLoss.lose(W, { reason: 'admin_disconnected', actorId: admin });
    const counts = await checkAll();
    expect(counts.org).toBe(0);
    expect(counts.emailNotFound).toBe(0);
    expect(counts.available).not.toContain('email_not_found');
  });

  it('rejects a tampered cursor, a bad filter, an oversize page or search with invalid_input', async () => {
    for (const options of [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('{"s":1}').toString('base64url') },
      { filter: 'everyone' as ConnectedUsersFilter },
      { limit: 0 },
      { search: 'x'.repeat(101) },
    ]) {
      const error = await h.services.connectedUsers.list(W, admin, options).catch((e: unknown) => e);
      expect(isServiceError(error, 'invalid_input')).toBe(true);
    }
    expect((await h.services.connectedUsers.list(W, admin, { limit: 500 })).items).toHaveLength(20);
  });

  it('refuses a member who is not an admin', async () => {
    const member = await h.models.members.findOne({ workspaceId: W, isAdmin: false, deleted: false }).lean();
    h.slack.add(W, {
      id: member?.slackUserId ?? 'U0',
      name: 'm',
      deleted: false,
      isAdmin: false,
      isOwner: false,
      isPrimaryOwner: false,
    });
    const error = await h.services.connectedUsers
      .counts(W, member?.slackUserId ?? 'U0')
      .catch((e: unknown) => e);
    expect(isServiceError(error, 'not_admin')).toBe(true);
  });
});

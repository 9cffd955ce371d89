import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberDoc } from '../../../src/db/models/member.js';
import { resolvePrecedence } from '../../../src/domain/precedence.js';
import { CONNECTED_USERS_FILTERS, type ConnectedUsersFilter } from '../../../src/services/connected-users.js';
import { isServiceError } from '../../../src/services/errors.js';
import { buildMember } from '../../support/factories.js';
import { connectOrg, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
const W = 'TUSERS1';
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
      }),
    );
  }
  await h.models.members.insertMany(members);
});
afterAll(async () => {
  await h?.stop();
});

/** The oracle: every member through the pure precedence rule. */
async function expected(filter: ConnectedUsersFilter): Promise<string[]> {
  const all = await h.models.members.find({ workspaceId: W, deleted: false }).lean();
  const org = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
  const ws = await h.services.settings.get(W);
  const keep = all.filter((m) => {
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
      case 'opted_out':
        return m.optedOut;
      case 'email_not_found':
        return m.zoomMatch === 'not_found';
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

async function walk(filter: ConnectedUsersFilter): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await h.services.connectedUsers.list(W, admin, { filter, cursor });
    expect(page.items.length).toBeLessThanOrEqual(20);
    for (const item of page.items) {
      if (filter === 'personal' || filter === 'org' || filter === 'none') expect(item.active).toBe(filter);
    }
    ids.push(...page.items.map((i) => i.slackUserId));
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor !== undefined && pages < 100);
  return { ids, pages };
}

async function checkAll() {
  const counts = await h.services.connectedUsers.counts(W, admin);
  const byFilter: Record<ConnectedUsersFilter, number> = {
    all: counts.total,
    personal: counts.personal,
    org: counts.org,
    none: counts.none,
    opted_out: counts.optedOut,
    email_not_found: counts.emailNotFound,
  };
  for (const filter of CONNECTED_USERS_FILTERS) {
    const want = await expected(filter);
    const { ids } = await walk(filter);
    expect(ids, filter).toEqual(want);
    expect(byFilter[filter], filter).toBe(want.length);
  }
  expect(counts.personal + counts.org + counts.none).toBe(counts.total);
}

describe('connected users', () => {
  it('pages (≤ 20, name order, stable cursor) and counts match the precedence rule: org active, opt-out not allowed', async () => {
    const { pages } = await walk('all');
    expect(pages).toBeGreaterThan(10);
    await checkAll();
  });

  it('… with opt-out allowed', async () => {
    await h.services.settings.update(W, admin, { allowUserOptOut: true });
    await checkAll();
    expect((await h.services.connectedUsers.counts(W, admin)).none).toBeGreaterThan(0);
  });

  it('… with the org connection disconnected', async () => {
    await h.services.connectionLoss.lose(W, { reason: 'admin_disconnected', actorId: admin });
    await checkAll();
    expect((await h.services.connectedUsers.counts(W, admin)).org).toBe(0);
  });

  it('rejects a tampered cursor, a bad filter and an oversize page with invalid_input', async () => {
    for (const options of [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('{"s":1}').toString('base64url') },
      { filter: 'everyone' as ConnectedUsersFilter },
      { limit: 0 },
    ]) {
      const error = await h.services.connectedUsers.list(W, admin, options).catch((e: unknown) => e);
      expect(isServiceError(error, 'invalid_input')).toBe(true);
    }
    expect((await h.services.connectedUsers.list(W, admin, { limit: 500 })).items).toHaveLength(20);
  });
});

// A settings change says what it changed and whose active account it moved (DESIGN §3.1 before vs after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePrecedence } from '../../../src/domain/precedence.js';
import { isServiceError } from '../../../src/services/errors.js';
import { buildMember, buildSlackProfile } from '../../support/factories.js';
import { connectOrg, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
const W = 'TSETCHG1';
let admin: string;
let member: string;

/** Opted-out members in every situation the rule distinguishes. */
const people = {
  plain: 'UOPT00001', // opted out, nothing else: moves between org and none
  personal: 'UOPT00002', // opted out but a working personal connection: never moves
  broken: 'UOPT00003', // opted out, personal connection needs reconnecting: moves like plain
  deleted: 'UOPT00004', // left the workspace: never told
  stays: 'UOPT00005', // not opted out: never moves
};

beforeAll(async () => {
  h = await startHarness('settings_changes');
  const s = await seedWorkspace(h, W);
  admin = s.admin.id;
  member = s.member.id;
  h.zoom.addUser({ email: 'sc-owner@acme.test', roleName: 'Owner' });
  await connectOrg(h, W, admin, 'sc-owner@acme.test');
  await h.models.members.insertMany([
    buildMember({ workspaceId: W, slackUserId: people.plain, optedOut: true }),
    buildMember({ workspaceId: W, slackUserId: people.personal, optedOut: true, personalStatus: 'active' }),
    buildMember({
      workspaceId: W,
      slackUserId: people.broken,
      optedOut: true,
      personalStatus: 'needs_reconnect',
    }),
    buildMember({ workspaceId: W, slackUserId: people.deleted, optedOut: true, deleted: true }),
    buildMember({ workspaceId: W, slackUserId: people.stays, optedOut: false }),
  ]);
});
afterAll(async () => {
  await h?.stop();
});

/** The oracle: every member's account through the precedence rule with the stored settings. */
async function accounts(): Promise<Map<string, string>> {
  const ws = await h.services.settings.get(W);
  const org = await h.models.orgConnections.findOne({ workspaceId: W }).lean();
  const members = await h.models.members.find({ workspaceId: W, deleted: false }).lean();
  return new Map(
    members.map((m) => [
      m.slackUserId,
      resolvePrecedence({
        personal: m.personalStatus === 'none' ? null : { status: m.personalStatus },
        org: org ? { status: org.status } : null,
        optedOut: m.optedOut,
        allowUserOptOut: ws.allowUserOptOut,
      }).active,
    ]),
  );
}

/** Whose account differs between two snapshots, as the service should report it. */
function diff(before: Map<string, string>, after: Map<string, string>) {
  return [...after]
    .filter(([id, account]) => before.get(id) !== account)
    .map(([id, account]) => ({ slackUserId: id, before: before.get(id), after: account }))
    .sort((a, b) => a.slackUserId.localeCompare(b.slackUserId));
}

const sorted = <T extends { slackUserId: string }>(list: T[]) =>
  [...list].sort((a, b) => a.slackUserId.localeCompare(b.slackUserId));

describe('settings changes', () => {
  it('turning opting out on takes the opted-out members without a working personal account off the org account', async () => {
    const before = await accounts();
    const change = await h.services.settings.change(W, admin, { allowUserOptOut: true });
    expect(change.changed).toEqual(['allowUserOptOut']);
    expect(change.before.allowUserOptOut).toBe(false);
    expect(change.after).toMatchObject({ allowUserOptOut: true, changedBy: admin });
    expect(sorted(change.accountChanges)).toEqual(diff(before, await accounts()));
    expect(sorted(change.accountChanges)).toEqual([
      { slackUserId: people.plain, before: 'org', after: 'none' },
      { slackUserId: people.broken, before: 'org', after: 'none' },
    ]);
  });

  it('saving the same values changes nothing and moves nobody', async () => {
    const change = await h.services.settings.change(W, admin, {
      allowUserOptOut: true,
      autoStartSummary: false,
    });
    expect(change.changed).toEqual([]);
    expect(change.accountChanges).toEqual([]);
  });

  it('the summary setting moves nobody', async () => {
    const change = await h.services.settings.change(W, admin, { autoStartSummary: true });
    expect(change.changed).toEqual(['autoStartSummary']);
    expect(change.accountChanges).toEqual([]);
  });

  it('turning it off puts them back on the org account', async () => {
    const before = await accounts();
    const change = await h.services.settings.change(W, admin, { allowUserOptOut: false });
    expect(sorted(change.accountChanges)).toEqual(diff(before, await accounts()));
    expect(sorted(change.accountChanges).map((c) => [c.slackUserId, c.after])).toEqual([
      [people.plain, 'org'],
      [people.broken, 'org'],
    ]);
    // `update` is the same change without the report.
    expect(await h.services.settings.update(W, admin, { allowUserOptOut: false })).toMatchObject({
      allowUserOptOut: false,
    });
  });

  it('moves nobody while the org connection does not serve', async () => {
    await h.services.connectionLoss.lose(W, { reason: 'admin_disconnected', actorId: admin });
    const change = await h.services.settings.change(W, admin, { allowUserOptOut: true });
    expect(change.changed).toEqual(['allowUserOptOut']);
    expect(change.accountChanges).toEqual([]);
  });

  it('counts the opted-out members (what the modal warns about), and reads the admin flag fresh', async () => {
    expect(await h.services.settings.optedOutCount(W)).toBe(3);
    // The member was an admin a minute ago (cached); Slack now says not: the change is refused.
    h.slack.add(W, buildSlackProfile({ id: member, isAdmin: true }));
    await h.services.directory.isAdminFresh(W, member);
    h.slack.add(W, buildSlackProfile({ id: member, isAdmin: false }));
    const refused = await h.services.settings
      .change(W, member, { allowUserOptOut: false })
      .catch((e: unknown) => e);
    expect(isServiceError(refused, 'not_admin')).toBe(true);
  });
});

/**
 * Email matches known before anybody fails (issue 14 §5): an approval records which members have a
 * Zoom user with their Slack email in the organization's account; a changed Slack email makes the
 * match unknown again, and the check after a profile change finds the truth for that member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOrg, type Harness, seedWorkspace, startHarness } from './harness.js';

let h: Harness;
const W = 'TMATCH1';
let member: { id: string; email?: string | undefined; realName?: string | undefined };

const matchOf = async (id: string) =>
  (await h.models.members.findOne({ workspaceId: W, slackUserId: id }).lean())?.zoomMatch;

beforeAll(async () => {
  h = await startHarness('member_matches');
  const seeded = await seedWorkspace(h, W);
  member = seeded.member;
  h.zoom.addUser({ email: 'owner@acme.test', roleName: 'Owner', accountId: 'acme' });
  expect((await connectOrg(h, W, seeded.admin.id, 'owner@acme.test')).outcome).toBe('completed');
});
afterAll(async () => {
  await h?.stop();
});

describe('email matches', () => {
  it('the approval records who is found in the organization’s account before anyone creates a meeting', async () => {
    expect(await matchOf(member.id)).toBe('not_found');
    const status = await h.services.status.getStatus(W, member.id);
    expect(status.zoomMatch).toBe('not_found');
  });

  it('a changed Slack email resets the match; the check after the change finds the new truth', async () => {
    const email = 'renamed@acme.test';
    h.zoom.addUser({ email, accountId: 'acme' });
    const before = await h.slack.userInfo(W, member.id);
    if (!before) throw new Error('no profile');
    const profile = h.slack.add(W, { ...before, email });
    await h.services.directory.applyUser(W, profile);
    expect(await matchOf(member.id)).toBe('unknown');
    expect(await h.services.health.checkMemberMatch(W, member.id)).toBe('found');
    expect(await matchOf(member.id)).toBe('found');
  });

  it('the same profile applied again keeps the match (no reset without a change)', async () => {
    const profile = await h.slack.userInfo(W, member.id);
    if (!profile) throw new Error('no profile');
    await h.services.directory.applyUser(W, profile);
    await h.services.directory.syncFromSlack(W);
    expect(await matchOf(member.id)).toBe('found');
  });
});

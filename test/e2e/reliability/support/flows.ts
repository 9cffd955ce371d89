/** The few user journeys every reliability scenario starts from, acted through Slack and the browser. */
import { expect } from 'vitest';
import { approvalLinkIn, followLink, type ReliabilityHarness, T, text } from './harness.js';

type H = Pick<ReliabilityHarness, 'slack' | 'zoom'>;

/** U_SLACKADMIN asks, U_ZOOMADMIN (zoom-admin@acme.test, Zoom Admin) approves from the DM link. */
export async function connectOrg(h: H, zoomEmail = 'zoom-admin@acme.test'): Promise<string> {
  const admin = h.slack.user(T, 'U_SLACKADMIN');
  await admin.command('/zoom-connect', 'org');
  if (admin.lastModal()?.callbackId !== 'zoom_connect') throw new Error('connect modal did not open');
  await admin.select({ actionId: 'connect_org_path_choice', value: 'send' });
  await admin.submit({ connect_recipient: { connect_recipient_pick: 'U_ZOOMADMIN' } });
  const link = approvalLinkIn(admin.lastModal()?.view);
  if (!link) throw new Error(`no approval link in ${text(admin.lastModal()?.view).slice(0, 400)}`);
  const approved = await followLink(h, link, zoomEmail);
  expect(approved.status).toBe(200);
  await admin.waitFor(() => admin.dms().some((m) => text(m).includes(zoomEmail)), 5_000);
  return link;
}

/** `userId` connects a personal Zoom account (`zoomEmail`) through the user app. */
export async function connectPersonal(h: H, userId: string, zoomEmail: string): Promise<void> {
  const member = h.slack.user(T, userId);
  await member.command('/zoom-connect', 'personal');
  await member.submit({});
  const link = approvalLinkIn(member.lastModal()?.view);
  if (!link) throw new Error(`no connect link in ${text(member.lastModal()?.view).slice(0, 400)}`);
  const done = await followLink(h, link, zoomEmail);
  expect(done.status).toBe(200);
}

/** `/zoom-meet topic` as `userId`; resolves once the join link is in #general. */
export async function meet(h: H, userId: string, topic: string): Promise<void> {
  const member = h.slack.user(T, userId);
  await member.command('/zoom-meet', topic);
  await member.waitFor(() => member.channelMessages('C_GENERAL').some((m) => text(m).includes(topic)), 5_000);
}

/** The text of the newest ephemeral answer `userId` got for `/zoom-status`. */
export async function statusOf(h: H, userId: string): Promise<string> {
  const member = h.slack.user(T, userId);
  const before = member.ephemerals().length;
  const result = await member.command('/zoom-status');
  await member.waitFor(() => member.ephemerals().length > before || result.body.length > 2, 5_000);
  return text(member.ephemerals().at(-1) ?? result.body);
}

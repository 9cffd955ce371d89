/**
 * Email matching (DESIGN §3.4, issue 13/14): which members have a Zoom user with their Slack email
 * in the organization's Zoom account. Counted when an approval completes (the coverage shown
 * before the account serves anybody) and recorded on the members when it serves, so `/zoom-status`
 * can say "no Zoom user with your email" before a meeting fails.
 */
import type { Models } from '../db/models/index.js';

export interface Coverage {
  /** Members (not deleted) whose Slack email is a user of the Zoom account. */
  found: number;
  /** Members considered (not deleted). */
  total: number;
}

/** The members considered: still in the workspace (the directory never stores bots). */
const people = (workspaceId: string) => ({ workspaceId, deleted: false });

export function createMemberMatches(models: Models) {
  return {
    async coverage(workspaceId: string, accountEmails: readonly string[]): Promise<Coverage> {
      const emails = [...new Set(accountEmails.map((e) => e.toLowerCase()))];
      const [found, total] = await Promise.all([
        models.members.countDocuments({ ...people(workspaceId), email: { $in: emails } }),
        models.members.countDocuments(people(workspaceId)),
      ]);
      return { found, total };
    },

    /** Marks every member found or not found against the account's users (two updates). */
    async record(workspaceId: string, accountEmails: readonly string[]): Promise<void> {
      const emails = [...new Set(accountEmails.map((e) => e.toLowerCase()))];
      await models.members.updateMany(
        { workspaceId, email: { $in: emails }, zoomMatch: { $ne: 'found' } },
        { $set: { zoomMatch: 'found' } },
      );
      await models.members.updateMany(
        { workspaceId, email: { $nin: emails }, zoomMatch: { $ne: 'not_found' } },
        { $set: { zoomMatch: 'not_found' } },
      );
    },
  };
}

export type MemberMatches = ReturnType<typeof createMemberMatches>;

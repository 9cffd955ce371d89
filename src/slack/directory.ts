/**
 * The core's SlackDirectory port over the Web API: users.info (with locale) and users.list, through
 * the client that serves the workspace (its own installation, or its enterprise's org-wide one).
 */
import { z } from 'zod';
import type { SlackDirectory, SlackProfile } from '../services/ports.js';
import type { SlackClients } from './clients.js';

const slackUser = z
  .object({
    id: z.string(),
    name: z.string().default(''),
    real_name: z.string().optional(),
    deleted: z.boolean().default(false),
    is_bot: z.boolean().optional(),
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
    locale: z.string().optional(),
    tz: z.string().optional(),
    profile: z
      .object({
        email: z.string().optional(),
        display_name: z.string().optional(),
        real_name: z.string().optional(),
      })
      .loose()
      .optional(),
    enterprise_user: z
      .object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional() })
      .loose()
      .optional(),
  })
  .loose();

export function toSlackProfile(raw: unknown): SlackProfile {
  const user = slackUser.parse(raw);
  return {
    id: user.id,
    name: user.name,
    realName: user.real_name ?? user.profile?.real_name,
    displayName: user.profile?.display_name || undefined,
    email: user.profile?.email,
    deleted: user.deleted,
    isBot: user.is_bot,
    isAdmin: user.is_admin ?? false,
    isOwner: user.is_owner ?? false,
    isPrimaryOwner: user.is_primary_owner ?? false,
    enterpriseUser: user.enterprise_user
      ? { isAdmin: user.enterprise_user.is_admin ?? false, isOwner: user.enterprise_user.is_owner ?? false }
      : undefined,
    locale: user.locale,
    tz: user.tz,
  };
}

export function createSlackDirectory(clients: SlackClients): SlackDirectory {
  return {
    async userInfo(workspaceId, userId) {
      const client = await clients.forWorkspace(workspaceId);
      try {
        const result = await client.users.info({ user: userId, include_locale: true });
        return result.user ? toSlackProfile(result.user) : null;
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error === 'user_not_found') return null;
        throw error;
      }
    },
    async listUsers(workspaceId, cursor) {
      const client = await clients.forWorkspace(workspaceId);
      const result = await client.users.list({
        limit: 200,
        include_locale: true,
        // Required with an org-wide (Grid) token, which sees every workspace of its enterprise;
        // a workspace token ignores it, so it is always sent.
        team_id: workspaceId,
        ...(cursor ? { cursor } : {}),
      });
      const next = result.response_metadata?.next_cursor;
      return { users: (result.members ?? []).map(toSlackProfile), nextCursor: next ? next : undefined };
    },
  };
}

import pino from 'pino';
import type { Models } from '../db/models/index.js';
import type { MemberDoc } from '../db/models/member.js';
import { isSlackAdmin } from '../domain/permissions.js';
import { checkUserId, checkWorkspaceId } from './guard.js';
import type { CommonDeps, SlackDirectory, SlackProfile } from './ports.js';

/** At most this old, a stored admin flag is trusted (DESIGN §2.1). */
export const ADMIN_CACHE_MS = 5 * 60 * 1000;

export interface MemberView {
  slackUserId: string;
  name: string;
  realName: string;
  email: string | null;
  isAdmin: boolean;
  deleted: boolean;
  locale: string | null;
  tz: string | null;
  optedOut: boolean;
  personalStatus: MemberDoc['personalStatus'];
  zoomMatch: MemberDoc['zoomMatch'];
}

export interface DirectoryService {
  /** Pages through `users.list` and upserts every human member. */
  syncFromSlack(workspaceId: string): Promise<{ members: number; pages: number }>;
  /** `team_join` / `user_change`: the event carries a fresh profile. */
  applyUser(workspaceId: string, profile: SlackProfile): Promise<void>;
  /** Admin check, from the member document when checked within 5 minutes, else from `users.info`. */
  /**
   * The admin check read from Slack now (users.info), bypassing the 5-minute cache: before org
   * disconnect, handover and settings changes (DESIGN §2.1).
   */
  isAdminFresh(workspaceId: string, userId: string): Promise<boolean>;
  isAdmin(workspaceId: string, userId: string): Promise<boolean>;
  getMember(workspaceId: string, userId: string): Promise<MemberView | null>;
  /** Who is acting: the admin check (cached ≤ 5 min) and the member, in one read when the cache is fresh. */
  actor(workspaceId: string, userId: string): Promise<{ isAdmin: boolean; member: MemberView | null }>;
  /** Records that the member used the app (cheap; no read). */
  touch(workspaceId: string, userId: string): Promise<void>;
  /** Slack admins and owners of the workspace (who to alert), from the directory; at most `limit`. */
  listAdmins(workspaceId: string, limit?: number): Promise<string[]>;
  /** The member whose Slack email this is (the Slack side of a Zoom user), or null. */
  memberIdByEmail(workspaceId: string, email: string): Promise<string | null>;
}

function memberView(m: MemberDoc): MemberView {
  return {
    slackUserId: m.slackUserId,
    name: m.name,
    realName: m.realName,
    email: m.email ?? null,
    isAdmin: isSlackAdmin(m),
    deleted: m.deleted,
    locale: m.locale ?? null,
    tz: m.tz ?? null,
    optedOut: m.optedOut,
    personalStatus: m.personalStatus,
    zoomMatch: m.zoomMatch,
  };
}

/** The directory fields a Slack profile sets; the denormalised connection fields stay untouched. */
export function profileFields(profile: SlackProfile, now: Date): Partial<MemberDoc> {
  const display = profile.displayName || profile.realName || profile.name;
  const fields: Partial<MemberDoc> = {
    name: profile.name,
    realName: profile.realName ?? '',
    sortName: display.toLowerCase(),
    isAdmin: profile.isAdmin,
    isOwner: profile.isOwner,
    isPrimaryOwner: profile.isPrimaryOwner,
    enterpriseAdmin: profile.enterpriseUser?.isAdmin ?? false,
    enterpriseOwner: profile.enterpriseUser?.isOwner ?? false,
    deleted: profile.deleted,
    adminCheckedAt: now,
    updatedAt: now,
  };
  if (profile.email !== undefined) fields.email = profile.email.toLowerCase();
  if (profile.locale !== undefined) fields.locale = profile.locale;
  if (profile.tz !== undefined) fields.tz = profile.tz;
  return fields;
}

export const NEW_MEMBER_DEFAULTS = { optedOut: false, personalStatus: 'none', zoomMatch: 'unknown' } as const;

export function createDirectoryService(
  deps: CommonDeps & { models: Models; slack: SlackDirectory },
): DirectoryService {
  const { models, slack } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger = (deps.logger ?? pino({ level: 'silent' })).child({ module: 'directory' });

  /**
   * The member's write: an email that changed makes their Zoom match unknown again (the next
   * check, or the one right after a profile change, looks again), then the profile fields.
   */
  function upsertOps(workspaceId: string, profile: SlackProfile, now: Date) {
    const fields = profileFields(profile, now);
    // A profile read without the email scope says nothing about the email: no reset then.
    const reset =
      fields.email === undefined
        ? []
        : [
            {
              updateOne: {
                filter: { workspaceId, slackUserId: profile.id, email: { $ne: fields.email } },
                update: { $set: { zoomMatch: 'unknown' as const } },
              },
            },
          ];
    return [
      ...reset,
      {
        updateOne: {
          filter: { workspaceId, slackUserId: profile.id },
          update: {
            $set: fields,
            $setOnInsert: { workspaceId, slackUserId: profile.id, ...NEW_MEMBER_DEFAULTS },
          },
          upsert: true,
        },
      },
    ];
  }

  function isHuman(profile: SlackProfile): boolean {
    return profile.isBot !== true && profile.id !== 'USLACKBOT';
  }

  const service: DirectoryService = {
    async syncFromSlack(workspaceId) {
      checkWorkspaceId(workspaceId);
      let cursor: string | undefined;
      let members = 0;
      let pages = 0;
      do {
        const page = await slack.listUsers(workspaceId, cursor);
        pages += 1;
        const now = clock();
        const humans = page.users.filter(isHuman);
        const ops = humans.flatMap((p) => upsertOps(workspaceId, p, now));
        // Ordered: each member's match reset runs before the write that changes their email.
        if (ops.length > 0) await models.members.bulkWrite(ops, { ordered: true });
        members += humans.length;
        cursor = page.nextCursor || undefined;
      } while (cursor !== undefined);
      logger.info({ workspaceId, members, pages }, 'directory synced');
      return { members, pages };
    },

    async applyUser(workspaceId, profile) {
      checkWorkspaceId(workspaceId);
      checkUserId(profile.id);
      if (!isHuman(profile)) return;
      await models.members.bulkWrite(upsertOps(workspaceId, profile, clock()), { ordered: true });
    },

    async isAdmin(workspaceId, userId) {
      checkWorkspaceId(workspaceId);
      checkUserId(userId);
      const now = clock();
      const member = await models.members
        .findOne(
          { workspaceId, slackUserId: userId },
          {
            isAdmin: 1,
            isOwner: 1,
            isPrimaryOwner: 1,
            enterpriseAdmin: 1,
            enterpriseOwner: 1,
            deleted: 1,
            adminCheckedAt: 1,
          },
        )
        .lean();
      if (member?.adminCheckedAt && now.getTime() - member.adminCheckedAt.getTime() < ADMIN_CACHE_MS) {
        return isSlackAdmin(member);
      }
      return service.isAdminFresh(workspaceId, userId);
    },

    async isAdminFresh(workspaceId, userId) {
      checkWorkspaceId(workspaceId);
      checkUserId(userId);
      const now = clock();
      const profile = await slack.userInfo(workspaceId, userId);
      if (profile === null) return false;
      await models.members.bulkWrite(upsertOps(workspaceId, profile, now), { ordered: true });
      return isSlackAdmin(profileFields(profile, now));
    },

    async getMember(workspaceId, userId) {
      checkWorkspaceId(workspaceId);
      checkUserId(userId);
      const m = await models.members.findOne({ workspaceId, slackUserId: userId }).lean();
      return m ? memberView(m) : null;
    },

    async actor(workspaceId, userId) {
      checkWorkspaceId(workspaceId);
      checkUserId(userId);
      const m = await models.members.findOne({ workspaceId, slackUserId: userId }).lean();
      // One read when the cached admin flags are fresh; otherwise users.info refreshes them first.
      if (m?.adminCheckedAt && clock().getTime() - m.adminCheckedAt.getTime() < ADMIN_CACHE_MS) {
        return { isAdmin: isSlackAdmin(m), member: memberView(m) };
      }
      const isAdmin = await service.isAdmin(workspaceId, userId);
      const fresh = await models.members.findOne({ workspaceId, slackUserId: userId }).lean();
      return { isAdmin, member: fresh ? memberView(fresh) : null };
    },

    async memberIdByEmail(workspaceId, email) {
      checkWorkspaceId(workspaceId);
      const member = await models.members
        .findOne({ workspaceId, deleted: false, email: email.toLowerCase() }, { slackUserId: 1 })
        .lean();
      return member?.slackUserId ?? null;
    },

    async listAdmins(workspaceId, limit = 50) {
      checkWorkspaceId(workspaceId);
      const admins = await models.members
        .find(
          {
            workspaceId,
            deleted: false,
            $or: [
              { isAdmin: true },
              { isOwner: true },
              { isPrimaryOwner: true },
              { enterpriseAdmin: true },
              { enterpriseOwner: true },
            ],
          },
          { slackUserId: 1 },
        )
        .limit(Math.min(Math.max(limit, 1), 200))
        .lean();
      return admins.map((a) => a.slackUserId);
    },

    async touch(workspaceId, userId) {
      checkWorkspaceId(workspaceId);
      checkUserId(userId);
      await models.members.updateOne({ workspaceId, slackUserId: userId }, { $set: { lastSeenAt: clock() } });
    },
  };
  return service;
}

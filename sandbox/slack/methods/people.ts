/**
 * users.info, users.list, team.info and conversations.open: the directory of the workspace the call
 * acts in. On an org-wide token users.list needs `team_id` (its reference page: "required if org
 * token is used"); users.info and conversations.open find the person in any covered workspace.
 */
import { SlackApiError } from '../api-error.js';
import { teamObject, userObject } from '../serialize.js';
import type { Channel, JsonObject, SlackUser, Team } from '../workspace.js';
import type { MethodDeps, MethodSpec } from './support.js';
import { activity, bool, needCaller, str, teamFromArg, teamOfChannel, teamOfUser } from './support.js';

function userFor(deps: MethodDeps, team: Team, user: SlackUser, includeLocale: boolean): JsonObject {
  return userObject(user, team, {
    includeLocale,
    withEmail: team.scopes.includes('users:read.email'),
    nowMs: deps.workspace.now(),
    teamsOfUser:
      team.enterpriseId === undefined ? [team.id] : deps.workspace.teamsOfUser(team.enterpriseId, user.id),
  });
}

function imObject(channel: Channel): JsonObject {
  return {
    id: channel.id,
    created: channel.created,
    is_im: true,
    is_org_shared: false,
    user: channel.imUser,
    last_read: '0000000000.000000',
    latest: null,
    unread_count: 0,
    unread_count_display: 0,
    is_open: true,
    priority: 0,
  };
}

export const PEOPLE_METHODS: Record<string, MethodSpec> = {
  'users.info': {
    scope: 'users:read',
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const userId = str(args, 'user');
      const found = teamOfUser(deps, caller, userId);
      if (!found) throw new SlackApiError('user_not_found', userId ?? '(no user)');
      return { user: userFor(deps, found.team, found.user, bool(args, 'include_locale')) };
    },
  },

  'users.list': {
    scope: 'users:read',
    auth: true,
    run(deps, maybeCaller, args) {
      const team = teamFromArg(deps, needCaller(maybeCaller), args);
      const all = deps.workspace.users(team.id);
      const limitRaw = str(args, 'limit');
      const limit = limitRaw === undefined ? 0 : Number.parseInt(limitRaw, 10);
      if (Number.isNaN(limit) || limit < 0) throw new SlackApiError('invalid_limit', String(limitRaw));
      const pageSize = limit === 0 ? 1000 : Math.min(limit, 1000);
      const cursor = str(args, 'cursor');
      let start = 0;
      if (cursor !== undefined) {
        const decoded = Buffer.from(cursor, 'base64').toString('utf8');
        const match = /^user:(.+)$/.exec(decoded);
        start = match ? all.findIndex((u) => u.id === match[1]) : -1;
        if (start < 0) throw new SlackApiError('invalid_cursor', cursor);
      }
      const page = all.slice(start, start + pageSize);
      const next = all[start + pageSize];
      const includeLocale = bool(args, 'include_locale');
      return {
        members: page.map((u) => userFor(deps, team, u, includeLocale)),
        cache_ts: Math.floor(deps.workspace.now() / 1000),
        response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
      };
    },
  },

  'team.info': {
    scope: 'team:read',
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const home = caller.kind === 'team' ? caller.team : caller.teams[0];
      const wanted = str(args, 'team') ?? home?.id;
      const enterpriseId = caller.kind === 'team' ? caller.team.enterpriseId : caller.enterprise.id;
      const other = wanted === undefined ? undefined : deps.workspace.team(wanted);
      const visible =
        other &&
        (other.id === home?.id || (enterpriseId !== undefined && other.enterpriseId === enterpriseId));
      if (!other || !visible) throw new SlackApiError('team_not_found', wanted ?? '(no team)');
      return { team: teamObject(other) };
    },
  },

  'conversations.open': {
    scope: 'im:write',
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const channelArg = str(args, 'channel');
      const usersArg = str(args, 'users');
      let channel: Channel | undefined;
      let alreadyOpen = false;
      if (channelArg !== undefined) {
        const team = teamOfChannel(deps, caller, channelArg);
        channel = team && deps.workspace.channel(team.id, channelArg);
        if (!channel?.isIm) throw new SlackApiError('channel_not_found', channelArg);
        alreadyOpen = true;
      } else {
        if (usersArg === undefined) throw new SlackApiError('users_list_not_supplied');
        const ids = usersArg.split(',').map((s) => s.trim());
        if (ids.length > 8) throw new SlackApiError('too_many_users');
        if (ids.length > 1)
          throw new SlackApiError('method_not_supported_for_channel_type', 'group DMs are not simulated');
        const userId = ids[0] ?? '';
        const found = teamOfUser(deps, caller, userId);
        if (!found) throw new SlackApiError('user_not_found', userId);
        const { team, user } = found;
        if (user.deleted) throw new SlackApiError('user_disabled', userId);
        alreadyOpen = deps.workspace.dmChannelId(team.id, userId) !== undefined;
        channel = deps.workspace.openDm(team.id, user.id);
        if (!alreadyOpen)
          activity(deps, 'dm_opened', team.id, user.id, `DM ${channel.id} with ${user.id}`, channel.id);
      }
      if (!bool(args, 'return_im')) return { channel: { id: channel.id } };
      const body: JsonObject = { channel: imObject(channel) };
      if (alreadyOpen) Object.assign(body, { no_op: true, already_open: true });
      return body;
    },
  },
};

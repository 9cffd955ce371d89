/**
 * chat.postMessage, chat.postEphemeral, chat.update and chat.delete on the stored conversations,
 * with the errors of their reference pages (slack-methods/chat.*.json, chat.delete's method page).
 */
import { SlackApiError } from '../api-error.js';
import { messageObject } from '../serialize.js';
import type { Caller, Channel, JsonObject, Team } from '../workspace.js';
import { checkMessageContent } from './content.js';
import type { MethodDeps, MethodSpec } from './support.js';
import { activity, callerTeams, needCaller, placeName, str, teamOfChannel, teamOfUser } from './support.js';

/** chat.update: "The `text` field cannot exceed 4,000 characters." */
const UPDATE_TEXT_MAX = 4_000;

/** A channel by id, or by name (`general` / `#general`), which chat.postMessage/postEphemeral accept. */
function channelByIdOrName(
  deps: MethodDeps,
  caller: Caller,
  channelArg: string,
): { team: Team; channel: Channel } | undefined {
  const name = channelArg.replace(/^#/, '');
  for (const team of callerTeams(caller)) {
    const byId = deps.workspace.channel(team.id, channelArg);
    if (byId) return { team, channel: byId };
    const byName = deps.workspace.channels(team.id).find((c) => !c.isIm && c.name === name);
    if (byName) return { team, channel: byName };
  }
  return undefined;
}

/** A channel the bot may post to: a channel id or name, a DM id, or a user id (the bot's DM with them). */
function postableChannel(
  deps: MethodDeps,
  caller: Caller,
  channelArg: string | undefined,
): { team: Team; channel: Channel } {
  const { workspace } = deps;
  if (channelArg === undefined) throw new SlackApiError('channel_not_found', 'channel is required');
  const asUser = teamOfUser(deps, caller, channelArg);
  if (asUser && !asUser.user.isBot) {
    if (asUser.user.deleted) throw new SlackApiError('channel_not_found', `${channelArg} is deactivated`);
    return { team: asUser.team, channel: workspace.openDm(asUser.team.id, asUser.user.id) };
  }
  const found = channelByIdOrName(deps, caller, channelArg);
  if (!found) throw new SlackApiError('channel_not_found', channelArg);
  if (!found.channel.members.has(found.team.botUserId)) throw new SlackApiError('not_in_channel', channelArg);
  return found;
}

/**
 * The stored message chat.update / chat.delete act on: `channel` must be a conversation id (a DM
 * is its D… id, never the person's U… id) and `ts` one of its messages; ephemerals are not stored
 * messages, so they are `message_not_found` like Slack's.
 */
function storedMessage(
  deps: MethodDeps,
  caller: Caller,
  channelId: string | undefined,
  ts: string | undefined,
) {
  const team = teamOfChannel(deps, caller, channelId);
  const channel = team && channelId !== undefined ? deps.workspace.channel(team.id, channelId) : undefined;
  if (!team || !channel) throw new SlackApiError('channel_not_found', channelId ?? 'channel is required');
  const message = ts === undefined ? undefined : deps.workspace.findMessage(team.id, channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found', `${channel.id}/${ts ?? '(no ts)'}`);
  return { team, channel, message };
}

export const CHAT_METHODS: Record<string, MethodSpec> = {
  'chat.postMessage': {
    scope: 'chat:write',
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const { team, channel } = postableChannel(deps, caller, str(args, 'channel'));
      const content = checkMessageContent(args);
      const message = deps.workspace.postMessage(team.id, channel.id, {
        ...content,
        thread_ts: str(args, 'thread_ts'),
        via: 'api',
      });
      activity(
        deps,
        'message',
        team.id,
        channel.imUser,
        `${placeName(channel)}: ${content.text.slice(0, 80)}`,
        channel.id,
      );
      return { channel: channel.id, ts: message.ts, message: messageObject(message, team) };
    },
  },

  'chat.postEphemeral': {
    scope: 'chat:write',
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const channelId = str(args, 'channel');
      const userId = str(args, 'user');
      if (channelId === undefined) throw new SlackApiError('channel_not_found', 'channel is required');
      const found = channelByIdOrName(deps, caller, channelId);
      if (!found) throw new SlackApiError('channel_not_found', channelId);
      const { team, channel } = found;
      if (!channel.members.has(team.botUserId)) throw new SlackApiError('not_in_channel', channelId);
      const user = userId === undefined ? undefined : deps.workspace.user(team.id, userId);
      if (!user || !channel.members.has(user.id)) {
        throw new SlackApiError('user_not_in_channel', `${userId ?? '(no user)'} in ${channelId}`);
      }
      const content = checkMessageContent(args);
      const ephemeral = deps.workspace.postEphemeral(team.id, {
        channel: channel.id,
        user: user.id,
        text: content.text,
        blocks: content.blocks,
        via: 'api',
      });
      activity(
        deps,
        'ephemeral',
        team.id,
        user.id,
        `in ${channel.isIm ? 'their DM' : `#${channel.name}`}: ${content.text.slice(0, 80)}`,
        channel.id,
      );
      return { message_ts: ephemeral.ts };
    },
  },

  'chat.update': {
    scope: 'chat:write',
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const { team, channel, message } = storedMessage(deps, caller, str(args, 'channel'), str(args, 'ts'));
      if (message.bot_id !== team.botId)
        throw new SlackApiError('cant_update_message', 'not posted by this app');
      const content = checkMessageContent(args, UPDATE_TEXT_MAX);
      message.text = content.text;
      // "If you don't include this field, the message's previous blocks will be retained."
      if (args.blocks !== undefined) message.blocks = content.blocks;
      message.edited = { user: team.botUserId, ts: deps.workspace.nextTs() };
      activity(
        deps,
        'message_updated',
        team.id,
        channel.imUser,
        `${placeName(channel)} updated: ${message.text.slice(0, 80)}`,
        channel.id,
      );
      const updated: JsonObject = { text: message.text, user: message.user, bot_id: message.bot_id };
      if (message.blocks !== undefined) updated.blocks = message.blocks;
      return { channel: channel.id, ts: message.ts, text: message.text, message: updated };
    },
  },

  'chat.delete': {
    scope: 'chat:write',
    auth: true,
    run(deps, maybeCaller, args) {
      const caller = needCaller(maybeCaller);
      const { team, channel, message } = storedMessage(deps, caller, str(args, 'channel'), str(args, 'ts'));
      if (message.bot_id !== team.botId)
        throw new SlackApiError('cant_delete_message', 'not posted by this app');
      deps.workspace.deleteMessage(team.id, channel.id, message.ts);
      activity(deps, 'message_deleted', team.id, channel.imUser, `${placeName(channel)} deleted`, channel.id);
      return { channel: channel.id, ts: message.ts };
    },
  },
};

/**
 * The Web API methods the app calls, each a function of (team, args) → Slack's success body, or a
 * thrown SlackApiError. Argument names, outputs and errors follow
 * shared/reference/slack-methods/*.json; users.list and team.info follow Slack's method pages.
 */
import { z } from 'zod';
import { blockErrors, SlackApiError } from './api-error.js';
import {
  LIMITS,
  messageBlocksTextLength,
  validateMessageBlocks,
  validateView,
  viewByteSize,
} from './block-kit/index.js';
import type { Recorder } from './recorder.js';
import {
  buildView,
  messageObject,
  teamObject,
  userObject,
  viewObject,
  withGeneratedIds,
} from './serialize.js';
import type { Channel, JsonObject, ModalRecord, Team, View, Workspace } from './workspace.js';
import { OAUTH_CODE_TTL_MS, TRIGGER_TTL_MS } from './workspace.js';

export type Args = Record<string, unknown>;

export interface MethodDeps {
  workspace: Workspace;
  recorder: Recorder;
  /** When set, oauth.v2.access checks them like Slack does. */
  clientId: string | undefined;
  clientSecret: string | undefined;
}

export interface MethodSpec {
  /** The bot scope the method needs; null when none (views.*, auth.test). */
  scope: string | null;
  /** false for oauth.v2.access, which authenticates with client credentials instead of a token. */
  auth: boolean;
  run(deps: MethodDeps, team: Team | undefined, args: Args): JsonObject;
}

const MAX_PUSHED_VIEWS = 3;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(args: Args, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function bool(args: Args, name: string): boolean {
  const value = args[name];
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** Form bodies carry JSON arguments as strings; JSON bodies carry them as values. */
function jsonArg(args: Args, name: string, error: string): unknown {
  const value = args[name];
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackApiError(error, `${name} is not valid JSON`);
  }
}

const blocksSchema = z.array(z.record(z.string(), z.unknown()));

function parseBlocks(args: Args): JsonObject[] | undefined {
  const raw = jsonArg(args, 'blocks', 'invalid_blocks_format');
  if (raw === undefined || raw === null) return undefined;
  const parsed = blocksSchema.safeParse(raw);
  if (!parsed.success) throw new SlackApiError('invalid_blocks_format', 'blocks must be an array of objects');
  return parsed.data;
}

/** Message content checks shared by chat.* and response_url; returns normalised blocks. */
export function checkMessageContent(args: Args): { text: string; blocks: JsonObject[] | undefined } {
  const blocks = parseBlocks(args);
  const text = str(args, 'text') ?? '';
  const attachments = jsonArg(args, 'attachments', 'invalid_attachments');
  if (text === '' && (blocks === undefined || blocks.length === 0) && !Array.isArray(attachments)) {
    throw new SlackApiError('no_text', 'text, blocks or attachments is required');
  }
  if (text.length > LIMITS.messageText)
    throw new SlackApiError('msg_too_long', `text is ${text.length} characters`);
  if (blocks !== undefined) {
    const problems = validateMessageBlocks(blocks);
    if (problems.length > 0) throw blockErrors('invalid_blocks', problems);
    const total = messageBlocksTextLength(blocks);
    if (total > LIMITS.messageBlocksText) {
      throw new SlackApiError('msg_blocks_too_long', `blocks hold ${total} characters of text`);
    }
  }
  return { text, blocks: blocks === undefined ? undefined : withGeneratedIds(blocks) };
}

function checkView(raw: unknown, type: 'modal' | 'home'): JsonObject {
  if (!isObject(raw)) {
    throw blockErrors('invalid_arguments', ['[ERROR] missing required field: view [json-pointer:/view]']);
  }
  if (viewByteSize(raw) > LIMITS.viewBytes) {
    throw new SlackApiError('view_too_large', `view is ${viewByteSize(raw)} bytes`);
  }
  const problems = validateView(raw, type);
  if (problems.length > 0) throw blockErrors('invalid_arguments', problems);
  return raw;
}

/** Parses and checks a modal given by an app in a views.* call or a `response_action`. */
export function checkModalView(raw: unknown): JsonObject {
  return checkView(raw, 'modal');
}

function needTeam(team: Team | undefined): Team {
  if (!team) throw new SlackApiError('not_authed');
  return team;
}

/** A channel by id, or by name (`general` / `#general`), which chat.postMessage/postEphemeral accept. */
function channelByIdOrName(deps: MethodDeps, team: Team, channelArg: string): Channel | undefined {
  const byId = deps.workspace.channel(team.id, channelArg);
  if (byId) return byId;
  const name = channelArg.replace(/^#/, '');
  return deps.workspace.channels(team.id).find((c) => !c.isIm && c.name === name);
}

/** A channel the bot may post to: a channel id or name, a DM id, or a user id (the bot's DM with them). */
function postableChannel(deps: MethodDeps, team: Team, channelArg: string | undefined): Channel {
  const { workspace } = deps;
  if (channelArg === undefined) throw new SlackApiError('channel_not_found', 'channel is required');
  const asUser = workspace.user(team.id, channelArg);
  if (asUser && !asUser.isBot) {
    if (asUser.deleted) throw new SlackApiError('channel_not_found', `${channelArg} is deactivated`);
    return workspace.openDm(team.id, asUser.id);
  }
  const channel = channelByIdOrName(deps, team, channelArg);
  if (!channel) throw new SlackApiError('channel_not_found', channelArg);
  if (!channel.members.has(team.botUserId)) throw new SlackApiError('not_in_channel', channelArg);
  return channel;
}

function consumeTrigger(deps: MethodDeps, team: Team, triggerId: string | undefined) {
  if (triggerId === undefined) {
    throw blockErrors('invalid_arguments', [
      '[ERROR] missing required field: trigger_id [json-pointer:/trigger_id]',
    ]);
  }
  const trigger = deps.workspace.trigger(triggerId);
  if (!trigger || trigger.teamId !== team.id)
    throw new SlackApiError('invalid_trigger_id', triggerId.slice(0, 24));
  if (trigger.used) throw new SlackApiError('exchanged_trigger_id', 'trigger_id already used');
  const age = deps.workspace.now() - trigger.issuedAt;
  if (age > TRIGGER_TTL_MS) throw new SlackApiError('expired_trigger_id', `trigger_id is ${age} ms old`);
  trigger.used = true;
  return trigger;
}

function identity(deps: MethodDeps, team: Team, id: string, root: string, previous: string | null) {
  return {
    id,
    teamId: team.id,
    appId: deps.workspace.appId,
    botId: team.botId,
    rootViewId: root,
    previousViewId: previous,
    hash: deps.workspace.viewHash(),
  };
}

/**
 * Keeps what the user typed where the same input block_id/action_id (and element type) survives an
 * update, like Slack ("data entered or selected in input blocks can be preserved"); other
 * stateful elements start again from the new view's initial values.
 */
function carryState(previous: View, next: View): void {
  const inputs = new Set(next.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  for (const [blockId, actions] of Object.entries(next.state.values)) {
    if (!inputs.has(blockId)) continue;
    for (const [actionId, fresh] of Object.entries(actions)) {
      const kept = previous.state.values[blockId]?.[actionId];
      if (kept && kept.type === fresh.type) actions[actionId] = kept;
    }
  }
}

/** Replaces a view in place (views.update, `response_action: update`): same id, new hash. */
export function replaceView(deps: MethodDeps, team: Team, current: View, input: JsonObject): View {
  const next = buildView(
    input,
    current.type,
    identity(deps, team, current.id, current.root_view_id, current.previous_view_id),
  );
  carryState(current, next);
  return next;
}

/** Opens a modal on top of a user's stack (views.push, `response_action: push`). */
export function pushModal(deps: MethodDeps, team: Team, userId: string, input: JsonObject): View {
  const stack = deps.workspace.modalStack(team.id, userId);
  const top = stack.at(-1);
  if (!top) throw new SlackApiError('not_found', 'no open modal to push onto');
  if (stack.length >= MAX_PUSHED_VIEWS)
    throw new SlackApiError('push_limit_reached', `${stack.length} views open`);
  const root = stack[0]?.view.id ?? top.view.id;
  const view = buildView(
    input,
    'modal',
    identity(deps, team, deps.workspace.nextViewId(), root, top.view.id),
  );
  deps.workspace.setModalStack(team.id, userId, [...stack, { view, user: userId, errors: undefined }]);
  return view;
}

function activity(deps: MethodDeps, kind: string, team: Team, user: string | undefined, summary: string) {
  deps.recorder.activity(kind, team.id, user, summary);
}

export const METHODS: Record<string, MethodSpec> = {
  'api.test': {
    scope: null,
    auth: false,
    run: (_deps, _team, args) => ({
      args: Object.fromEntries(Object.entries(args).filter(([k]) => k !== 'token')),
    }),
  },

  'auth.test': {
    scope: null,
    auth: true,
    run(_deps, maybeTeam) {
      const team = needTeam(maybeTeam);
      const body: JsonObject = {
        url: `https://${team.domain}.slack.com/`,
        team: team.name,
        user: team.botName,
        team_id: team.id,
        user_id: team.botUserId,
        bot_id: team.botId,
        is_enterprise_install: false,
      };
      if (team.enterpriseId !== undefined) body.enterprise_id = team.enterpriseId;
      return body;
    },
  },

  'chat.postMessage': {
    scope: 'chat:write',
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const channel = postableChannel(deps, team, str(args, 'channel'));
      const content = checkMessageContent(args);
      const threadTs = str(args, 'thread_ts');
      const message = deps.workspace.postMessage(team.id, channel.id, {
        ...content,
        thread_ts: threadTs,
        via: 'api',
      });
      activity(
        deps,
        'message',
        team,
        channel.imUser,
        `message in ${channel.id}: ${content.text.slice(0, 80)}`,
      );
      return { channel: channel.id, ts: message.ts, message: messageObject(message, team) };
    },
  },

  'chat.postEphemeral': {
    scope: 'chat:write',
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const channelId = str(args, 'channel');
      const userId = str(args, 'user');
      if (channelId === undefined) throw new SlackApiError('channel_not_found', 'channel is required');
      const channel = channelByIdOrName(deps, team, channelId);
      if (!channel) throw new SlackApiError('channel_not_found', channelId);
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
      activity(deps, 'ephemeral', team, user.id, `ephemeral to ${user.id}: ${content.text.slice(0, 80)}`);
      return { message_ts: ephemeral.ts };
    },
  },

  'chat.update': {
    scope: 'chat:write',
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const channelId = str(args, 'channel');
      const ts = str(args, 'ts');
      const channel = channelId === undefined ? undefined : deps.workspace.channel(team.id, channelId);
      if (!channel) throw new SlackApiError('channel_not_found', channelId ?? 'channel is required');
      const message = ts === undefined ? undefined : deps.workspace.findMessage(team.id, channel.id, ts);
      if (!message) throw new SlackApiError('message_not_found', `${channel.id}/${ts ?? '(no ts)'}`);
      if (message.bot_id !== team.botId)
        throw new SlackApiError('cant_update_message', 'not posted by this app');
      const content = checkMessageContent(args);
      message.text = content.text;
      if (content.blocks !== undefined || args.blocks !== undefined) message.blocks = content.blocks;
      message.edited = { user: team.botUserId, ts: deps.workspace.nextTs() };
      activity(deps, 'message_updated', team, channel.imUser, `updated ${channel.id}/${message.ts}`);
      const updated: JsonObject = { text: message.text, user: message.user, bot_id: message.bot_id };
      if (message.blocks !== undefined) updated.blocks = message.blocks;
      return { channel: channel.id, ts: message.ts, text: message.text, message: updated };
    },
  },

  'conversations.open': {
    scope: 'im:write',
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const channelArg = str(args, 'channel');
      const usersArg = str(args, 'users');
      let channel: Channel | undefined;
      let alreadyOpen = false;
      if (channelArg !== undefined) {
        channel = deps.workspace.channel(team.id, channelArg);
        if (!channel?.isIm) throw new SlackApiError('channel_not_found', channelArg);
        alreadyOpen = true;
      } else {
        if (usersArg === undefined) throw new SlackApiError('users_list_not_supplied');
        const ids = usersArg.split(',').map((s) => s.trim());
        if (ids.length > 8) throw new SlackApiError('too_many_users');
        if (ids.length > 1) {
          throw new SlackApiError('method_not_supported_for_channel_type', 'group DMs are not simulated');
        }
        const userId = ids[0] ?? '';
        const user = deps.workspace.user(team.id, userId);
        if (!user) throw new SlackApiError('user_not_found', userId);
        if (user.deleted) throw new SlackApiError('user_disabled', userId);
        alreadyOpen = deps.workspace.dmChannelId(team.id, userId) !== undefined;
        channel = deps.workspace.openDm(team.id, user.id);
        if (!alreadyOpen) activity(deps, 'dm_opened', team, user.id, `DM ${channel.id} with ${user.id}`);
      }
      if (!bool(args, 'return_im')) return { channel: { id: channel.id } };
      const body: JsonObject = {
        channel: {
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
        },
      };
      if (alreadyOpen) Object.assign(body, { no_op: true, already_open: true });
      return body;
    },
  },

  'views.open': {
    scope: null,
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const input = checkModalView(jsonArg(args, 'view', 'invalid_arguments'));
      const trigger = consumeTrigger(
        deps,
        team,
        str(args, 'trigger_id') ?? str(args, 'interactivity_pointer'),
      );
      const id = deps.workspace.nextViewId();
      const view = buildView(input, 'modal', identity(deps, team, id, id, null));
      const record: ModalRecord = { view, user: trigger.userId, errors: undefined };
      deps.workspace.setModalStack(team.id, trigger.userId, [record]);
      activity(deps, 'modal_opened', team, trigger.userId, `modal ${id} (${view.callback_id})`);
      return { view: viewObject(view) };
    },
  },

  'views.push': {
    scope: null,
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const input = checkModalView(jsonArg(args, 'view', 'invalid_arguments'));
      const trigger = consumeTrigger(
        deps,
        team,
        str(args, 'trigger_id') ?? str(args, 'interactivity_pointer'),
      );
      const view = pushModal(deps, team, trigger.userId, input);
      activity(deps, 'modal_pushed', team, trigger.userId, `modal ${view.id} (${view.callback_id})`);
      return { view: viewObject(view) };
    },
  },

  'views.update': {
    scope: null,
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const viewId = str(args, 'view_id');
      const externalId = str(args, 'external_id');
      if (viewId === undefined && externalId === undefined) {
        throw blockErrors('invalid_arguments', ['[ERROR] missing required field: view_id or external_id']);
      }
      const raw = jsonArg(args, 'view', 'invalid_arguments');
      let located: { userId: string; type: 'modal' | 'home' } | undefined;
      if (viewId !== undefined) {
        const where = deps.workspace.locateView(viewId);
        if (where && where.teamId === team.id) located = where;
      } else if (externalId !== undefined) {
        const found = deps.workspace.findModalByExternalId(team.id, externalId);
        if (found) located = { userId: found.userId, type: 'modal' };
      }
      if (!located) throw new SlackApiError('not_found', viewId ?? externalId ?? '');
      const input = checkView(raw, located.type);
      const hash = str(args, 'hash');
      if (located.type === 'home') {
        const current = deps.workspace.home(team.id, located.userId);
        if (!current) throw new SlackApiError('not_found', viewId ?? '');
        if (hash !== undefined && hash !== current.hash)
          throw new SlackApiError('hash_conflict', viewId ?? '');
        const next = replaceView(deps, team, current, input);
        deps.workspace.setHome(team.id, located.userId, next);
        activity(deps, 'home_updated', team, located.userId, `home ${next.id} updated`);
        return { view: viewObject(next) };
      }
      const stack = deps.workspace.modalStack(team.id, located.userId);
      const index = stack.findIndex((r) =>
        viewId !== undefined ? r.view.id === viewId : r.view.external_id === externalId,
      );
      const record = stack[index];
      if (!record) throw new SlackApiError('not_found', viewId ?? externalId ?? '');
      if (hash !== undefined && hash !== record.view.hash)
        throw new SlackApiError('hash_conflict', record.view.id);
      const next = replaceView(deps, team, record.view, input);
      const updated = [...stack];
      updated[index] = { view: next, user: located.userId, errors: undefined };
      deps.workspace.setModalStack(team.id, located.userId, updated);
      activity(deps, 'modal_updated', team, located.userId, `modal ${next.id} (${next.callback_id}) updated`);
      return { view: viewObject(next) };
    },
  },

  'views.publish': {
    scope: null,
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const userId = str(args, 'user_id');
      const user = userId === undefined ? undefined : deps.workspace.user(team.id, userId);
      if (!user || user.isBot) throw blockErrors('invalid_arguments', ['invalid `user_id`']);
      const input = checkView(jsonArg(args, 'view', 'invalid_arguments'), 'home');
      const current = deps.workspace.home(team.id, user.id);
      const hash = str(args, 'hash');
      if (current && hash !== undefined && hash !== current.hash)
        throw new SlackApiError('hash_conflict', current.id);
      const id = current?.id ?? deps.workspace.nextViewId();
      const view = current
        ? replaceView(deps, team, current, input)
        : buildView(input, 'home', identity(deps, team, id, id, null));
      deps.workspace.setHome(team.id, user.id, view);
      activity(deps, 'home_published', team, user.id, `home ${view.id} published`);
      return { view: viewObject(view) };
    },
  },

  'users.info': {
    scope: 'users:read',
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const userId = str(args, 'user');
      const user = userId === undefined ? undefined : deps.workspace.user(team.id, userId);
      if (!user) throw new SlackApiError('user_not_found', userId ?? '(no user)');
      const withEmail = team.scopes.includes('users:read.email');
      return {
        user: userObject(user, team, {
          includeLocale: bool(args, 'include_locale'),
          withEmail,
          nowMs: deps.workspace.now(),
        }),
      };
    },
  },

  'users.list': {
    scope: 'users:read',
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
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
      const withEmail = team.scopes.includes('users:read.email');
      const includeLocale = bool(args, 'include_locale');
      return {
        members: page.map((u) =>
          userObject(u, team, { includeLocale, withEmail, nowMs: deps.workspace.now() }),
        ),
        cache_ts: Math.floor(deps.workspace.now() / 1000),
        response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
      };
    },
  },

  'team.info': {
    scope: 'team:read',
    auth: true,
    run(deps, maybeTeam, args) {
      const team = needTeam(maybeTeam);
      const wanted = str(args, 'team');
      if (wanted !== undefined && wanted !== team.id) {
        const other = deps.workspace.team(wanted);
        if (!other || other.enterpriseId === undefined || other.enterpriseId !== team.enterpriseId) {
          throw new SlackApiError('team_not_found', wanted);
        }
        return { team: teamObject(other) };
      }
      return { team: teamObject(team) };
    },
  },

  'oauth.v2.access': {
    scope: null,
    auth: false,
    run(deps, _team, args) {
      const clientId = str(args, 'client_id');
      const clientSecret = str(args, 'client_secret');
      if (clientId === undefined) throw new SlackApiError('invalid_client_id', 'client_id is required');
      if (deps.clientId !== undefined && clientId !== deps.clientId)
        throw new SlackApiError('invalid_client_id');
      if (deps.clientSecret !== undefined && clientSecret !== deps.clientSecret) {
        throw new SlackApiError('bad_client_secret');
      }
      const grant = str(args, 'grant_type') ?? 'authorization_code';
      if (grant !== 'authorization_code') throw new SlackApiError('invalid_grant_type', grant);
      const codeArg = str(args, 'code');
      const code = codeArg === undefined ? undefined : deps.workspace.oauthCode(codeArg);
      if (!code || code.used)
        throw new SlackApiError('invalid_code', code?.used ? 'code already used' : 'unknown code');
      if (deps.workspace.now() - code.issuedAt > OAUTH_CODE_TTL_MS)
        throw new SlackApiError('invalid_code', 'code expired');
      const redirectUri = str(args, 'redirect_uri');
      if (code.redirectUri !== undefined && redirectUri !== undefined && redirectUri !== code.redirectUri) {
        throw new SlackApiError('bad_redirect_uri', redirectUri);
      }
      code.used = true;
      const team = deps.workspace.install(code.teamId);
      deps.recorder.activity('app_installed', team.id, code.userId, `installed by ${code.userId}`);
      return {
        app_id: deps.workspace.appId,
        authed_user: { id: code.userId },
        scope: team.scopes.join(','),
        token_type: 'bot',
        access_token: team.botToken,
        bot_user_id: team.botUserId,
        team: { id: team.id, name: team.name },
        enterprise:
          team.enterpriseId === undefined ? null : { id: team.enterpriseId, name: team.enterpriseName ?? '' },
        is_enterprise_install: false,
      };
    },
  },
};

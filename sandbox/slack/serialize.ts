/**
 * Slack's wire shapes for the simulated workspace's objects (users, teams, views, messages) and
 * the normalisation Slack applies to what an app sends (generated block_id / action_id).
 */
import { randomBytes } from 'node:crypto';
import { initialStateValues } from './element-state.js';
import { timeZoneLabel, timeZoneOffsetSeconds } from './time-zones.js';
import type { JsonObject, Message, SlackUser, Team, View, ViewContext } from './workspace.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function shortId(): string {
  return randomBytes(4)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 5);
}

/** Slack fills in a random block_id / action_id where the app gave none; state.values uses them. */
export function withGeneratedIds(blocks: unknown[]): JsonObject[] {
  return blocks.filter(isObject).map((block) => {
    const copy: JsonObject = { ...block };
    if (copy.block_id === undefined) copy.block_id = shortId();
    const fill = (element: unknown): unknown => {
      if (!isObject(element) || element.type === 'image' || element.type === undefined) return element;
      if (typeof element.type === 'string' && (element.type === 'mrkdwn' || element.type === 'plain_text')) {
        return element;
      }
      return element.action_id === undefined ? { ...element, action_id: shortId() } : element;
    };
    if (Array.isArray(copy.elements) && copy.type === 'actions') copy.elements = copy.elements.map(fill);
    if (copy.accessory !== undefined) copy.accessory = fill(copy.accessory);
    if (copy.element !== undefined) copy.element = fill(copy.element);
    return copy;
  });
}

export function userObject(
  user: SlackUser,
  team: Team,
  opts: { includeLocale: boolean; withEmail: boolean; nowMs: number; teamsOfUser?: string[] },
) {
  const [first, ...rest] = user.realName.split(' ');
  const profile: JsonObject = {
    avatar_hash: 'g000000000000',
    status_text: '',
    status_emoji: '',
    real_name: user.realName,
    display_name: user.isBot ? '' : user.name,
    real_name_normalized: user.realName,
    display_name_normalized: user.isBot ? '' : user.name,
    first_name: first ?? '',
    last_name: rest.join(' '),
    ...avatarImages(),
    team: team.id,
  };
  if (user.isBot) {
    profile.bot_id = team.botId;
    profile.api_app_id = '';
    profile.always_active = true;
  } else if (opts.withEmail && user.email !== undefined) {
    profile.email = user.email;
  }
  const object: JsonObject = {
    id: user.id,
    team_id: team.id,
    name: user.name,
    deleted: user.deleted,
    color: '9f69e7',
    real_name: user.realName,
    tz: user.tz,
    tz_label: timeZoneLabel(user.tz, opts.nowMs),
    tz_offset: timeZoneOffsetSeconds(user.tz, opts.nowMs),
    profile,
    is_admin: user.isAdmin,
    is_owner: user.isOwner,
    is_primary_owner: user.isPrimaryOwner,
    is_restricted: user.isRestricted,
    is_ultra_restricted: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: user.updated,
    has_2fa: false,
    is_email_confirmed: !user.isBot,
    who_can_share_contact_card: 'EVERYONE',
  };
  if (team.enterpriseId !== undefined) {
    object.enterprise_user = {
      id: user.id,
      enterprise_id: team.enterpriseId,
      enterprise_name: team.enterpriseName ?? '',
      is_admin: user.enterpriseUser?.is_admin ?? false,
      is_owner: user.enterpriseUser?.is_owner ?? false,
      is_primary_owner: user.enterpriseUser?.is_primary_owner ?? false,
      teams: opts.teamsOfUser ?? [team.id],
    };
  }
  if (opts.includeLocale) object.locale = user.locale;
  return object;
}

function avatarImages(): JsonObject {
  const url = (size: string) => `https://a.slack-edge.com/80588/img/avatars/user_shapes/ava_0001-${size}.png`;
  return {
    image_original: url('512'),
    image_24: url('24'),
    image_32: url('32'),
    image_48: url('48'),
    image_72: url('72'),
    image_192: url('192'),
    image_512: url('512'),
  };
}

export function teamObject(team: Team): JsonObject {
  const object: JsonObject = {
    id: team.id,
    name: team.name,
    url: `https://${team.domain}.slack.com/`,
    domain: team.domain,
    email_domain: '',
    icon: { image_default: true, image_34: '', image_44: '', image_68: '', image_88: '', image_102: '' },
    avatar_base_url: 'https://ca.slack-edge.com/',
    is_verified: false,
  };
  if (team.enterpriseId !== undefined) {
    object.enterprise_id = team.enterpriseId;
    object.enterprise_name = team.enterpriseName ?? '';
  }
  return object;
}

export function messageObject(message: Message, team?: Team): JsonObject {
  const object: JsonObject = { type: 'message' };
  if (message.bot_id !== undefined) Object.assign(object, { subtype: 'bot_message' });
  Object.assign(object, { text: message.text, user: message.user });
  if (message.bot_id !== undefined) Object.assign(object, { bot_id: message.bot_id, app_id: message.app_id });
  Object.assign(object, { team: message.team, ts: message.ts });
  if (team !== undefined && message.bot_id !== undefined) {
    object.bot_profile = {
      id: team.botId,
      app_id: message.app_id,
      name: team.botName,
      icons: { image_36: '', image_48: '', image_72: '' },
      deleted: false,
      updated: Math.floor(Number(message.ts)),
      team_id: team.id,
    };
  }
  if (message.blocks !== undefined) object.blocks = message.blocks;
  if (message.thread_ts !== undefined) object.thread_ts = message.thread_ts;
  if (message.edited !== undefined) object.edited = message.edited;
  return object;
}

/** The view as Slack returns it from views.* and sends it in interaction payloads. */
export function viewObject(view: View): JsonObject {
  const { context: _context, ...slackFields } = view;
  return { ...slackFields, state: { values: view.state.values } };
}

export interface ViewIdentity {
  id: string;
  teamId: string;
  appId: string;
  botId: string;
  rootViewId: string;
  previousViewId: string | null;
  hash: string;
}

/** Builds Slack's stored view from an app's (already validated) view JSON. */
export function buildView(
  input: JsonObject,
  type: 'modal' | 'home',
  identity: ViewIdentity,
  context: ViewContext | undefined,
): View {
  const text = (v: unknown): JsonObject | null => (isObject(v) ? v : null);
  const blocks = Array.isArray(input.blocks) ? withGeneratedIds(input.blocks) : [];
  return {
    id: identity.id,
    team_id: identity.teamId,
    type,
    title: text(input.title),
    submit: text(input.submit),
    close: text(input.close),
    blocks,
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    external_id: typeof input.external_id === 'string' ? input.external_id : '',
    state: { values: initialStateValues(blocks, context) },
    hash: identity.hash,
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    root_view_id: identity.rootViewId,
    previous_view_id: identity.previousViewId,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
    context,
  };
}

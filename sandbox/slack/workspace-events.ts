/**
 * Events that change the workspace before they are delivered, as in Slack: `team_join` adds the
 * user, `user_change` patches them, `app_uninstalled` / `tokens_revoked` revoke the bot token,
 * and `app_home_opened` gets the fields Slack always sends (the DM channel, the tab, the view).
 */
import { ActorError } from './actor-error.js';
import { eventUser } from './payloads.js';
import type { SeedUser } from './seed.js';
import { viewObject } from './serialize.js';
import type { JsonObject, SlackUser, Team, Workspace } from './workspace.js';

/** The workspaces a Grid user belongs to (enterprise_user.teams). */
function teamsOf(workspace: Workspace, team: Team, user: SlackUser): string[] {
  return team.enterpriseId === undefined ? [team.id] : workspace.teamsOfUser(team.enterpriseId, user.id);
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `email` / `real_name` of a user given either in the seed shape or in Slack's own user shape,
 * where they live in `profile`.
 */
function flattenProfile(user: JsonObject): JsonObject {
  const profile = isObject(user.profile) ? user.profile : {};
  const flat: JsonObject = {};
  const email = user.email ?? profile.email;
  const realName = user.real_name ?? profile.real_name;
  if (typeof email === 'string') flat.email = email;
  if (typeof realName === 'string') flat.real_name = realName;
  return flat;
}

/** A team_join user (seed shape or Slack's user object) as a seed user; the name defaults from the id. */
function seedFromSlackUser(user: JsonObject): SeedUser {
  const profile = isObject(user.profile) ? user.profile : {};
  const id = typeof user.id === 'string' ? user.id : '';
  const name =
    typeof user.name === 'string' && user.name !== ''
      ? user.name
      : typeof profile.display_name === 'string' && profile.display_name !== ''
        ? profile.display_name
        : id.replace(/^[UW]_?/, '').toLowerCase() || id;
  const known = [
    'is_admin',
    'is_owner',
    'is_primary_owner',
    'is_restricted',
    'deleted',
    'locale',
    'tz',
    'enterprise_user',
  ] as const;
  const seed: JsonObject = { id, name, ...flattenProfile(user) };
  for (const key of known) if (user[key] !== undefined) seed[key] = user[key];
  return seed as SeedUser;
}

export function applyEventToWorkspace(
  workspace: Workspace,
  team: Team,
  input: JsonObject,
  userOf: (teamId: string, userId: string) => SlackUser,
): JsonObject {
  const type = input.type;
  if (typeof type !== 'string') throw new ActorError('event.type is required');
  if (type === 'app_home_opened') {
    // Slack always says which DM the Home belongs to and, on the Home tab, which view is shown.
    if (typeof input.user !== 'string')
      throw new ActorError('app_home_opened: event.user (a user id) is required');
    const user = userOf(team.id, input.user);
    const tab = typeof input.tab === 'string' ? input.tab : 'home';
    const event: JsonObject = { ...input, tab };
    if (typeof event.channel !== 'string') event.channel = workspace.openDm(team.id, user.id).id;
    const home = workspace.home(team.id, user.id);
    if (tab === 'home' && home && event.view === undefined) event.view = viewObject(home);
    return event;
  }
  if (type === 'team_join' && isObject(input.user)) {
    const seed = seedFromSlackUser(input.user);
    const existing = typeof seed.id === 'string' ? workspace.user(team.id, seed.id) : undefined;
    const user = existing ?? workspace.addUser(team.id, seed);
    return { ...input, user: eventUser(user, team, workspace.now(), teamsOf(workspace, team, user)) };
  }
  if (type === 'user_change' && isObject(input.user) && typeof input.user.id === 'string') {
    const current = workspace.user(team.id, input.user.id);
    if (!current) throw new ActorError(`user_change: unknown user ${input.user.id}`);
    const patch = { ...input.user, ...flattenProfile(input.user) };
    const user = workspace.updateUser(team.id, current.id, {
      ...(typeof patch.name === 'string' ? { name: patch.name } : {}),
      ...(typeof patch.real_name === 'string' ? { realName: patch.real_name } : {}),
      ...(typeof patch.email === 'string' ? { email: patch.email } : {}),
      ...(typeof patch.is_admin === 'boolean' ? { isAdmin: patch.is_admin } : {}),
      ...(typeof patch.is_owner === 'boolean' ? { isOwner: patch.is_owner } : {}),
      ...(typeof patch.is_primary_owner === 'boolean' ? { isPrimaryOwner: patch.is_primary_owner } : {}),
      ...(typeof patch.is_restricted === 'boolean' ? { isRestricted: patch.is_restricted } : {}),
      ...(typeof patch.deleted === 'boolean' ? { deleted: patch.deleted } : {}),
      ...(typeof patch.locale === 'string' ? { locale: patch.locale } : {}),
      ...(typeof patch.tz === 'string' ? { tz: patch.tz } : {}),
    });
    return {
      ...input,
      user: eventUser(user, team, workspace.now(), teamsOf(workspace, team, user)),
      cache_ts: Math.floor(workspace.now() / 1000),
    };
  }
  if (type === 'app_uninstalled') {
    if (team.installed) workspace.revokeBotToken(team.id);
    return { type };
  }
  if (type === 'tokens_revoked') {
    const botUserId = team.botUserId;
    if (team.installed) workspace.revokeBotToken(team.id);
    return isObject(input.tokens) ? input : { type, tokens: { oauth: [], bot: [botUserId] } };
  }
  return input;
}

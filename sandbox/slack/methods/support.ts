/**
 * What every Web API method shares: its spec (scope, auth), argument readers that accept form and
 * JSON bodies alike, and finding the workspace a call acts in. A workspace token acts in its one
 * team; an org-wide token (Enterprise Grid) in every workspace it was added to, so the method
 * finds the workspace from what it is given (a channel, a user, a trigger, or `team_id`).
 */
import { SlackApiError } from '../api-error.js';
import type { Recorder } from '../recorder.js';
import type { Caller, Channel, JsonObject, SlackUser, Team, Workspace } from '../workspace.js';

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
  run(deps: MethodDeps, caller: Caller | undefined, args: Args): JsonObject;
}

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function str(args: Args, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function bool(args: Args, name: string): boolean {
  const value = args[name];
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** Form bodies carry JSON arguments as strings; JSON bodies carry them as values. */
export function jsonArg(args: Args, name: string, error: string): unknown {
  const value = args[name];
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackApiError(error, `${name} is not valid JSON`);
  }
}

export function needCaller(caller: Caller | undefined): Caller {
  if (!caller) throw new SlackApiError('not_authed');
  return caller;
}

export function callerTeams(caller: Caller): Team[] {
  return caller.kind === 'team' ? [caller.team] : caller.teams;
}

/** The workspace holding `channelId` (for a workspace token: its own, whether or not it holds it). */
export function teamOfChannel(
  deps: MethodDeps,
  caller: Caller,
  channelId: string | undefined,
): Team | undefined {
  if (caller.kind === 'team') return caller.team;
  if (channelId === undefined) return undefined;
  return caller.teams.find((t) => deps.workspace.channel(t.id, channelId) !== undefined);
}

/** The first workspace of the caller where `userId` is a member. */
export function teamOfUser(
  deps: MethodDeps,
  caller: Caller,
  userId: string | undefined,
): { team: Team; user: SlackUser } | undefined {
  if (userId === undefined) return undefined;
  for (const team of callerTeams(caller)) {
    const user = deps.workspace.user(team.id, userId);
    if (user) return { team, user };
  }
  return undefined;
}

/**
 * `team_id`, which Slack requires of an org-wide token on the methods that list a workspace's
 * content (users.list: "required if org token is used"); a workspace token's is ignored.
 */
export function teamFromArg(deps: MethodDeps, caller: Caller, args: Args): Team {
  if (caller.kind === 'team') return caller.team;
  const teamId = str(args, 'team_id');
  if (teamId === undefined)
    throw new SlackApiError('missing_argument', 'team_id is required with an org-wide token');
  const team = caller.teams.find((t) => t.id === teamId);
  if (team) return team;
  const known = deps.workspace.team(teamId);
  if (known?.enterpriseId === caller.enterprise.id)
    throw new SlackApiError('team_access_not_granted', `the app was not added to ${teamId}`);
  throw new SlackApiError('team_not_found', teamId);
}

export function activity(
  deps: MethodDeps,
  kind: string,
  teamId: string,
  user: string | undefined,
  summary: string,
  channel?: string,
): void {
  deps.recorder.activity(kind, teamId, user, summary, channel);
}

/** How activity names a message's place: `post in #general`, or `DM to U…`. */
export function placeName(channel: Channel): string {
  return channel.isIm ? `DM to ${channel.imUser ?? '?'}` : `post in #${channel.name}`;
}

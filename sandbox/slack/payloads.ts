/** The bodies Slack sends to the app's request URL, shaped like Slack's (commands, interactivity, events). */
import { randomBytes } from 'node:crypto';
import { userObject, viewObject } from './serialize.js';
import type { Channel, JsonObject, SlackUser, Team, View } from './workspace.js';

/** Slack still sends the deprecated verification token; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'sandbox-verification-token';

export function teamRef(team: Team): JsonObject {
  const ref: JsonObject = { id: team.id, domain: team.domain };
  if (team.enterpriseId !== undefined) {
    ref.enterprise_id = team.enterpriseId;
    ref.enterprise_name = team.enterpriseName ?? '';
  }
  return ref;
}

export function enterpriseRef(team: Team): JsonObject | null {
  return team.enterpriseId === undefined ? null : { id: team.enterpriseId, name: team.enterpriseName ?? '' };
}

export function userRef(user: SlackUser): JsonObject {
  return { id: user.id, username: user.name, name: user.name, team_id: user.teamId };
}

export function commandFields(input: {
  team: Team;
  user: SlackUser;
  channel: Channel;
  appId: string;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}): Record<string, string> {
  const { team, user, channel } = input;
  const fields: Record<string, string> = {
    token: VERIFICATION_TOKEN,
    team_id: team.id,
    team_domain: team.domain,
  };
  if (team.enterpriseId !== undefined) {
    fields.enterprise_id = team.enterpriseId;
    fields.enterprise_name = team.enterpriseName ?? '';
  }
  Object.assign(fields, {
    channel_id: channel.id,
    channel_name: channel.isIm ? 'directmessage' : channel.name,
    user_id: user.id,
    user_name: user.name,
    command: input.command,
    text: input.text,
    api_app_id: input.appId,
    is_enterprise_install: String(team.orgWide),
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  });
  return fields;
}

interface InteractionBase {
  team: Team;
  user: SlackUser;
  appId: string;
  triggerId: string;
}

export function blockActionsPayload(
  input: InteractionBase & {
    actions: JsonObject[];
    source:
      | { kind: 'view'; view: View }
      | {
          kind: 'message';
          channel: Channel;
          messageTs: string;
          isEphemeral: boolean;
          message: JsonObject | undefined;
          responseUrl: string;
          /** The message's `state.values` (every stateful element), default empty. */
          state?: Record<string, Record<string, JsonObject>>;
        };
  },
): JsonObject {
  const payload: JsonObject = {
    type: 'block_actions',
    user: userRef(input.user),
    api_app_id: input.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    team: teamRef(input.team),
    enterprise: enterpriseRef(input.team),
    is_enterprise_install: input.team.orgWide,
  };
  const source = input.source;
  if (source.kind === 'view') {
    payload.container = { type: 'view', view_id: source.view.id };
    payload.view = viewObject(source.view);
  } else {
    payload.container = {
      type: 'message',
      message_ts: source.messageTs,
      channel_id: source.channel.id,
      is_ephemeral: source.isEphemeral,
    };
    payload.channel = {
      id: source.channel.id,
      name: source.channel.isIm ? 'directmessage' : source.channel.name,
    };
    if (source.message !== undefined) payload.message = source.message;
    payload.state = { values: source.state ?? {} };
    payload.response_url = source.responseUrl;
  }
  payload.actions = input.actions;
  return payload;
}

export interface ResponseUrlEntry {
  block_id: string;
  action_id: string;
  channel_id: string;
  response_url: string;
}

export function viewSubmissionPayload(
  input: InteractionBase & { view: View; responseUrls?: ResponseUrlEntry[] },
): JsonObject {
  return {
    type: 'view_submission',
    team: teamRef(input.team),
    user: userRef(input.user),
    api_app_id: input.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    view: viewObject(input.view),
    response_urls: input.responseUrls ?? [],
    is_enterprise_install: input.team.orgWide,
    enterprise: enterpriseRef(input.team),
  };
}

/**
 * A global shortcut (Slack's "Shortcuts payloads": `type: shortcut`, `callback_id`, `trigger_id`,
 * `action_ts`; no channel and no response_url).
 */
export function shortcutPayload(
  input: InteractionBase & { callbackId: string; actionTs: string },
): JsonObject {
  return {
    type: 'shortcut',
    token: VERIFICATION_TOKEN,
    action_ts: input.actionTs,
    team: teamRef(input.team),
    user: userRef(input.user),
    is_enterprise_install: input.team.orgWide,
    enterprise: enterpriseRef(input.team),
    callback_id: input.callbackId,
    trigger_id: input.triggerId,
  };
}

/** A message shortcut (`type: message_action`): the message, its channel and a response_url. */
export function messageShortcutPayload(
  input: InteractionBase & {
    callbackId: string;
    actionTs: string;
    channel: Channel;
    message: JsonObject;
    responseUrl: string;
  },
): JsonObject {
  return {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: input.actionTs,
    team: teamRef(input.team),
    user: userRef(input.user),
    channel: { id: input.channel.id, name: input.channel.isIm ? 'directmessage' : input.channel.name },
    is_enterprise_install: input.team.orgWide,
    enterprise: enterpriseRef(input.team),
    callback_id: input.callbackId,
    trigger_id: input.triggerId,
    message_ts: input.message.ts,
    message: input.message,
    response_url: input.responseUrl,
  };
}

export function viewClosedPayload(
  input: Omit<InteractionBase, 'triggerId'> & { view: View; isCleared: boolean },
) {
  return {
    type: 'view_closed',
    team: teamRef(input.team),
    user: userRef(input.user),
    api_app_id: input.appId,
    token: VERIFICATION_TOKEN,
    view: viewObject(input.view),
    is_cleared: input.isCleared,
    is_enterprise_install: input.team.orgWide,
    enterprise: enterpriseRef(input.team),
  };
}

export function newEventId(): string {
  return `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
}

export function eventEnvelope(input: {
  team: Team;
  appId: string;
  event: JsonObject;
  eventId: string;
  nowMs: number;
}): JsonObject {
  const { team } = input;
  const eventTime = Math.floor(input.nowMs / 1000);
  const envelope: JsonObject = {
    token: VERIFICATION_TOKEN,
    team_id: team.id,
  };
  if (team.enterpriseId !== undefined) envelope.enterprise_id = team.enterpriseId;
  Object.assign(envelope, {
    api_app_id: input.appId,
    event: { ...input.event, event_ts: input.event.event_ts ?? `${(input.nowMs / 1000).toFixed(6)}` },
    type: 'event_callback',
    event_id: input.eventId,
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: team.enterpriseId ?? null,
        team_id: team.id,
        user_id: team.botUserId,
        is_bot: true,
        is_enterprise_install: team.orgWide,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${team.id}:${input.eventId}`).toString('base64url')}`,
  });
  return envelope;
}

/** The user object of `team_join` / `user_change` events: users.info's shape with email and locale. */
export function eventUser(user: SlackUser, team: Team, nowMs: number, teamsOfUser?: string[]): JsonObject {
  return userObject(user, team, {
    includeLocale: true,
    withEmail: team.scopes.includes('users:read.email'),
    nowMs,
    ...(teamsOfUser ? { teamsOfUser } : {}),
  });
}

/**
 * The simulated Slack organization: teams, users, channels, DMs, messages, ephemerals, modal stacks
 * and Home tabs, plus the short-lived handles Slack gives out (trigger ids, response URLs, OAuth
 * codes). Pure in-memory state with no HTTP; the Web API and the simulated users both work on it.
 */
import { randomBytes } from 'node:crypto';
import type { ParsedSeedUser, ParsedSlackSeed, SeedChannel, SeedUser } from './seed.js';
import { grantedTeams, seedChannelSchema, seedUserSchema } from './seed.js';

export type JsonObject = Record<string, unknown>;

export interface SlackUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  email: string | undefined;
  isAdmin: boolean;
  isOwner: boolean;
  isPrimaryOwner: boolean;
  isRestricted: boolean;
  isBot: boolean;
  deleted: boolean;
  locale: string;
  tz: string;
  enterpriseUser: { is_admin: boolean; is_owner: boolean; is_primary_owner: boolean } | undefined;
  updated: number;
}

export interface Team {
  id: string;
  name: string;
  domain: string;
  enterpriseId: string | undefined;
  enterpriseName: string | undefined;
  botToken: string;
  botUserId: string;
  botId: string;
  botName: string;
  scopes: string[];
  installed: boolean;
  /** Tokens that were valid once and were revoked (uninstall, tokens_revoked). */
  revokedTokens: Set<string>;
  /**
   * Covered by its enterprise's org-wide installation: the bot identity, token, scopes and
   * installed state above mirror that installation (payloads say `is_enterprise_install: true`).
   */
  orgWide: boolean;
}

/** The app deployed to a whole Enterprise Grid organization: one token for all its workspaces. */
export interface OrgInstall {
  botToken: string;
  botUserId: string;
  botId: string;
  botName: string;
  scopes: string[];
  installed: boolean;
  revokedTokens: Set<string>;
  /** The workspaces an org admin added the app to. */
  teamIds: string[];
}

export interface Enterprise {
  id: string;
  name: string;
  domain: string;
  orgInstall: OrgInstall | undefined;
}

/** Who a token speaks for: one workspace, or an org-wide installation across several. */
export type Caller =
  | { kind: 'team'; team: Team; scopes: string[] }
  | { kind: 'org'; enterprise: Enterprise; install: OrgInstall; teams: Team[]; scopes: string[] };

export interface Channel {
  id: string;
  teamId: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** For a DM: the human on the other side of the bot. */
  imUser: string | undefined;
  members: Set<string>;
  created: number;
}

export interface Message {
  type: 'message';
  ts: string;
  channel: string;
  team: string;
  user: string;
  /** Set for the app's messages; undefined for what a person wrote. */
  bot_id: string | undefined;
  app_id: string | undefined;
  text: string;
  blocks: JsonObject[] | undefined;
  thread_ts: string | undefined;
  edited: { user: string; ts: string } | undefined;
  /** How the message arrived: Web API, a response_url, the body of a command ack, or a person. */
  via: 'api' | 'response_url' | 'ack' | 'person';
}

export interface Ephemeral {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks: JsonObject[] | undefined;
  via: 'api' | 'response_url' | 'ack';
  /** Replaced or deleted through a response_url. */
  deleted: boolean;
}

export interface View {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title: JsonObject | null;
  submit: JsonObject | null;
  close: JsonObject | null;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, JsonObject>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  /** Not Slack's: where the view was opened from (never sent; see viewObject). */
  context: ViewContext | undefined;
}

/** Where a person was when they opened a view: the conversation `default_to_current_conversation` picks. */
export interface ViewContext {
  channelId: string | undefined;
}

/** What the stand-in remembers about an open modal besides Slack's own view object. */
export interface ModalRecord {
  view: View;
  user: string;
  /** Inline errors from the last `response_action: "errors"`, keyed by block_id. */
  errors: Record<string, string> | undefined;
}

export interface Trigger {
  id: string;
  teamId: string;
  userId: string;
  issuedAt: number;
  used: boolean;
  /** The view the interaction came from: views.push needs a modal to push onto. */
  viewId: string | undefined;
  /** The conversation the person was in, for views opened with this trigger. */
  context: ViewContext | undefined;
}

export interface ResponseUrl {
  id: string;
  teamId: string;
  userId: string;
  channelId: string;
  /** The message the interaction came from, when any. */
  messageTs: string | undefined;
  isEphemeral: boolean;
  issuedAt: number;
  uses: number;
}

export interface OAuthCode {
  code: string;
  teamId: string;
  /** Set when an org admin deploys the app org-wide: the code installs the whole enterprise. */
  enterpriseId?: string | undefined;
  userId: string;
  redirectUri: string | undefined;
  scopes: string[];
  issuedAt: number;
  used: boolean;
}

interface TeamState {
  team: Team;
  users: Map<string, SlackUser>;
  channels: Map<string, Channel>;
  messages: Map<string, Message[]>;
  ephemerals: Map<string, Ephemeral[]>;
  modals: Map<string, ModalRecord[]>;
  homes: Map<string, View>;
  dms: Map<string, string>;
}

export const TRIGGER_TTL_MS = 3_000;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
export const RESPONSE_URL_MAX_USES = 5;
export const OAUTH_CODE_TTL_MS = 10 * 60_000;

function toUser(teamId: string, seed: ParsedSeedUser, now: number): SlackUser {
  return {
    id: seed.id,
    teamId,
    name: seed.name,
    realName: seed.real_name ?? seed.name,
    email: seed.email,
    isAdmin: seed.is_admin,
    isOwner: seed.is_owner,
    isPrimaryOwner: seed.is_primary_owner,
    isRestricted: seed.is_restricted,
    isBot: false,
    deleted: seed.deleted,
    locale: seed.locale,
    tz: seed.tz,
    enterpriseUser: seed.enterprise_user,
    updated: Math.floor(now / 1000),
  };
}

export function createWorkspace(seed: ParsedSlackSeed, clock: () => number) {
  const appId = seed.app_id;
  const teams = new Map<string, TeamState>();
  const enterprises = new Map<string, Enterprise>();
  for (const e of seed.enterprises) {
    const install = e.org_install;
    enterprises.set(e.id, {
      id: e.id,
      name: e.name,
      domain: e.domain ?? e.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      orgInstall: install && {
        botToken: install.bot_token,
        botUserId: install.bot_user_id,
        botId: install.bot_id,
        botName: install.bot_name,
        scopes: [...install.scopes],
        installed: install.installed,
        revokedTokens: new Set(),
        teamIds: grantedTeams(e, seed),
      },
    });
  }
  const viewIndex = new Map<string, { teamId: string; userId: string; type: 'modal' | 'home' }>();
  const triggers = new Map<string, Trigger>();
  const responseUrls = new Map<string, ResponseUrl>();
  const oauthCodes = new Map<string, OAuthCode>();
  let counter = 0;
  let lastTsMicros = 0;

  const nextId = (prefix: string): string => {
    counter += 1;
    return `${prefix}${counter.toString(36).toUpperCase().padStart(8, '0')}`;
  };

  for (const teamSeed of seed.teams) {
    const now = clock();
    const enterprise =
      teamSeed.enterprise_id === undefined ? undefined : enterprises.get(teamSeed.enterprise_id);
    const org = enterprise?.orgInstall?.teamIds.includes(teamSeed.id) ? enterprise.orgInstall : undefined;
    const team: Team = {
      id: teamSeed.id,
      name: teamSeed.name,
      domain: teamSeed.domain ?? teamSeed.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      enterpriseId: teamSeed.enterprise_id,
      enterpriseName: enterprise?.name ?? teamSeed.enterprise_name,
      botToken: org?.botToken ?? teamSeed.bot_token ?? '',
      botUserId: org?.botUserId ?? teamSeed.bot_user_id,
      botId: org?.botId ?? teamSeed.bot_id,
      botName: org?.botName ?? teamSeed.bot_name,
      scopes: [...(org?.scopes ?? teamSeed.scopes)],
      installed: org?.installed ?? teamSeed.installed,
      revokedTokens: new Set(),
      orgWide: org !== undefined,
    };
    const state: TeamState = {
      team,
      users: new Map(),
      channels: new Map(),
      messages: new Map(),
      ephemerals: new Map(),
      modals: new Map(),
      homes: new Map(),
      dms: new Map(),
    };
    state.users.set(team.botUserId, {
      id: team.botUserId,
      teamId: team.id,
      name: team.botName,
      realName: team.botName,
      email: undefined,
      isAdmin: false,
      isOwner: false,
      isPrimaryOwner: false,
      isRestricted: false,
      isBot: true,
      deleted: false,
      locale: 'en-US',
      tz: 'America/Los_Angeles',
      enterpriseUser: undefined,
      updated: Math.floor(now / 1000),
    });
    for (const userSeed of teamSeed.users) state.users.set(userSeed.id, toUser(team.id, userSeed, now));
    teams.set(team.id, state);
    for (const channelSeed of teamSeed.channels) addChannelTo(state, seedChannelSchema.parse(channelSeed));
  }

  function addChannelTo(state: TeamState, channel: ReturnType<typeof seedChannelSchema.parse>): Channel {
    // An explicit member list without the bot means the bot was not invited (→ not_in_channel).
    const members = channel.members === '*' ? new Set(state.users.keys()) : new Set(channel.members);
    const record: Channel = {
      id: channel.id,
      teamId: state.team.id,
      name: channel.name,
      isPrivate: channel.is_private,
      isIm: false,
      imUser: undefined,
      members,
      created: Math.floor(clock() / 1000),
    };
    state.channels.set(record.id, record);
    return record;
  }

  /** Copies an org-wide installation's state onto the workspaces it covers. */
  function syncOrgTeams(install: OrgInstall): void {
    for (const teamId of install.teamIds) {
      const team = teams.get(teamId)?.team;
      if (!team) continue;
      Object.assign(team, {
        botToken: install.botToken,
        installed: install.installed,
        scopes: [...install.scopes],
        revokedTokens: new Set(install.revokedTokens),
      });
    }
  }

  function orgInstallOf(team: Team): OrgInstall | undefined {
    if (!team.orgWide || team.enterpriseId === undefined) return undefined;
    return enterprises.get(team.enterpriseId)?.orgInstall;
  }

  function teamState(teamId: string): TeamState {
    const state = teams.get(teamId);
    if (!state) throw new Error(`unknown team ${teamId}`);
    return state;
  }

  function nextTs(): string {
    // Slack ts values are unique and increasing per channel; microseconds since epoch with a bump.
    let micros = clock() * 1000;
    if (micros <= lastTsMicros) micros = lastTsMicros + 1;
    lastTsMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  function viewHash(): string {
    return `${Math.floor(clock() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  return {
    appId,
    nextTs,
    nextViewId: () => nextId('V'),
    viewHash,

    teamIds: (): string[] => [...teams.keys()],
    team: (teamId: string): Team | undefined => teams.get(teamId)?.team,
    enterprise: (enterpriseId: string): Enterprise | undefined => enterprises.get(enterpriseId),
    enterpriseIds: (): string[] => [...enterprises.keys()],
    /** The workspace or org-wide installation a bot token belongs to; `revoked` names whose it was. */
    callerByToken(token: string): Caller | { revoked: string } | undefined {
      for (const enterprise of enterprises.values()) {
        const install = enterprise.orgInstall;
        if (!install) continue;
        if (install.revokedTokens.has(token)) return { revoked: enterprise.id };
        if (install.installed && install.botToken === token) {
          const covered = install.teamIds.flatMap((id) => teams.get(id)?.team ?? []);
          return { kind: 'org', enterprise, install, teams: covered, scopes: install.scopes };
        }
      }
      for (const { team } of teams.values()) {
        if (team.orgWide) continue;
        if (team.revokedTokens.has(token)) return { revoked: team.id };
        if (team.installed && team.botToken === token) return { kind: 'team', team, scopes: team.scopes };
      }
      return undefined;
    },
    /** The workspaces of an enterprise where a (Grid) user is a member. */
    teamsOfUser(enterpriseId: string, userId: string): string[] {
      return [...teams.values()]
        .filter((state) => state.team.enterpriseId === enterpriseId && state.users.has(userId))
        .map((state) => state.team.id);
    },

    user: (teamId: string, userId: string): SlackUser | undefined => teams.get(teamId)?.users.get(userId),
    users: (teamId: string): SlackUser[] => [...teamState(teamId).users.values()],
    addUser(teamId: string, input: SeedUser): SlackUser {
      const state = teamState(teamId);
      const user = toUser(teamId, seedUserSchema.parse(input), clock());
      state.users.set(user.id, user);
      for (const channel of state.channels.values()) {
        if (channel.name === 'general' && !channel.isIm) channel.members.add(user.id);
      }
      return user;
    },
    updateUser(teamId: string, userId: string, patch: Partial<Omit<SlackUser, 'id' | 'teamId'>>): SlackUser {
      const user = teamState(teamId).users.get(userId);
      if (!user) throw new Error(`unknown user ${teamId}/${userId}`);
      Object.assign(user, patch, { updated: Math.floor(clock() / 1000) });
      return user;
    },

    channel: (teamId: string, channelId: string): Channel | undefined =>
      teams.get(teamId)?.channels.get(channelId),
    channels: (teamId: string): Channel[] => [...teamState(teamId).channels.values()],
    addChannel(teamId: string, input: SeedChannel): Channel {
      return addChannelTo(teamState(teamId), seedChannelSchema.parse(input));
    },
    /** The bot's DM with a user, created on first use like conversations.open does. */
    openDm(teamId: string, userId: string): Channel {
      const state = teamState(teamId);
      const existing = state.dms.get(userId);
      if (existing) {
        const channel = state.channels.get(existing);
        if (channel) return channel;
      }
      const channel: Channel = {
        id: nextId('D'),
        teamId,
        name: userId,
        isPrivate: true,
        isIm: true,
        imUser: userId,
        members: new Set([userId, state.team.botUserId]),
        created: Math.floor(clock() / 1000),
      };
      state.channels.set(channel.id, channel);
      state.dms.set(userId, channel.id);
      return channel;
    },
    dmChannelId: (teamId: string, userId: string): string | undefined => teams.get(teamId)?.dms.get(userId),

    postMessage(
      teamId: string,
      channelId: string,
      content: Pick<Message, 'text' | 'blocks' | 'thread_ts' | 'via'>,
    ) {
      const state = teamState(teamId);
      const message: Message = {
        type: 'message',
        ts: nextTs(),
        channel: channelId,
        team: teamId,
        user: state.team.botUserId,
        bot_id: state.team.botId,
        app_id: appId,
        edited: undefined,
        ...content,
      };
      const list = state.messages.get(channelId) ?? [];
      list.push(message);
      state.messages.set(channelId, list);
      return message;
    },
    /** A message a person wrote in a channel (the app can neither update nor delete it). */
    postUserMessage(teamId: string, channelId: string, userId: string, text: string): Message {
      const message: Message = {
        type: 'message',
        ts: nextTs(),
        channel: channelId,
        team: teamId,
        user: userId,
        bot_id: undefined,
        app_id: undefined,
        text,
        blocks: undefined,
        thread_ts: undefined,
        edited: undefined,
        via: 'person',
      };
      const state = teamState(teamId);
      const list = state.messages.get(channelId) ?? [];
      list.push(message);
      state.messages.set(channelId, list);
      return message;
    },
    messages: (teamId: string, channelId: string): Message[] => [
      ...(teams.get(teamId)?.messages.get(channelId) ?? []),
    ],
    findMessage: (teamId: string, channelId: string, ts: string): Message | undefined =>
      teams
        .get(teamId)
        ?.messages.get(channelId)
        ?.find((m) => m.ts === ts),
    deleteMessage(teamId: string, channelId: string, ts: string): boolean {
      const list = teams.get(teamId)?.messages.get(channelId);
      const index = list?.findIndex((m) => m.ts === ts) ?? -1;
      if (!list || index < 0) return false;
      list.splice(index, 1);
      return true;
    },

    postEphemeral(teamId: string, e: Omit<Ephemeral, 'ts' | 'deleted'>): Ephemeral {
      const state = teamState(teamId);
      const ephemeral: Ephemeral = { ...e, ts: nextTs(), deleted: false };
      const list = state.ephemerals.get(e.user) ?? [];
      list.push(ephemeral);
      state.ephemerals.set(e.user, list);
      return ephemeral;
    },
    ephemerals: (teamId: string, userId: string): Ephemeral[] =>
      (teams.get(teamId)?.ephemerals.get(userId) ?? []).filter((e) => !e.deleted),
    findEphemeral: (teamId: string, userId: string, ts: string): Ephemeral | undefined =>
      teams
        .get(teamId)
        ?.ephemerals.get(userId)
        ?.find((e) => e.ts === ts && !e.deleted),

    modalStack: (teamId: string, userId: string): ModalRecord[] =>
      teams.get(teamId)?.modals.get(userId) ?? [],
    setModalStack(teamId: string, userId: string, stack: ModalRecord[]): void {
      const state = teamState(teamId);
      const before = state.modals.get(userId) ?? [];
      for (const record of before) if (!stack.includes(record)) viewIndex.delete(record.view.id);
      for (const record of stack) viewIndex.set(record.view.id, { teamId, userId, type: 'modal' });
      state.modals.set(userId, stack);
    },
    home: (teamId: string, userId: string): View | undefined => teams.get(teamId)?.homes.get(userId),
    setHome(teamId: string, userId: string, view: View): void {
      teamState(teamId).homes.set(userId, view);
      viewIndex.set(view.id, { teamId, userId, type: 'home' });
    },
    /** Where a view id lives (open modal or published Home), or undefined once closed. */
    locateView: (viewId: string) => viewIndex.get(viewId),
    findModalByExternalId(
      teamId: string,
      externalId: string,
    ): { userId: string; record: ModalRecord } | undefined {
      for (const [userId, stack] of teamState(teamId).modals) {
        const record = stack.find((r) => r.view.external_id === externalId);
        if (record) return { userId, record };
      }
      return undefined;
    },

    issueTrigger(teamId: string, userId: string, viewId?: string, channelId?: string): Trigger {
      const now = clock();
      const trigger: Trigger = {
        id: `${Math.floor(now / 1000)}.${++counter}.${randomBytes(16).toString('hex')}`,
        teamId,
        userId,
        issuedAt: now,
        used: false,
        viewId,
        context: { channelId },
      };
      triggers.set(trigger.id, trigger);
      return trigger;
    },
    trigger: (id: string): Trigger | undefined => triggers.get(id),

    issueResponseUrl(r: Omit<ResponseUrl, 'id' | 'issuedAt' | 'uses'>): ResponseUrl {
      const record: ResponseUrl = { ...r, id: randomBytes(12).toString('hex'), issuedAt: clock(), uses: 0 };
      responseUrls.set(record.id, record);
      return record;
    },
    responseUrl: (id: string): ResponseUrl | undefined => responseUrls.get(id),

    issueOAuthCode(c: Omit<OAuthCode, 'code' | 'issuedAt' | 'used'>): OAuthCode {
      const record: OAuthCode = {
        ...c,
        code: `${Date.now()}.${randomBytes(12).toString('hex')}`,
        issuedAt: clock(),
        used: false,
      };
      oauthCodes.set(record.code, record);
      return record;
    },
    oauthCode: (code: string): OAuthCode | undefined => oauthCodes.get(code),

    /**
     * Uninstall or token revocation: the bot token stops working (`token_revoked`) until a
     * reinstall. For a workspace covered by an org-wide install, the org's token is revoked, in
     * every workspace it covered.
     */
    revokeBotToken(teamId: string): string {
      const team = teamState(teamId).team;
      const org = orgInstallOf(team);
      if (org) {
        const revokedOrg = org.botToken;
        org.revokedTokens.add(revokedOrg);
        org.installed = false;
        org.botToken = `${revokedOrg.replace(/-r\d+$/, '')}-r${org.revokedTokens.size}`;
        syncOrgTeams(org);
        return revokedOrg;
      }
      const revoked = team.botToken;
      team.revokedTokens.add(revoked);
      team.installed = false;
      // The next install mints a fresh token, as Slack does after a revocation.
      team.botToken = `${revoked.replace(/-r\d+$/, '')}-r${team.revokedTokens.size}`;
      return revoked;
    },
    install(teamId: string): Team {
      const team = teamState(teamId).team;
      const org = orgInstallOf(team);
      if (org) {
        org.installed = true;
        syncOrgTeams(org);
      } else team.installed = true;
      return team;
    },
    /** An org admin deploys the app to the whole organization (the OAuth org install). */
    installOrg(enterpriseId: string): OrgInstall {
      const org = enterprises.get(enterpriseId)?.orgInstall;
      if (!org) throw new Error(`enterprise ${enterpriseId} has no org-wide app`);
      org.installed = true;
      syncOrgTeams(org);
      return org;
    },

    now: clock,
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;

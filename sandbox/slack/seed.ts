/**
 * The simulated workspace's starting content: teams, their users, channels and bot identity.
 * Seeds come from code (tests) or from a JSON file (`--seed FILE`), so everything is parsed by zod.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { isKnownTimeZone } from './time-zones.js';

/** The bot scopes of DESIGN §2.5; a method needing another scope answers `missing_scope`. */
export const DEFAULT_BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'users:read', 'users:read.email'];

export const seedUserSchema = z.object({
  id: z.string().regex(/^[UW][A-Z0-9_]+$/, 'user ids start with U or W'),
  name: z.string().min(1),
  real_name: z.string().optional(),
  email: z.email().optional(),
  is_admin: z.boolean().default(false),
  is_owner: z.boolean().default(false),
  is_primary_owner: z.boolean().default(false),
  is_restricted: z.boolean().default(false),
  deleted: z.boolean().default(false),
  locale: z
    .string()
    .regex(/^[a-z]{2}-[A-Z]{2}$/)
    .default('en-US'),
  /** IANA time zone; users.info derives `tz_label` and `tz_offset` from it (DST included). */
  tz: z
    .string()
    .refine(isKnownTimeZone, 'an IANA time zone such as Europe/Paris')
    .default('America/New_York'),
  /** Enterprise Grid only: the org-level role of the user (users.info's `enterprise_user`). */
  enterprise_user: z
    .object({ is_admin: z.boolean(), is_owner: z.boolean(), is_primary_owner: z.boolean().default(false) })
    .optional(),
});
export type SeedUser = z.input<typeof seedUserSchema>;
export type ParsedSeedUser = z.output<typeof seedUserSchema>;

export const seedChannelSchema = z.object({
  id: z.string().regex(/^[CG][A-Z0-9_]+$/, 'channel ids start with C or G'),
  name: z.string().min(1),
  is_private: z.boolean().default(false),
  /** Member user ids; `"*"` means every user of the team, the bot included. */
  members: z.union([z.literal('*'), z.array(z.string())]).default('*'),
});
export type SeedChannel = z.input<typeof seedChannelSchema>;

export const seedTeamSchema = z.object({
  id: z.string().regex(/^T[A-Z0-9_]+$/, 'team ids start with T'),
  name: z.string().min(1),
  domain: z.string().optional(),
  enterprise_id: z
    .string()
    .regex(/^E[A-Z0-9_]+$/)
    .optional(),
  /** Kept for seeds without `enterprises`; otherwise the enterprise's name is used. */
  enterprise_name: z.string().optional(),
  /** The workspace installation's token; omitted (and refused) when the app is installed org-wide. */
  bot_token: z.string().startsWith('xoxb-').optional(),
  bot_user_id: z.string().default('U_BOT'),
  bot_id: z.string().default('B_BOT'),
  bot_name: z.string().default('zoombot'),
  scopes: z.array(z.string()).default(DEFAULT_BOT_SCOPES),
  /** false: the app is not installed yet; oauth.v2.access installs it. */
  installed: z.boolean().default(true),
  users: z.array(seedUserSchema).default([]),
  channels: z.array(seedChannelSchema).default([]),
});
export type SeedTeam = z.input<typeof seedTeamSchema>;

/**
 * An Enterprise Grid organization. With `org_install`, the app is deployed org-wide: one
 * installation (`is_enterprise_install: true`) whose bot token works in every workspace it was
 * added to (`teams`, default all of the enterprise's), as Slack's org-wide apps do.
 */
export const seedEnterpriseSchema = z.object({
  id: z.string().regex(/^E[A-Z0-9_]+$/, 'enterprise ids start with E'),
  name: z.string().min(1),
  domain: z.string().optional(),
  org_install: z
    .object({
      bot_token: z.string().startsWith('xoxb-'),
      bot_user_id: z.string().default('W_ORGBOT'),
      bot_id: z.string().default('B_ORGBOT'),
      bot_name: z.string().default('zoombot'),
      scopes: z.array(z.string()).default(DEFAULT_BOT_SCOPES),
      /** false: not deployed yet; an org admin's OAuth install (oauth.v2.access) deploys it. */
      installed: z.boolean().default(true),
      teams: z.array(z.string()).optional(),
    })
    .optional(),
});
export type SeedEnterprise = z.input<typeof seedEnterpriseSchema>;

export const slackSeedSchema = z.object({
  app_id: z.string().default('A_ZOOMAPP'),
  enterprises: z.array(seedEnterpriseSchema).default([]),
  teams: z.array(seedTeamSchema).min(1),
});
export type SlackSeed = z.input<typeof slackSeedSchema>;
export type ParsedSlackSeed = z.output<typeof slackSeedSchema>;

/** The default seed of issue 5. U_CAROL deliberately has no Zoom user in the Zoom sandbox. */
export const DEFAULT_SEED = {
  app_id: 'A_ZOOMAPP',
  teams: [
    {
      id: 'T_ACME',
      name: 'Acme',
      domain: 'acme',
      bot_token: 'xoxb-acme',
      bot_user_id: 'U_BOT',
      bot_id: 'B_BOT',
      users: [
        {
          id: 'U_SLACKADMIN',
          name: 'slackadmin',
          real_name: 'Sam Admin',
          email: 'slack-admin@acme.test',
          is_admin: true,
          locale: 'en-US',
          tz: 'America/Los_Angeles',
        },
        {
          id: 'U_OWNER',
          name: 'owner',
          real_name: 'Olivia Owner',
          email: 'owner@acme.test',
          is_owner: true,
          is_primary_owner: true,
          tz: 'America/New_York',
        },
        {
          id: 'U_ZOOMADMIN',
          name: 'zoomadmin',
          real_name: 'Zoe Zoomadmin',
          email: 'zoom-admin@acme.test',
          tz: 'Europe/London',
        },
        {
          id: 'U_ALICE',
          name: 'alice',
          real_name: 'Alice Martin',
          email: 'alice@acme.test',
          locale: 'en-US',
          tz: 'America/New_York',
        },
        {
          id: 'U_BOB',
          name: 'bob',
          real_name: 'Bob Dupont',
          email: 'bob@acme.test',
          locale: 'fr-FR',
          tz: 'Europe/Paris',
        },
        {
          id: 'U_CAROL',
          name: 'carol',
          real_name: 'Carol Jones',
          email: 'carol@acme.test',
          tz: 'Asia/Tokyo',
        },
      ],
      channels: [{ id: 'C_GENERAL', name: 'general', members: '*' }],
    },
    {
      id: 'T_OTHER',
      name: 'Other Corp',
      domain: 'other',
      bot_token: 'xoxb-other',
      bot_user_id: 'U_OTHERBOT',
      bot_id: 'B_OTHERBOT',
      users: [
        {
          id: 'U_OTHERADMIN',
          name: 'otheradmin',
          real_name: 'Oscar Other',
          email: 'admin@other.test',
          is_admin: true,
          tz: 'America/Chicago',
        },
      ],
    },
  ],
} satisfies SlackSeed;

/** The teams an org-wide installation was added to. */
export function grantedTeams(
  enterprise: z.output<typeof seedEnterpriseSchema>,
  seed: ParsedSlackSeed,
): string[] {
  const members = seed.teams.filter((t) => t.enterprise_id === enterprise.id).map((t) => t.id);
  return enterprise.org_install?.teams ?? members;
}

function checkEnterprises(seed: ParsedSlackSeed, tokens: Set<string>): void {
  const ids = new Set<string>();
  for (const enterprise of seed.enterprises) {
    if (ids.has(enterprise.id)) throw new Error(`seed: duplicate enterprise id ${enterprise.id}`);
    ids.add(enterprise.id);
    const install = enterprise.org_install;
    if (!install) continue;
    if (tokens.has(install.bot_token)) throw new Error(`seed: duplicate bot token for ${enterprise.id}`);
    tokens.add(install.bot_token);
    for (const teamId of grantedTeams(enterprise, seed)) {
      const team = seed.teams.find((t) => t.id === teamId);
      if (team?.enterprise_id !== enterprise.id)
        throw new Error(`seed: ${enterprise.id}'s org install names ${teamId}, not one of its workspaces`);
    }
  }
  for (const team of seed.teams) {
    if (team.enterprise_id !== undefined && seed.enterprises.length > 0 && !ids.has(team.enterprise_id))
      throw new Error(`seed: team ${team.id} names unknown enterprise ${team.enterprise_id}`);
  }
}

/** A user id may repeat only across the workspaces of one enterprise (a Grid user in several). */
function checkUserIds(seed: ParsedSlackSeed): void {
  const home = new Map<string, string | undefined>();
  for (const team of seed.teams) {
    for (const user of team.users) {
      if (!home.has(user.id)) home.set(user.id, team.enterprise_id);
      else if (team.enterprise_id === undefined || home.get(user.id) !== team.enterprise_id)
        throw new Error(`seed: user ${user.id} appears in two teams outside one enterprise`);
    }
  }
}

export function parseSeed(input: unknown): ParsedSlackSeed {
  const seed = slackSeedSchema.parse(input);
  const teamIds = new Set<string>();
  const tokens = new Set<string>();
  checkEnterprises(seed, tokens);
  checkUserIds(seed);
  for (const team of seed.teams) {
    if (teamIds.has(team.id)) throw new Error(`seed: duplicate team id ${team.id}`);
    teamIds.add(team.id);
    const enterprise = seed.enterprises.find((e) => e.id === team.enterprise_id);
    const orgWide = enterprise?.org_install !== undefined && grantedTeams(enterprise, seed).includes(team.id);
    if (orgWide && team.bot_token !== undefined)
      throw new Error(
        `seed: team ${team.id} is covered by ${enterprise?.id}'s org install and has no token of its own`,
      );
    if (!orgWide) {
      if (team.bot_token === undefined) throw new Error(`seed: team ${team.id} needs a bot_token`);
      if (tokens.has(team.bot_token)) throw new Error(`seed: duplicate bot token for team ${team.id}`);
      tokens.add(team.bot_token);
    }
    const botUserId = orgWide ? enterprise?.org_install?.bot_user_id : team.bot_user_id;
    const userIds = new Set(team.users.map((u) => u.id));
    for (const channel of team.channels) {
      if (channel.members === '*') continue;
      for (const member of channel.members) {
        if (member !== botUserId && !userIds.has(member)) {
          throw new Error(`seed: channel ${channel.id} lists unknown member ${member}`);
        }
      }
    }
  }
  return seed;
}

/**
 * An Enterprise Grid organization with the app deployed org-wide: "Globex" (E_GLOBEX) with two
 * workspaces, one installation (token `xoxb-globex-org`, bot W_GLOBEXBOT). Grace is an org owner
 * and admin in both; Iris is a member of both; Hugo (fr-FR) only in Europe, Jake (a workspace
 * admin but no org role) only in the US.
 */
export const GRID_SEED = {
  app_id: 'A_ZOOMAPP',
  enterprises: [
    {
      id: 'E_GLOBEX',
      name: 'Globex Corporation',
      domain: 'globex',
      org_install: { bot_token: 'xoxb-globex-org', bot_user_id: 'W_GLOBEXBOT', bot_id: 'B_GLOBEXBOT' },
    },
  ],
  teams: [
    {
      id: 'T_GLOBEX_EU',
      name: 'Globex Europe',
      domain: 'globex-eu',
      enterprise_id: 'E_GLOBEX',
      users: [
        {
          id: 'W_GRACE',
          name: 'grace',
          real_name: 'Grace Hopper',
          email: 'grace@globex.test',
          is_admin: true,
          is_owner: true,
          tz: 'America/New_York',
          enterprise_user: { is_admin: true, is_owner: true, is_primary_owner: true },
        },
        {
          id: 'W_HUGO',
          name: 'hugo',
          real_name: 'Hugo Lemaire',
          email: 'hugo@globex.test',
          locale: 'fr-FR',
          tz: 'Europe/Paris',
        },
        {
          id: 'W_IRIS',
          name: 'iris',
          real_name: 'Iris Novak',
          email: 'iris@globex.test',
          tz: 'Europe/Berlin',
        },
      ],
      channels: [{ id: 'C_GLOBEX_EU', name: 'general', members: '*' }],
    },
    {
      id: 'T_GLOBEX_US',
      name: 'Globex US',
      domain: 'globex-us',
      enterprise_id: 'E_GLOBEX',
      users: [
        {
          id: 'W_GRACE',
          name: 'grace',
          real_name: 'Grace Hopper',
          email: 'grace@globex.test',
          is_admin: true,
          is_owner: true,
          tz: 'America/New_York',
          enterprise_user: { is_admin: true, is_owner: true, is_primary_owner: true },
        },
        {
          id: 'W_JAKE',
          name: 'jake',
          real_name: 'Jake Peralta',
          email: 'jake@globex.test',
          is_admin: true,
          tz: 'America/Chicago',
        },
        {
          id: 'W_IRIS',
          name: 'iris',
          real_name: 'Iris Novak',
          email: 'iris@globex.test',
          tz: 'Europe/Berlin',
        },
      ],
      channels: [{ id: 'C_GLOBEX_US', name: 'general', members: '*' }],
    },
  ],
} satisfies SlackSeed;

/** Several seeds in one workspace (e.g. the default teams and the Grid organization together). */
export function combineSeeds(...seeds: SlackSeed[]): SlackSeed {
  return {
    app_id: seeds[0]?.app_id ?? 'A_ZOOMAPP',
    enterprises: seeds.flatMap((s) => s.enterprises ?? []),
    teams: seeds.flatMap((s) => s.teams),
  };
}

export async function loadSeedFile(path: string): Promise<ParsedSlackSeed> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`seed file ${path} is not valid JSON`, { cause: error });
  }
  return parseSeed(json);
}

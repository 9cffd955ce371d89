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
  /** Enterprise Grid only: the org-level role of the user. */
  enterprise_user: z.object({ is_admin: z.boolean(), is_owner: z.boolean() }).optional(),
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
  enterprise_name: z.string().optional(),
  bot_token: z.string().startsWith('xoxb-'),
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

export const slackSeedSchema = z.object({
  app_id: z.string().default('A_ZOOMAPP'),
  teams: z.array(seedTeamSchema).min(1),
});
export type SlackSeed = z.input<typeof slackSeedSchema>;
export type ParsedSlackSeed = z.output<typeof slackSeedSchema>;

/** The default seed of issue 5. U_CAROL deliberately has no Zoom user in the Zoom sandbox. */
export const DEFAULT_SEED: SlackSeed = {
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
};

export function parseSeed(input: unknown): ParsedSlackSeed {
  const seed = slackSeedSchema.parse(input);
  const teamIds = new Set<string>();
  const tokens = new Set<string>();
  for (const team of seed.teams) {
    if (teamIds.has(team.id)) throw new Error(`seed: duplicate team id ${team.id}`);
    if (tokens.has(team.bot_token)) throw new Error(`seed: duplicate bot token for team ${team.id}`);
    teamIds.add(team.id);
    tokens.add(team.bot_token);
    const userIds = new Set(team.users.map((u) => u.id));
    for (const channel of team.channels) {
      if (channel.members === '*') continue;
      for (const member of channel.members) {
        if (member !== team.bot_user_id && !userIds.has(member)) {
          throw new Error(`seed: channel ${channel.id} lists unknown member ${member}`);
        }
      }
    }
  }
  return seed;
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

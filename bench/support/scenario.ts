/**
 * The benchmark world: one Slack workspace, the Zoom account behind it, the two Zoom apps and the
 * secrets every process shares. Plain data; the stand-ins and the app processes are configured from
 * it so they agree on ids and secrets.
 */
import { randomBytes } from 'node:crypto';
import type { SlackSeed } from '../../sandbox/slack/index.js';
import type { ZoomSeed } from '../../sandbox/zoom/index.js';

export const SIGNING_SECRET = `bench-signing-${randomBytes(8).toString('hex')}`;
export const BOT_TOKEN = 'xoxb-bench';
/** Placeholder: nothing in the benchmarks follows links back to the app. */
export const PUBLIC_URL = 'http://127.0.0.1:3999';
export const ENCRYPTION_KEYS = `bench:${randomBytes(32).toString('base64')}`;

/** The workspace of benchmarks 1, 2 and 3 (and the 100,000-member disconnect of benchmark 4). */
export const TEAM_ID = 'T_BENCH';
/** A 100-member workspace: the small side of benchmark 4. */
export const SMALL_TEAM_ID = 'T_SMALL';
/** The workspace of the refresh race (benchmark 5). */
export const RACE_TEAM_ID = 'T_RACE';

export const ADMIN_ID = 'U_ADMIN';
/** Slack users that send commands; they exist in the Slack stand-in and in the members collection. */
export const COMMAND_USERS = 100;
export const RACE_MEMBERS = 20;

export const ZOOM_APPS = {
  org: { clientId: 'bench-org-app', clientSecret: 'bench-org-secret', webhookSecret: 'bench-org-webhook' },
  user: {
    clientId: 'bench-user-app',
    clientSecret: 'bench-user-secret',
    webhookSecret: 'bench-user-webhook',
  },
} as const;

/** A different Zoom admin per workspace: a second grant by the same user would revoke the first. */
export const ZOOM_ADMIN_FOR: Record<string, string> = {
  [TEAM_ID]: 'owner@bench.test',
  [SMALL_TEAM_ID]: 'admin-small@bench.test',
  [RACE_TEAM_ID]: 'admin-race@bench.test',
};

export function userId(index: number): string {
  return `U${String(index).padStart(7, '0')}`;
}

export function memberEmail(teamId: string, index: number): string {
  return `${teamId.toLowerCase().replace('_', '-')}-${index}@bench.test`;
}

export function slackSeed(): SlackSeed {
  const users = [
    {
      id: ADMIN_ID,
      name: 'bench-admin',
      real_name: 'Bench Admin',
      email: 'bench-admin@bench.test',
      is_admin: true,
    },
    ...Array.from({ length: COMMAND_USERS }, (_, i) => ({
      id: userId(i),
      name: `member${i}`,
      real_name: `Member ${String(i).padStart(6, '0')}`,
      email: memberEmail(TEAM_ID, i),
    })),
  ];
  return {
    app_id: 'A_ZOOMAPP',
    teams: [
      {
        id: TEAM_ID,
        name: 'Bench',
        domain: 'bench',
        bot_token: BOT_TOKEN,
        users,
        channels: [{ id: 'C_GENERAL', name: 'general', members: '*' }],
      },
    ],
  };
}

export function zoomSeed(): ZoomSeed {
  const admins = Object.values(ZOOM_ADMIN_FOR).map((email) => ({
    email,
    first_name: 'Bench',
    last_name: 'Admin',
    role_name: 'Admin',
  }));
  const raceMembers = Array.from({ length: RACE_MEMBERS }, (_, i) => ({
    email: memberEmail(RACE_TEAM_ID, i),
    first_name: 'Race',
    last_name: `Member${i}`,
  }));
  return {
    account: { id: 'bench', name: 'Bench' },
    users: [...admins, ...raceMembers],
    apps: [
      {
        name: 'Zoom for Slack (organization)',
        kind: 'admin',
        client_id: ZOOM_APPS.org.clientId,
        client_secret: ZOOM_APPS.org.clientSecret,
        webhook_secret: ZOOM_APPS.org.webhookSecret,
      },
      {
        name: 'Zoom for Slack (personal)',
        kind: 'user',
        client_id: ZOOM_APPS.user.clientId,
        client_secret: ZOOM_APPS.user.clientSecret,
        webhook_secret: ZOOM_APPS.user.webhookSecret,
      },
    ],
    meeting_daily_limit: 10_000,
  };
}

/** The environment of an app process (DESIGN §2.3), pointed at the stand-ins. */
export function appEnv(urls: {
  slackApiUrl: string;
  zoomUrl: string;
  mongodbUri: string;
}): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: urls.slackApiUrl,
    ZOOM_ORG_CLIENT_ID: ZOOM_APPS.org.clientId,
    ZOOM_ORG_CLIENT_SECRET: ZOOM_APPS.org.clientSecret,
    ZOOM_ORG_WEBHOOK_SECRET: ZOOM_APPS.org.webhookSecret,
    ZOOM_USER_CLIENT_ID: ZOOM_APPS.user.clientId,
    ZOOM_USER_CLIENT_SECRET: ZOOM_APPS.user.clientSecret,
    ZOOM_USER_WEBHOOK_SECRET: ZOOM_APPS.user.webhookSecret,
    ZOOM_OAUTH_URL: urls.zoomUrl,
    ZOOM_API_URL: `${urls.zoomUrl}/v2`,
    PUBLIC_URL,
    MONGODB_URI: urls.mongodbUri,
    TOKEN_ENCRYPTION_KEYS: ENCRYPTION_KEYS,
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: 'error',
    // Plain http on loopback is allowed only outside production (the stand-ins have no TLS).
    NODE_ENV: 'test',
  };
}

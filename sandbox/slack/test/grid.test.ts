// Enterprise Grid with the app deployed org-wide (GRID_SEED): one installation whose token works in
// both workspaces, payloads and event envelopes that say so, users with enterprise_user, and the
// team_id that users.list needs from an org-wide token.
import type { App, AuthorizeSourceData, SlashCommand } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackSeed, SlackStandIn } from '../index.js';
import { combineSeeds, DEFAULT_SEED, GRID_SEED, startSlackStandIn } from '../index.js';
import type { Harness } from './harness.js';
import { quietLogger, startHarness } from './harness.js';

const ORG_TOKEN = 'xoxb-globex-org';

let standIn: SlackStandIn | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await standIn?.stop();
  await harness?.stop();
  standIn = undefined;
  harness = undefined;
});

const clientOf = (stand: SlackStandIn, token = ORG_TOKEN) =>
  new WebClient(token, { slackApiUrl: stand.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
const errorOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { data?: { error?: string } }) => error.data?.error,
  );

async function grid(seed: SlackSeed = combineSeeds(DEFAULT_SEED, GRID_SEED)) {
  standIn = await startSlackStandIn({ signingSecret: 's', seed, settleQuietMs: 0 });
  return { stand: standIn, org: clientOf(standIn) };
}

describe('the org-wide token', () => {
  it('answers auth.test for the enterprise, and auth.teams.list with both workspaces', async () => {
    const { org } = await grid();
    expect(await org.auth.test()).toMatchObject({
      ok: true,
      url: 'https://globex.enterprise.slack.com/',
      team: 'Globex Corporation',
      team_id: 'E_GLOBEX',
      enterprise_id: 'E_GLOBEX',
      user_id: 'W_GLOBEXBOT',
      bot_id: 'B_GLOBEXBOT',
      is_enterprise_install: true,
    });
    const { teams } = await org.auth.teams.list();
    expect(teams?.map((t) => t.id)).toEqual(['T_GLOBEX_EU', 'T_GLOBEX_US']);
  });

  it('posts in both workspaces and DMs people of either', async () => {
    const { stand, org } = await grid();
    await org.chat.postMessage({ channel: 'C_GLOBEX_EU', text: 'Bonjour' });
    await org.chat.postMessage({ channel: 'C_GLOBEX_US', text: 'Hello' });
    await org.chat.postMessage({ channel: 'W_HUGO', text: 'Salut Hugo' });
    expect(
      stand
        .user('T_GLOBEX_EU', 'W_HUGO')
        .channelMessages('C_GLOBEX_EU')
        .map((m) => m.text),
    ).toEqual(['Bonjour']);
    expect(
      stand
        .user('T_GLOBEX_US', 'W_JAKE')
        .channelMessages('C_GLOBEX_US')
        .map((m) => m.text),
    ).toEqual(['Hello']);
    expect(
      stand
        .user('T_GLOBEX_EU', 'W_HUGO')
        .dms()
        .map((m) => m.text),
    ).toEqual(['Salut Hugo']);
    const opened = await org.conversations.open({ users: 'W_JAKE' });
    expect(opened.channel?.id).toMatch(/^D/);
  });

  it('does not reach the default seed’s workspaces, nor they the enterprise', async () => {
    const { stand, org } = await grid();
    expect(await errorOf(org.chat.postMessage({ channel: 'C_GENERAL', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await errorOf(clientOf(stand, 'xoxb-acme').users.info({ user: 'W_HUGO' }))).toBe('user_not_found');
  });

  it('needs team_id for users.list (missing_argument), and lists that workspace with it', async () => {
    const { org, stand } = await grid();
    expect(await errorOf(org.users.list({}))).toBe('missing_argument');
    const eu = await org.users.list({ team_id: 'T_GLOBEX_EU' });
    expect(eu.members?.map((m) => m.id)).toEqual(['W_GLOBEXBOT', 'W_GRACE', 'W_HUGO', 'W_IRIS']);
    expect(await errorOf(org.users.list({ team_id: 'T_ACME' }))).toBe('team_not_found');
    // A workspace token ignores team_id, as Slack documents.
    const acme = await clientOf(stand, 'xoxb-acme').users.list({ team_id: 'T_GLOBEX_EU' });
    expect(acme.members?.some((m) => m.id === 'U_ALICE')).toBe(true);
  });

  it('answers team_access_not_granted for a workspace of the enterprise the app was not added to', async () => {
    const seed = structuredClone(GRID_SEED) as SlackSeed;
    const enterprise = seed.enterprises?.[0];
    if (enterprise?.org_install) enterprise.org_install.teams = ['T_GLOBEX_EU'];
    const usTeam = seed.teams.find((t) => t.id === 'T_GLOBEX_US');
    if (usTeam) usTeam.bot_token = 'xoxb-globex-us';
    const { org } = await grid(seed);
    expect(await errorOf(org.users.list({ team_id: 'T_GLOBEX_US' }))).toBe('team_access_not_granted');
    expect(await errorOf(org.chat.postMessage({ channel: 'C_GLOBEX_US', text: 'x' }))).toBe(
      'channel_not_found',
    );
  });

  it('describes Grid users with enterprise_user, listing every workspace they are in', async () => {
    const { org } = await grid();
    const { user } = await org.users.info({ user: 'W_IRIS' });
    expect(user?.enterprise_user).toEqual({
      id: 'W_IRIS',
      enterprise_id: 'E_GLOBEX',
      enterprise_name: 'Globex Corporation',
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      teams: ['T_GLOBEX_EU', 'T_GLOBEX_US'],
    });
    const grace = await org.users.info({ user: 'W_GRACE' });
    expect(grace.user?.enterprise_user).toMatchObject({
      is_admin: true,
      is_owner: true,
      is_primary_owner: true,
    });
  });
});

describe('what the org-wide app receives', () => {
  it('commands from either workspace say is_enterprise_install, with enterprise_id and their team_id', async () => {
    const sources: AuthorizeSourceData<boolean>[] = [];
    const commands: SlashCommand[] = [];
    harness = await startHarness(
      (app: App) => {
        app.command('/zoom-status', async ({ ack, command, respond }) => {
          await ack();
          commands.push(command);
          await respond({ text: `Hello from ${command.team_id}` });
        });
      },
      {
        seed: GRID_SEED,
        authorize: async (source) => {
          sources.push(source);
          return { botToken: ORG_TOKEN, botUserId: 'W_GLOBEXBOT', botId: 'B_GLOBEXBOT' };
        },
      },
    );
    const iris = harness.standIn.user('T_GLOBEX_US', 'W_IRIS');
    const hugo = harness.standIn.user('T_GLOBEX_EU', 'W_HUGO');
    await iris.command('/zoom-status');
    await hugo.command('/zoom-status');
    expect(commands.map((c) => [c.team_id, c.enterprise_id, c.is_enterprise_install])).toEqual([
      ['T_GLOBEX_US', 'E_GLOBEX', 'true'],
      ['T_GLOBEX_EU', 'E_GLOBEX', 'true'],
    ]);
    expect(sources[0]).toMatchObject({
      enterpriseId: 'E_GLOBEX',
      teamId: 'T_GLOBEX_US',
      isEnterpriseInstall: true,
    });
    expect(iris.ephemerals().map((e) => e.text)).toEqual(['Hello from T_GLOBEX_US']);
  });

  it('block actions and events carry the enterprise, the workspace and authorizations', async () => {
    const bodies: Record<string, unknown>[] = [];
    harness = await startHarness(
      (app: App) => {
        app.event('app_home_opened', async ({ body }) => {
          bodies.push(body as unknown as Record<string, unknown>);
        });
        app.shortcut('new_meeting', async ({ ack, body }) => {
          await ack();
          bodies.push(body as unknown as Record<string, unknown>);
        });
      },
      {
        seed: GRID_SEED,
        authorize: async () => ({ botToken: ORG_TOKEN, botUserId: 'W_GLOBEXBOT', botId: 'B_GLOBEXBOT' }),
      },
    );
    const grace = harness.standIn.user('T_GLOBEX_EU', 'W_GRACE');
    await grace.openHome();
    await grace.shortcut('new_meeting');
    await harness.standIn.waitFor(() => bodies.length === 2);
    expect(bodies[0]).toMatchObject({
      team_id: 'T_GLOBEX_EU',
      enterprise_id: 'E_GLOBEX',
      authorizations: [
        {
          enterprise_id: 'E_GLOBEX',
          team_id: 'T_GLOBEX_EU',
          user_id: 'W_GLOBEXBOT',
          is_bot: true,
          is_enterprise_install: true,
        },
      ],
    });
    expect(bodies[1]).toMatchObject({
      type: 'shortcut',
      is_enterprise_install: true,
      enterprise: { id: 'E_GLOBEX', name: 'Globex Corporation' },
      team: { id: 'T_GLOBEX_EU', enterprise_id: 'E_GLOBEX' },
    });
  });
});

describe('deploying and removing the org-wide app', () => {
  it('an org admin’s OAuth install answers team null, the enterprise and is_enterprise_install', async () => {
    const seed = structuredClone(GRID_SEED) as SlackSeed;
    const install = seed.enterprises?.[0]?.org_install;
    if (install) install.installed = false;
    standIn = await startSlackStandIn({
      signingSecret: 's',
      seed,
      settleQuietMs: 0,
      clientId: 'cid',
      clientSecret: 'cs',
    });
    expect(await errorOf(clientOf(standIn).auth.test())).toBe('invalid_auth');
    const authorize = new URL(standIn.authorizeUrl);
    authorize.search = new URLSearchParams({
      client_id: 'cid',
      scope: 'commands,chat:write',
      state: 'st',
      redirect_uri: 'http://127.0.0.1:9/slack/oauth_redirect',
      team: 'E_GLOBEX',
      user: 'W_GRACE',
    }).toString();
    const approved = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchanged = await new WebClient(undefined, {
      slackApiUrl: standIn.apiUrl,
      logger: quietLogger,
    }).oauth.v2.access({
      client_id: 'cid',
      client_secret: 'cs',
      code,
      redirect_uri: 'http://127.0.0.1:9/slack/oauth_redirect',
    });
    expect(exchanged).toMatchObject({
      ok: true,
      access_token: ORG_TOKEN,
      token_type: 'bot',
      bot_user_id: 'W_GLOBEXBOT',
      team: null,
      enterprise: { id: 'E_GLOBEX', name: 'Globex Corporation' },
      is_enterprise_install: true,
      authed_user: { id: 'W_GRACE' },
    });
    expect(await clientOf(standIn).auth.test()).toMatchObject({ is_enterprise_install: true });
  });

  it('a workspace of the enterprise cannot install the org-wide app on its own', async () => {
    const { stand } = await grid(GRID_SEED);
    const code = stand.workspace.issueOAuthCode({
      teamId: 'T_GLOBEX_EU',
      userId: 'W_GRACE',
      redirectUri: undefined,
      scopes: [],
    });
    const answer = await new WebClient(undefined, { slackApiUrl: stand.apiUrl, logger: quietLogger }).oauth.v2
      .access({ client_id: 'any', client_secret: 'any', code: code.code })
      .catch((error: { data?: { error?: string } }) => error.data);
    expect(answer).toMatchObject({ error: 'cannot_install_an_org_installed_app' });
  });

  it('uninstalling revokes the one token in every workspace', async () => {
    const { stand, org } = await grid(GRID_SEED);
    stand.setAppUrl('http://127.0.0.1:9/unreachable');
    stand.workspace.revokeBotToken('T_GLOBEX_US');
    expect(await errorOf(org.chat.postMessage({ channel: 'C_GLOBEX_EU', text: 'x' }))).toBe('token_revoked');
    expect(stand.workspace.team('T_GLOBEX_EU')?.installed).toBe(false);
  });
});

/**
 * Enterprise Grid (issue 14, item 9): the app deployed org-wide — one installation for an
 * enterprise with two workspaces — through Bolt's real OAuth install. Each workspace keeps its own
 * organization connection (two Zoom accounts here) and settings; DMs, Home and the directory go
 * through the org-wide token to the right workspace's people; nothing of one is visible from the
 * other; and a second instance, which has never seen a request, still finds the installation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRID_SEED, type SlackSeed } from '../../sandbox/slack/index.js';
import { DEFAULT_ZOOM_SEED, type ZoomSeed } from '../../sandbox/zoom/index.js';
import {
  type AppHarness,
  approvalLinkIn,
  followLinkAsZoomUser,
  startAppHarness,
} from '../support/app-harness.js';

const EU = 'T_GLOBEX_EU';
const US = 'T_GLOBEX_US';
const text = (value: unknown) => JSON.stringify(value);

/** GRID_SEED with the org-wide app not deployed yet: the test deploys it through OAuth. */
function undeployedGrid(): SlackSeed {
  const seed = structuredClone(GRID_SEED) as SlackSeed;
  const install = seed.enterprises?.[0]?.org_install;
  if (install) install.installed = false;
  return seed;
}

/** One Zoom account per workspace: Europe's and the US's, each with its own owner. */
const zoomSeed: ZoomSeed = {
  account: { id: 'globex-eu', name: 'Globex Europe', roles: [] },
  users: [
    { email: 'eu-owner@globex.test', first_name: 'Eve', last_name: 'Europe', role_name: 'Owner', type: 2 },
    { email: 'grace@globex.test', first_name: 'Grace', last_name: 'Hopper', role_name: 'Member', type: 2 },
    { email: 'hugo@globex.test', first_name: 'Hugo', last_name: 'Lemaire', role_name: 'Member', type: 2 },
    { email: 'iris@globex.test', first_name: 'Iris', last_name: 'Novak', role_name: 'Member', type: 2 },
  ],
  accounts: [
    {
      id: 'globex-us',
      name: 'Globex US',
      roles: [],
      users: [
        {
          email: 'us-owner@globex.test',
          first_name: 'Uma',
          last_name: 'States',
          role_name: 'Owner',
          type: 2,
        },
        { email: 'jake@globex.test', first_name: 'Jake', last_name: 'Peralta', role_name: 'Member', type: 2 },
      ],
    },
  ],
  apps: DEFAULT_ZOOM_SEED.apps ?? [],
};

let h: AppHarness;
const person = (team: string, id: string) => h.slack.user(team, id);

/** Bolt's install route, as the org admin deploying the app to the whole enterprise would use it. */
async function deployOrgWide(enterprise: string, admin: string) {
  const start = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
  const authorize = new URL(h.slack.authorizeUrl);
  for (const [name, value] of new URL(start.headers.get('location') ?? '').searchParams)
    authorize.searchParams.set(name, value);
  authorize.searchParams.set('team', enterprise);
  authorize.searchParams.set('user', admin);
  const approved = await fetch(authorize, { redirect: 'manual' });
  const cookie = start.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const done = await fetch(approved.headers.get('location') ?? '', {
    redirect: 'manual',
    headers: { cookie },
  });
  expect(done.status).toBe(200);
}

/** A workspace admin connects their workspace to a Zoom account its owner approves. */
async function connectWorkspace(team: string, admin: string, zoomOwner: string) {
  const who = person(team, admin);
  await who.command('/zoom-connect', 'org');
  await who.select({ actionId: 'connect_org_path_choice', value: 'self' });
  await who.submit({});
  const link = approvalLinkIn(who.lastModal()?.view);
  expect((await followLinkAsZoomUser(h, link ?? '', zoomOwner)).status).toBe(200);
  // The outcome DM goes out through the org-wide token, to this workspace's admin.
  await who.waitFor(() => who.dms().some((m) => m.allText.includes(zoomOwner)), 5_000);
}

async function ephemeralAfter(team: string, id: string, command: string, args = '') {
  const who = person(team, id);
  const before = who.ephemerals().length;
  await who.command(command, args);
  return who.waitFor(() => (who.ephemerals().length > before ? who.ephemerals().at(-1) : undefined), 5_000);
}

beforeAll(async () => {
  h = await startAppHarness('grid', {
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: 'slack-client-id',
      SLACK_CLIENT_SECRET: 'slack-client-secret',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
    },
    slackClient: { clientId: 'slack-client-id', clientSecret: 'slack-client-secret' },
    slackSeed: undeployedGrid(),
    zoomSeed,
  });
  await deployOrgWide('E_GLOBEX', 'W_GRACE');
});
afterAll(async () => {
  await h?.stop();
});

describe('Enterprise Grid, deployed org-wide', () => {
  it('stores one installation for the enterprise, its token sealed', async () => {
    const stored = await h.app.models.slackInstallations.find({}).lean();
    expect(stored.map((s) => [s.workspaceId, s.enterpriseId, s.isEnterpriseInstall])).toEqual([
      ['E_GLOBEX', 'E_GLOBEX', true],
    ]);
    expect(JSON.stringify(stored)).not.toContain('xoxb-globex-org');
  });

  it('gives each workspace its own organization connection, through the one installation', async () => {
    await connectWorkspace(EU, 'W_GRACE', 'eu-owner@globex.test');
    await connectWorkspace(US, 'W_JAKE', 'us-owner@globex.test');
    expect((await h.app.services.connections.getOrg(EU))?.zoomEmail).toBe('eu-owner@globex.test');
    expect((await h.app.services.connections.getOrg(US))?.zoomEmail).toBe('us-owner@globex.test');
    // Each workspace is recorded with its enterprise and its own name (not the enterprise's).
    const workspaces = await h.app.models.workspaces.find({}).sort({ workspaceId: 1 }).lean();
    expect(workspaces.map((w) => [w.workspaceId, w.name, w.enterpriseId])).toEqual([
      [EU, 'Globex Europe', 'E_GLOBEX'],
      [US, 'Globex US', 'E_GLOBEX'],
    ]);
  });

  it('keeps the settings of each workspace apart', async () => {
    const grace = person(EU, 'W_GRACE');
    await grace.command('/zoom-settings');
    await grace.submit({ settings_options: { settings_options_check: ['auto_start_summary'] } });
    await grace.waitFor(
      () => grace.dms().some((m) => m.allText.includes('Settings saved for *Globex Europe*')),
      5_000,
    );
    expect((await h.app.services.settings.get(EU)).autoStartSummary).toBe(true);
    expect((await h.app.services.settings.get(US)).autoStartSummary).toBe(false);
  });

  it('serves each member from their workspace’s account, and Home reaches them', async () => {
    const hugo = await ephemeralAfter(EU, 'W_HUGO', '/zoom-status');
    expect(hugo.allText).toContain('organisation');
    const jake = person(US, 'W_JAKE');
    await jake.openHome();
    const home = await jake.waitFor(() => jake.home(), 5_000);
    expect(home.allText).toContain('us-owner@globex.test');
    expect(home.allText).not.toContain('eu-owner@globex.test');
    const hugoHome = person(EU, 'W_HUGO');
    await hugoHome.openHome();
    expect((await hugoHome.waitFor(() => hugoHome.home(), 5_000)).allText).not.toContain('us-owner');
  });

  it('lists only the workspace’s own members and Zoom matches (Iris is in both, with a Zoom user in Europe’s account only)', async () => {
    const eu = await ephemeralAfter(EU, 'W_GRACE', '/zoom-status', 'users');
    expect(eu.allText).toContain('<@W_HUGO>');
    expect(eu.allText).not.toContain('<@W_JAKE>');
    expect(eu.allText).not.toContain('no Zoom user for iris@globex.test');
    const us = await ephemeralAfter(US, 'W_JAKE', '/zoom-status', 'users');
    expect(us.allText).toContain('<@W_JAKE>');
    expect(us.allText).not.toContain('<@W_HUGO>');
    expect(us.allText).toContain('no Zoom user for iris@globex.test');
    // Jake is an admin of the US workspace only: he is not one in Europe, where he is not a member.
    expect(text(await ephemeralAfter(US, 'W_JAKE', '/zoom-status', '<@W_HUGO|hugo>'))).not.toContain(
      'hugo@globex.test',
    );
  });

  it('a second instance that never saw a request finds the installation for work Zoom starts', async () => {
    const second = await h.startInstance('instance-2');
    h.zoom.control.setWebhookTarget(`${second.url}/zoom/webhooks`);
    const jake = person(US, 'W_JAKE');
    const before = jake.dms().length;
    // The US account's owner removes the org app in Zoom: the US admins are told, by the org-wide token.
    await h.zoom.control.deauthorize('org-app', 'us-owner@globex.test');
    await h.zoom.control.webhooksSettled();
    const alert = await jake.waitFor(
      () =>
        jake
          .dms()
          .slice(before)
          .find((m) => m.allText.includes('connection stopped')),
      5_000,
    );
    expect(alert.allText).toContain('The app was removed from the Zoom account.');
    expect((await h.app.services.connections.getOrg(US))?.status).toBe('disconnected');
    // Europe's connection is untouched. Grace, an admin of both workspaces, is told once (for the
    // US); on Grid her DM with the bot is one conversation, which the stand-in keeps in Europe.
    expect((await h.app.services.connections.getOrg(EU))?.status).toBe('active');
    expect(
      person(EU, 'W_GRACE')
        .dms()
        .filter((m) => m.allText.includes('connection stopped')),
    ).toHaveLength(1);
    expect(text(person(EU, 'W_HUGO').dms())).not.toContain('connection stopped');
  });

  it('produced no Slack error', () => {
    expect(h.slack.errors()).toEqual([]);
  });
});

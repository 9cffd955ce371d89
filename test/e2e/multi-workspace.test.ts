/**
 * Multi-workspace mode (DESIGN §2.3): Slack OAuth install through Bolt's InstallProvider into the
 * MongoDB installation store (bot tokens encrypted), two workspaces served with their own tokens
 * and data, and `app_uninstalled` removing the installation and releasing the Zoom grants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppHarness,
  approvalLinkIn,
  followLinkAsZoomUser,
  startAppHarness,
} from '../support/app-harness.js';

let h: AppHarness;
const text = (value: unknown) => JSON.stringify(value);

async function install(team: string, user: string) {
  const start = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location') ?? '');
  authorize.searchParams.set('team', team);
  authorize.searchParams.set('user', user);
  const approved = await fetch(authorize, { redirect: 'manual' });
  const cookies = start.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const callback = await fetch(approved.headers.get('location') ?? '', {
    redirect: 'manual',
    headers: { cookie: cookies },
  });
  expect(callback.status).toBe(200);
}

beforeAll(async () => {
  h = await startAppHarness('multi_workspace', {
    env: {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: 'slack-client-id',
      SLACK_CLIENT_SECRET: 'slack-client-secret',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
    },
    slackClient: { clientId: 'slack-client-id', clientSecret: 'slack-client-secret' },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('multi-workspace mode', () => {
  it('installs two workspaces and stores their bot tokens encrypted', async () => {
    expect(h.app.config.slack.mode).toBe('multi');
    await install('T_ACME', 'U_SLACKADMIN');
    await install('T_OTHER', 'U_OTHERADMIN');
    const stored = await h.app.models.slackInstallations.find({}).lean();
    expect(stored.map((s) => s.workspaceId).sort()).toEqual(['T_ACME', 'T_OTHER']);
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain('xoxb-acme');
    expect(raw).not.toContain('xoxb-other');
  });

  it('serves each workspace with its own token and keeps their data apart', async () => {
    const acmeAdmin = h.slack.user('T_ACME', 'U_SLACKADMIN');
    await acmeAdmin.command('/zoom-connect', 'org');
    await acmeAdmin.select({ actionId: 'connect_org_path_choice', value: 'self' });
    await acmeAdmin.submit({});
    const link = approvalLinkIn(acmeAdmin.lastModal()?.view);
    expect((await followLinkAsZoomUser(h, link ?? '', 'zoom-admin@acme.test')).status).toBe(200);

    const otherAdmin = h.slack.user('T_OTHER', 'U_OTHERADMIN');
    const before = otherAdmin.ephemerals().length;
    await otherAdmin.command('/zoom-status');
    const reply = await otherAdmin.waitFor(
      () => (otherAdmin.ephemerals().length > before ? otherAdmin.ephemerals().at(-1) : undefined),
      5_000,
    );
    // T_OTHER has no organization connection: T_ACME's does not leak across.
    expect(text(reply)).not.toContain('zoom-admin@acme.test');
    expect(text(reply)).toContain('No Zoom account is active');
    expect(await h.app.services.connections.getOrg('T_OTHER')).toBeNull();
    expect((await h.app.services.connections.getOrg('T_ACME'))?.zoomEmail).toBe('zoom-admin@acme.test');
  });

  it('forgets a workspace that uninstalls the app', async () => {
    await h.slack.sendEvent('T_OTHER', { type: 'app_uninstalled' });
    await h.slack.settle();
    const left = await h.app.models.slackInstallations.find({}).lean();
    expect(left.map((s) => s.workspaceId)).toEqual(['T_ACME']);
  });

  it('an uninstall releases the workspace’s Zoom grant at Zoom, and jobs skip it until it is installed again', async () => {
    const liveOrgGrants = () =>
      h.zoom.control
        .state()
        .grants.filter((g) => g.email === 'zoom-admin@acme.test' && g.clientId === 'org-app' && g.active);
    expect(liveOrgGrants()).toHaveLength(1);
    await h.slack.sendEvent('T_ACME', { type: 'app_uninstalled' });
    await h.slack.settle();
    await h.app.afterAck.drain(5_000);
    expect(liveOrgGrants()).toHaveLength(0);
    expect((await h.app.services.connections.getOrg('T_ACME'))?.status).toBe('disconnected');
    expect(await h.app.services.lifecycle.listInstalled({ limit: 10 })).not.toContain('T_ACME');
    await install('T_ACME', 'U_SLACKADMIN');
    expect(await h.app.services.lifecycle.listInstalled({ limit: 10 })).toContain('T_ACME');
  });

  it('produced no Slack error', () => {
    expect(h.slack.errors()).toEqual([]);
  });
});

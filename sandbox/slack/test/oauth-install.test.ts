// The multi-workspace install flow through Bolt's real InstallProvider: install → oauth.v2.access →
// auth.test → installation stored → a command from the installed team uses that team's token.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Installation, InstallationQuery } from '@slack/bolt';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../index.js';
import { startSlackStandIn } from '../index.js';
import { SIGNING_SECRET } from './harness.js';

let standIn: SlackStandIn | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (!server) resolve();
    else {
      server.close(() => resolve());
      server.closeAllConnections();
    }
  });
  await standIn?.stop();
  server = undefined;
  standIn = undefined;
});

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('OAuth install (multi-workspace mode)', () => {
  it('installs the app in T_OTHER and then serves that team with the issued bot token', async () => {
    standIn = await startSlackStandIn({
      signingSecret: SIGNING_SECRET,
      clientId: 'cid',
      clientSecret: 'csecret',
    });
    const installations = new Map<string, Installation>();
    let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
    server = createServer((req, res) => handler?.(req, res));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const receiver = new ExpressReceiver({
      signingSecret: SIGNING_SECRET,
      clientId: 'cid',
      clientSecret: 'csecret',
      stateSecret: 'state-secret',
      scopes: ['commands', 'chat:write', 'im:write', 'users:read', 'users:read.email'],
      redirectUri: `${base}/slack/oauth_redirect`,
      logLevel: LogLevel.ERROR,
      installationStore: {
        storeInstallation: async (installation) => {
          installations.set(installation.team?.id ?? '', installation);
        },
        fetchInstallation: async (query: InstallationQuery<boolean>) => {
          const found = installations.get(query.teamId ?? '');
          if (!found) throw new Error(`no installation for ${query.teamId}`);
          return found;
        },
        deleteInstallation: async (query) => {
          installations.delete(query.teamId ?? '');
        },
      },
      installerOptions: {
        authorizationUrl: standIn.authorizeUrl,
        directInstall: true,
        redirectUriPath: '/slack/oauth_redirect',
        clientOptions: { slackApiUrl: standIn.apiUrl },
      },
    });
    const app = new App({
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: standIn.apiUrl },
    });
    app.command('/zoom-status', async ({ ack, client, command, context }) => {
      await ack();
      await client.chat.postMessage({ channel: command.user_id, text: `token for ${context.teamId}` });
    });
    handler = receiver.app;
    standIn.setAppUrl(`${base}/slack/events`);

    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location') ?? '');
    expect(authorize.origin + authorize.pathname).toBe(standIn.authorizeUrl);
    authorize.searchParams.set('team', 'T_OTHER');
    authorize.searchParams.set('user', 'U_OTHERADMIN');
    const approved = await fetch(authorize, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = await fetch(approved.headers.get('location') ?? '', {
      redirect: 'manual',
      headers: { cookie: cookiesOf(install) },
    });
    expect(callback.status).toBe(200);

    expect(installations.get('T_OTHER')).toMatchObject({
      team: { id: 'T_OTHER', name: 'Other Corp' },
      bot: { token: 'xoxb-other', userId: 'U_OTHERBOT', id: 'B_OTHERBOT' },
      user: { id: 'U_OTHERADMIN' },
      isEnterpriseInstall: false,
    });

    const other = standIn.user('T_OTHER', 'U_OTHERADMIN');
    await other.command('/zoom-status');
    expect(other.dms().map((m) => m.text)).toEqual(['token for T_OTHER']);
    expect(standIn.errors()).toEqual([]);
  });
});

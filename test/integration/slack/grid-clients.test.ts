// Which Web API client serves a workspace (src/slack/clients.ts over the MongoDB installation
// store): a workspace's own installation, its enterprise's org-wide one on Enterprise Grid, or
// the one bot token in single-workspace mode; against the Slack stand-in's Grid organization.
import mongoose from 'mongoose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  combineSeeds,
  DEFAULT_SEED,
  GRID_SEED,
  type SlackStandIn,
  startSlackStandIn,
} from '../../../sandbox/slack/index.js';
import { loadConfig } from '../../../src/config.js';
import { createTokenCipher, generateEncryptionKey } from '../../../src/crypto/token-cipher.js';
import { createModels, ensureIndexes, type Models } from '../../../src/db/models/index.js';
import { isAppError } from '../../../src/errors.js';
import { createSlackClients } from '../../../src/slack/clients.js';
import { createSlackDirectory } from '../../../src/slack/directory.js';
import {
  createMongoInstallationStore,
  type MongoInstallationStore,
} from '../../../src/slack/installation-store.js';
import { createWorkspaceRegistry } from '../../../src/slack/workspaces.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../../support/database.js';

const logger = pino({ level: 'silent' });
let db: TestDatabase;
let connection: mongoose.Connection;
let models: Models;
let slack: SlackStandIn;
let store: MongoInstallationStore;

function slackConfig(env: Record<string, string>) {
  return loadConfig({
    SLACK_SIGNING_SECRET: 's',
    SLACK_API_URL: slack.apiUrl,
    ZOOM_ORG_CLIENT_ID: 'o',
    ZOOM_ORG_CLIENT_SECRET: 'o',
    ZOOM_ORG_WEBHOOK_SECRET: 'o',
    ZOOM_USER_CLIENT_ID: 'u',
    ZOOM_USER_CLIENT_SECRET: 'u',
    ZOOM_USER_WEBHOOK_SECRET: 'u',
    PUBLIC_URL: 'http://127.0.0.1:9',
    MONGODB_URI: 'mongodb://127.0.0.1:9/x',
    TOKEN_ENCRYPTION_KEYS: `k:${Buffer.alloc(32, 7).toString('base64')}`,
    NODE_ENV: 'test',
    ...env,
  }).slack;
}

const multi = () =>
  slackConfig({
    SLACK_CLIENT_ID: 'c',
    SLACK_CLIENT_SECRET: 'c',
    SLACK_STATE_SECRET: 'a-long-random-state-secret',
  });

/** Who a client is, as Slack says: `auth.test`'s team and whether it is an org-wide token. */
async function identity(client: Awaited<ReturnType<ReturnType<typeof createSlackClients>['forWorkspace']>>) {
  const result = await client.auth.test();
  return { team: result.team_id, orgWide: result.is_enterprise_install === true };
}

beforeAll(async () => {
  db = await startTestDatabase();
  connection = mongoose.createConnection(uniqueDatabaseUri(db.uri, 'grid_clients'));
  await connection.asPromise();
  models = createModels(connection);
  await ensureIndexes(models);
  slack = await startSlackStandIn({
    signingSecret: 's',
    seed: combineSeeds(DEFAULT_SEED, GRID_SEED),
    settleQuietMs: 0,
  });
  store = createMongoInstallationStore({
    installations: models.slackInstallations,
    box: createTokenCipher([generateEncryptionKey('test')]),
    logger,
  });
  // What Bolt's InstallProvider stores after the two OAuth answers (DESIGN §2.3, multi-workspace).
  await store.storeInstallation({
    team: { id: 'T_ACME', name: 'Acme' },
    enterprise: undefined,
    user: { id: 'U_SLACKADMIN', token: undefined, scopes: undefined },
    bot: { id: 'B_BOT', userId: 'U_BOT', token: 'xoxb-acme', scopes: ['commands'] },
    isEnterpriseInstall: false,
  });
  await store.storeInstallation({
    team: undefined,
    enterprise: { id: 'E_GLOBEX', name: 'Globex Corporation' },
    user: { id: 'W_GRACE', token: undefined, scopes: undefined },
    bot: { id: 'B_GLOBEXBOT', userId: 'W_GLOBEXBOT', token: 'xoxb-globex-org', scopes: ['commands'] },
    isEnterpriseInstall: true,
  });
});
afterAll(async () => {
  await slack?.stop();
  await connection?.dropDatabase().catch(() => undefined);
  await connection?.close();
  await db?.stop();
});

describe('multi-workspace clients', () => {
  it('serve a workspace with its own installation', async () => {
    const clients = createSlackClients({ slack: multi(), logger, installationStore: store });
    expect(await identity(await clients.forWorkspace('T_ACME'))).toEqual({ team: 'T_ACME', orgWide: false });
  });

  it('serve a Grid workspace with its enterprise’s org-wide installation once its enterprise is known', async () => {
    const clients = createSlackClients({ slack: multi(), logger, installationStore: store });
    await expect(clients.forWorkspace('T_GLOBEX_EU')).rejects.toThrow(/No installation/);
    clients.noteEnterprise('T_GLOBEX_EU', 'E_GLOBEX');
    expect(await clients.enterpriseOf('T_GLOBEX_EU')).toBe('E_GLOBEX');
    expect(await identity(await clients.forWorkspace('T_GLOBEX_EU'))).toEqual({
      team: 'E_GLOBEX',
      orgWide: true,
    });
    // A caller that knows the enterprise passes it.
    expect((await identity(await clients.forWorkspace('T_GLOBEX_US', 'E_GLOBEX'))).orgWide).toBe(true);
  });

  it('read the enterprise stored with the workspace when no request said it (jobs, webhooks)', async () => {
    const asked: string[] = [];
    const clients = createSlackClients({
      slack: multi(),
      logger,
      installationStore: store,
      storedEnterpriseOf: async (workspaceId) => {
        asked.push(workspaceId);
        return workspaceId.startsWith('T_GLOBEX') ? 'E_GLOBEX' : undefined;
      },
    });
    expect((await identity(await clients.forWorkspace('T_GLOBEX_US'))).orgWide).toBe(true);
    expect(asked).toEqual(['T_GLOBEX_US']);
    await expect(clients.forWorkspace('T_NOWHERE')).rejects.toThrow(/No installation/);
  });

  it('find a Grid workspace’s own (workspace-level) installation without knowing its enterprise', async () => {
    await store.storeInstallation({
      team: { id: 'T_SOLO', name: 'Solo' },
      enterprise: { id: 'E_SOLO', name: 'Solo Corp' },
      user: { id: 'U1', token: undefined, scopes: undefined },
      bot: { id: 'B1', userId: 'U1B', token: 'xoxb-solo', scopes: [] },
      isEnterpriseInstall: false,
    });
    const found = await store.fetchForWorkspace('T_SOLO', undefined);
    expect(found.bot?.token).toBe('xoxb-solo');
    expect(found.enterprise?.id).toBe('E_SOLO');
  });

  it('list a Grid workspace’s members through the org-wide token (users.list with team_id)', async () => {
    const clients = createSlackClients({ slack: multi(), logger, installationStore: store });
    clients.noteEnterprise('T_GLOBEX_US', 'E_GLOBEX');
    clients.noteEnterprise('T_GLOBEX_EU', 'E_GLOBEX');
    const directory = createSlackDirectory(clients);
    const us = await directory.listUsers('T_GLOBEX_US');
    expect(us.users.map((u) => u.id).sort()).toEqual(['W_GLOBEXBOT', 'W_GRACE', 'W_IRIS', 'W_JAKE']);
    const eu = await directory.listUsers('T_GLOBEX_EU');
    expect(eu.users.map((u) => u.id)).not.toContain('W_JAKE');
    expect((await directory.userInfo('T_GLOBEX_US', 'W_JAKE'))?.isAdmin).toBe(true);
  });

  it('record a Grid workspace with its own name (not the enterprise’s) and its enterprise', async () => {
    const clients = createSlackClients({ slack: multi(), logger, installationStore: store });
    clients.noteEnterprise('T_GLOBEX_EU', 'E_GLOBEX');
    const ensured: Array<[string, unknown]> = [];
    const registry = createWorkspaceRegistry({
      clients,
      logger,
      services: {
        settings: {
          workspaceInfo: async () => null,
          ensureWorkspace: async (workspaceId: string, info: unknown) =>
            void ensured.push([workspaceId, info]),
        },
        directory: { syncFromSlack: async () => ({ members: 0, pages: 0 }) },
      },
    });
    await registry.ensureKnown('T_GLOBEX_EU');
    expect(ensured).toEqual([['T_GLOBEX_EU', { name: 'Globex Europe', enterpriseId: 'E_GLOBEX' }]]);
  });
});

describe('single-token clients', () => {
  it('accept an org-wide token for the workspaces it covers, and nothing else', async () => {
    const clients = createSlackClients({
      slack: slackConfig({ SLACK_BOT_TOKEN: 'xoxb-globex-org' }),
      logger,
    });
    expect((await identity(await clients.forWorkspace('T_GLOBEX_US'))).orgWide).toBe(true);
    const refused = await clients.forWorkspace('T_ACME').catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('wrong_workspace');
  });

  it('keep a workspace token to its own workspace', async () => {
    const clients = createSlackClients({ slack: slackConfig({ SLACK_BOT_TOKEN: 'xoxb-acme' }), logger });
    expect((await identity(await clients.forWorkspace('T_ACME'))).team).toBe('T_ACME');
    const refused = await clients.forWorkspace('T_GLOBEX_EU').catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('wrong_workspace');
  });
});

/**
 * Existing data keeps working (issue 13): a database written by the previous version (round 1,
 * commit 528b098 — see test/fixtures/README.md) is migrated at start-up, once across instances
 * (two racing runners: each migration applied by exactly one, recorded), idempotently (a second
 * run changes nothing), and then the app serves it: the same tokens, now per grant and bound to
 * it, the member still on her personal account, the pending link still working.
 */
import { readFileSync } from 'node:fs';
import { EJSON } from 'bson';
import mongoose from 'mongoose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher, parseEncryptionKeys } from '../../src/crypto/token-cipher.js';
import { createModels, ensureIndexes, type Models } from '../../src/db/models/index.js';
import { grantSeal, requestTokenSeal } from '../../src/db/sealed-fields.js';
import { createLeaseManager } from '../../src/jobs/leases.js';
import { MIGRATIONS, runMigrations } from '../../src/ops/migrations/index.js';
import { type AppHarness, startAppHarness } from '../support/app-harness.js';
import { startTestDatabase, type TestDatabase, uniqueDatabaseUri } from '../support/database.js';
import { followLinkAsZoomUser } from '../support/link-browser.js';

// The key round 1's e2e harness sealed with (test/e2e/reliability/support/harness.ts).
const cipher = createTokenCipher(parseEncryptionKeys(`e2e:${Buffer.alloc(32, 42).toString('base64')}`));
const logger = pino({ level: 'silent' });
const fixture = EJSON.parse(
  readFileSync(new URL('../fixtures/round1-database.json', import.meta.url), 'utf8'),
  {
    relaxed: false,
  },
) as Record<string, Array<Record<string, unknown>>>;

let database: TestDatabase;

async function loadFixture(
  name: string,
): Promise<{ uri: string; connection: mongoose.Connection; models: Models }> {
  const uri = uniqueDatabaseUri(database.uri, name);
  const connection = await mongoose.createConnection(uri).asPromise();
  for (const [collection, docs] of Object.entries(fixture)) {
    if (docs.length > 0) await connection.db?.collection(collection).insertMany(docs);
  }
  const models = createModels(connection);
  await ensureIndexes(models);
  return { uri, connection, models };
}

const runner = (models: Models, instanceId: string) =>
  runMigrations({
    migrations: MIGRATIONS,
    record: models.migrations,
    leases: createLeaseManager({ leases: models.leases, holder: instanceId }),
    context: { models, cipher, logger, clock: () => new Date() },
    instanceId,
    logger,
    pollMs: 20,
  });

const legacy = (collection: string, where: (doc: Record<string, unknown>) => boolean) => {
  const doc = fixture[collection]?.find(where);
  if (!doc) throw new Error(`no ${collection} document in the fixture`);
  return doc;
};
const legacyOpen = (sealed: unknown) =>
  cipher.open(String(sealed), { collection: '', workspace: '', subject: '', field: '' });

beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => {
  await database?.stop();
});

describe('migrations from a round-1 database', () => {
  it('the fixture is what round 1 wrote: embedded v1 credentials, v1 link tokens', () => {
    const org = legacy('org_connections', () => true);
    expect(org.credential).toBeDefined();
    expect(cipher.versionOf(String((org.credential as { accessToken: string }).accessToken))).toBe('v1');
    expect(fixture.zoom_grants).toBeUndefined();
  });

  it('two instances starting together apply each migration once, recorded; a rerun changes nothing', async () => {
    const { connection, models } = await loadFixture('migrate_race');
    try {
      const [a, b] = await Promise.all([runner(models, 'instance-a'), runner(models, 'instance-b')]);
      expect([...a.applied, ...b.applied].sort()).toEqual(MIGRATIONS.map((m) => m.id).sort());
      const records = await models.migrations.find({}).lean();
      expect(records.map((r) => r._id).sort()).toEqual(MIGRATIONS.map((m) => m.id).sort());
      expect(records.find((r) => r._id === '001-grants-from-connections')?.summary).toMatchObject({
        org: 1,
        personal: 1,
      });

      // The tokens are the same, now once per grant and bound to it.
      const orgLegacy = legacy('org_connections', () => true).credential as {
        accessToken: string;
        refreshToken: string;
      };
      const org = await models.orgConnections.findOne({ workspaceId: 'T_ACME' }).lean();
      expect(org && 'credential' in org).toBe(false);
      const grant = await models.zoomGrants.findById(org?.grantId).lean();
      expect(grant?.holders).toEqual([{ workspaceId: 'T_ACME', kind: 'org', generation: 1, active: true }]);
      const sealedAccess = grant?.credential?.accessToken ?? '';
      expect(cipher.versionOf(sealedAccess)).toBe('v2');
      expect(cipher.open(sealedAccess, grantSeal('org', org?.zoomUserId ?? '', 'accessToken'))).toBe(
        legacyOpen(orgLegacy.accessToken),
      );
      // Bound: the same envelope does not open as another grant's.
      expect(() =>
        cipher.open(sealedAccess, grantSeal('user', org?.zoomUserId ?? '', 'accessToken')),
      ).toThrow();
      const bob = await models.personalConnections
        .findOne({ workspaceId: 'T_ACME', slackUserId: 'U_BOB' })
        .lean();
      const bobGrant = await models.zoomGrants.findById(bob?.grantId).lean();
      expect(bobGrant?.app).toBe('user');
      expect(bobGrant?.holders).toEqual([
        { workspaceId: 'T_ACME', kind: 'personal', slackUserId: 'U_BOB', active: true },
      ]);

      // Link tokens: v2, bound to their request, the same secret.
      const pending = legacy('approval_requests', (d) => d.status === 'pending');
      const request = await models.approvalRequests.findById(pending._id).lean();
      expect(cipher.versionOf(request?.tokenSealed ?? '')).toBe('v2');
      expect(cipher.open(request?.tokenSealed ?? '', requestTokenSeal('T_ACME', String(pending._id)))).toBe(
        legacyOpen(pending.tokenSealed),
      );

      const before = JSON.stringify(await connection.db?.collection('zoom_grants').find({}).toArray());
      expect((await runner(models, 'instance-c')).applied).toEqual([]);
      for (const migration of MIGRATIONS) {
        const summary = await migration.up({ models, cipher, logger, clock: () => new Date() });
        expect(
          Object.values(summary).every((n) => n === 0),
          migration.id,
        ).toBe(true);
      }
      expect(JSON.stringify(await connection.db?.collection('zoom_grants').find({}).toArray())).toBe(before);
    } finally {
      await connection.close();
    }
  });
});

describe('the app on a migrated round-1 database', () => {
  let h: AppHarness;
  let pendingLink: string;

  beforeAll(async () => {
    const { uri, connection } = await loadFixture('migrate_app');
    await connection.close();
    // The app migrates at start-up itself.
    h = await startAppHarness('migrated', { env: { MONGODB_URI: uri } });
    const pending = legacy('approval_requests', (d) => d.status === 'pending');
    pendingLink = `${h.app.config.publicUrl}/zoom/approve/${legacyOpen(pending.tokenSealed)}`;
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('members see the accounts they had: Bob his personal one, Alice the organization’s', async () => {
    expect((await h.app.models.migrations.countDocuments({})) >= MIGRATIONS.length).toBe(true);
    const bob = await h.app.services.status.getStatus('T_ACME', 'U_BOB');
    expect(bob.active).toBe('personal');
    const alice = await h.app.services.status.getStatus('T_ACME', 'U_ALICE');
    expect(alice.active).toBe('org');
  });

  it('a link sent by round 1 still opens, and a Zoom admin of the same account completes it', async () => {
    const page = await fetch(pendingLink);
    expect(page.status).toBe(200);
    const done = await followLinkAsZoomUser(h, pendingLink, 'owner@acme.test');
    expect(done.status).toBe(200);
    const org = await h.app.models.orgConnections.findOne({ workspaceId: 'T_ACME' }).lean();
    expect(org?.zoomEmail).toBe('owner@acme.test');
    // And it serves: a meeting through the organization's connection.
    const meeting = await h.app.services.meetings.create('T_ACME', 'U_ALICE', {
      topic: 'After the migration',
    });
    expect(meeting.source).toBe('org');
  });
});

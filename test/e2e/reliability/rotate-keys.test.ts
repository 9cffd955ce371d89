/**
 * Key rotation against the test database: every stored secret (the Zoom grants, approval link
 * tokens and PKCE verifiers, Slack installation tokens) ends up sealed with the newest key, bound
 * to its record (v2, issue 13; legacy v1 envelopes are rewritten), with the same plaintext; a
 * token refresh that lands in the middle of the rotation is kept (compare-and-set), not
 * overwritten by a re-sealed older token.
 */
import { randomBytes } from 'node:crypto';
import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenCipher,
  type EncryptionKey,
  legacySealV1,
  type SealContext,
} from '../../../src/crypto/token-cipher.js';
import { grantSeal } from '../../../src/db/sealed-fields.js';
import { contextOf, rotateKeys } from '../../../src/ops/key-rotation.js';
import { runRotateKeys } from '../../../src/ops/rotate-keys.js';
import { startSignIn } from '../../support/link-browser.js';
import { connectOrg, connectPersonal } from './support/flows.js';
import { KEY, type ReliabilityHarness, startReliabilityHarness, T } from './support/harness.js';

let h: ReliabilityHarness;
const oldKey: EncryptionKey = { id: 'e2e', key: Buffer.from(KEY, 'base64') };
const newKey: EncryptionKey = { id: 'k2026', key: randomBytes(32) };
const oldCipher = createTokenCipher([oldKey]);
const rotatingCipher = createTokenCipher([newKey, oldKey]);
const newOnly = createTokenCipher([newKey]);

beforeAll(async () => {
  h = await startReliabilityHarness('rotate_keys');
  await connectOrg(h);
  await connectPersonal(h, 'U_BOB', 'bob@acme.test');
  // A pending request with one press on its page (so it holds a sealed PKCE verifier too).
  const created = await h.app.services.approvals.create(T, { kind: 'org', requesterId: 'U_SLACKADMIN' });
  expect((await startSignIn(created.link)).ok).toBe(true);
  // An installation written by round 1: v1 envelopes, bound to their key id only.
  await h.app.models.slackInstallations.create({
    workspaceId: 'T_INSTALLED',
    isEnterpriseInstall: false,
    installation: {
      team: { id: 'T_INSTALLED' },
      bot: {
        token: legacySealV1(oldKey, 'xoxb-installed'),
        refreshToken: legacySealV1(oldKey, 'xoxe-refresh'),
        id: 'B1',
      },
      user: { token: legacySealV1(oldKey, 'xoxp-user'), id: 'U1' },
    },
    installedAt: new Date(),
    updatedAt: new Date(),
  });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

interface Sealed {
  sealed: string;
  context: SealContext;
}

/** Every sealed string in the database, by where it is, with the context it is bound to. */
async function allSecrets(): Promise<Record<string, Sealed>> {
  const out: Record<string, Sealed> = {};
  const add = (name: string, collection: string, doc: Document, path: string, sealed: string) => {
    out[name] = { sealed, context: contextOf(collection, doc, path) };
  };
  for (const doc of await h.app.models.zoomGrants.collection.find({}).toArray()) {
    if (!doc.credential) continue;
    add(
      `grant:${doc.app}:${doc.zoomUserId}:access`,
      'zoom_grants',
      doc,
      'credential.accessToken',
      doc.credential.accessToken,
    );
    add(
      `grant:${doc.app}:${doc.zoomUserId}:refresh`,
      'zoom_grants',
      doc,
      'credential.refreshToken',
      doc.credential.refreshToken,
    );
  }
  for (const doc of await h.app.models.approvalRequests.collection.find({}).toArray()) {
    add(`request:${String(doc._id)}:token`, 'approval_requests', doc, 'tokenSealed', doc.tokenSealed);
    (doc.attempts as Array<{ codeVerifier: string }>).forEach((attempt, index) => {
      add(
        `request:${String(doc._id)}:verifier:${index}`,
        'approval_requests',
        doc,
        `attempts.${index}.codeVerifier`,
        attempt.codeVerifier,
      );
    });
  }
  for (const doc of await h.app.models.slackInstallations.collection.find({}).toArray()) {
    const installation = doc.installation as {
      bot: { token: string; refreshToken?: string };
      user?: { token?: string };
    };
    add(
      `slack:${doc.workspaceId}:bot`,
      'slack_installations',
      doc,
      'installation.bot.token',
      installation.bot.token,
    );
    if (installation.bot.refreshToken) {
      add(
        `slack:${doc.workspaceId}:bot-refresh`,
        'slack_installations',
        doc,
        'installation.bot.refreshToken',
        installation.bot.refreshToken,
      );
    }
    if (installation.user?.token) {
      add(
        `slack:${doc.workspaceId}:user`,
        'slack_installations',
        doc,
        'installation.user.token',
        installation.user.token,
      );
    }
  }
  return out;
}

describe('rotate-keys', () => {
  it('re-seals every secret with the newest key, bound to its record; a refresh during the rotation is kept', async () => {
    const before = await allSecrets();
    const names = Object.keys(before);
    expect(names.filter((n) => n.includes(':verifier:')).length).toBeGreaterThanOrEqual(1);
    expect(names.filter((n) => n.startsWith('grant:user:')).length).toBe(2);
    expect(names.filter((n) => n.startsWith('grant:org:')).length).toBe(2);
    expect(names.filter((n) => n.startsWith('slack:')).length).toBe(3);
    const plain = Object.fromEntries(
      Object.entries(before).map(([name, { sealed, context }]) => [name, oldCipher.open(sealed, context)]),
    );
    expect(Object.values(before).every(({ sealed }) => oldCipher.keyIdOf(sealed) === 'e2e')).toBe(true);
    expect(oldCipher.versionOf(before['slack:T_INSTALLED:bot']?.sealed ?? '')).toBe('v1');

    const orgGrant = await h.app.models.zoomGrants.findOne({ app: 'org' }).lean();
    if (!orgGrant) throw new Error('no org grant');
    const orgName = `grant:org:${orgGrant.zoomUserId}`;
    let raced = false;
    const report = await rotateKeys({
      models: h.app.models,
      cipher: rotatingCipher,
      batchSize: 2,
      onRead: async (collection, id) => {
        if (collection !== 'zoom_grants' || raced || String(id) !== String(orgGrant._id)) return;
        raced = true;
        // Another instance (already on the new key ring) refreshes the org tokens right now.
        await h.app.models.zoomGrants.updateOne(
          { _id: id },
          {
            $set: {
              'credential.accessToken': rotatingCipher.seal(
                'refreshed-access',
                grantSeal('org', orgGrant.zoomUserId, 'accessToken'),
              ),
              'credential.refreshToken': rotatingCipher.seal(
                'refreshed-refresh',
                grantSeal('org', orgGrant.zoomUserId, 'refreshToken'),
              ),
            },
          },
        );
      },
    });
    const grants = report.find((c) => c.collection === 'zoom_grants');
    expect(grants?.conflicts).toBe(1);
    expect(report.every((c) => c.failed === 0)).toBe(true);
    expect(report.reduce((sum, c) => sum + c.rotated, 0)).toBeGreaterThanOrEqual(5);

    const after = await allSecrets();
    expect(Object.keys(after).sort()).toEqual(names.sort());
    for (const [name, { sealed, context }] of Object.entries(after)) {
      expect(newOnly.keyIdOf(sealed), name).toBe('k2026');
      expect(newOnly.versionOf(sealed), name).toBe('v2');
      const expected =
        name === `${orgName}:access`
          ? 'refreshed-access'
          : name === `${orgName}:refresh`
            ? 'refreshed-refresh'
            : plain[name];
      expect(newOnly.open(sealed, context), name).toBe(expected);
    }
  });

  it('the command: counts printed, a second run finds nothing to do, a missing key fails loudly', async () => {
    const lines: string[] = [];
    const env = {
      MONGODB_URI: h.mongoUri,
      TOKEN_ENCRYPTION_KEYS: `k2026:${newKey.key.toString('base64')},e2e:${KEY}`,
    };
    expect(await runRotateKeys(env, (line) => lines.push(line))).toBe(0);
    const output = lines.join('\n');
    expect(output).toContain('newest key: k2026');
    expect(output).toMatch(/zoom_grants: scanned=2 rotated=0 current=2 conflicts=0 failed=0/);
    expect(output).not.toContain(newKey.key.toString('base64'));

    // A ring without the key some secret was sealed with: reported, exit code 1, nothing changed.
    const lost = { id: 'gone', key: randomBytes(32) };
    await h.app.models.slackInstallations.create({
      workspaceId: 'T_LOST',
      isEnterpriseInstall: false,
      installation: { team: { id: 'T_LOST' }, bot: { token: legacySealV1(lost, 'x') } },
      installedAt: new Date(),
      updatedAt: new Date(),
    });
    const failed: string[] = [];
    expect(await runRotateKeys(env, (line) => failed.push(line))).toBe(1);
    expect(failed.join('\n')).toMatch(/slack_installations: .*failed=1/);

    const missing: string[] = [];
    expect(await runRotateKeys({}, (line) => missing.push(line))).toBe(2);
    expect(missing.join('\n')).toMatch(/MONGODB_URI/);
  });
});

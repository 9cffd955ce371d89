/**
 * Key rotation against the test database: every stored secret (org and personal credentials,
 * approval link tokens and PKCE verifiers, Slack installation tokens) ends up under the newest
 * key with the same plaintext, and a token refresh that lands in the middle of the rotation is
 * kept (compare-and-set), not overwritten by a re-encrypted older token.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenCipher, type EncryptionKey } from '../../../src/crypto/token-cipher.js';
import { rotateKeys } from '../../../src/ops/key-rotation.js';
import { runRotateKeys } from '../../../src/ops/rotate-keys.js';
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
  // A pending request with one click on it (so it holds a sealed PKCE verifier too).
  const created = await h.app.services.approvals.create(T, { kind: 'org', requesterId: 'U_SLACKADMIN' });
  expect((await fetch(`${created.link}?go=1`, { redirect: 'manual' })).status).toBe(302);
  await h.app.models.slackInstallations.create({
    workspaceId: 'T_INSTALLED',
    isEnterpriseInstall: false,
    installation: {
      team: { id: 'T_INSTALLED' },
      bot: {
        token: oldCipher.encrypt('xoxb-installed'),
        refreshToken: oldCipher.encrypt('xoxe-refresh'),
        id: 'B1',
      },
      user: { token: oldCipher.encrypt('xoxp-user'), id: 'U1' },
    },
    installedAt: new Date(),
    updatedAt: new Date(),
  });
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

/** Every sealed string in the database, by where it is. */
async function allSecrets(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const doc of await h.app.models.orgConnections.find({}).lean()) {
    if (doc.credential) {
      out[`org:${doc.workspaceId}:access`] = doc.credential.accessToken;
      out[`org:${doc.workspaceId}:refresh`] = doc.credential.refreshToken;
    }
  }
  for (const doc of await h.app.models.personalConnections.find({}).lean()) {
    if (doc.credential) {
      out[`personal:${doc.slackUserId}:access`] = doc.credential.accessToken;
      out[`personal:${doc.slackUserId}:refresh`] = doc.credential.refreshToken;
    }
  }
  for (const doc of await h.app.models.approvalRequests.find({}).lean()) {
    out[`request:${String(doc._id)}:token`] = doc.tokenSealed;
    doc.attempts.forEach((attempt, index) => {
      out[`request:${String(doc._id)}:verifier:${index}`] = attempt.codeVerifier;
    });
  }
  for (const doc of await h.app.models.slackInstallations.find({}).lean()) {
    const installation = doc.installation as {
      bot: { token: string; refreshToken: string };
      user: { token: string };
    };
    out[`slack:${doc.workspaceId}:bot`] = installation.bot.token;
    out[`slack:${doc.workspaceId}:bot-refresh`] = installation.bot.refreshToken;
    out[`slack:${doc.workspaceId}:user`] = installation.user.token;
  }
  return out;
}

describe('rotate-keys', () => {
  it('re-encrypts every secret with the newest key; a refresh during the rotation is kept', async () => {
    const before = await allSecrets();
    const names = Object.keys(before);
    expect(names.filter((n) => n.includes(':verifier:')).length).toBeGreaterThanOrEqual(1);
    expect(names.filter((n) => n.startsWith('personal:')).length).toBe(2);
    expect(names.filter((n) => n.startsWith('slack:')).length).toBe(3);
    const plain = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, oldCipher.decrypt(v)]));
    expect(Object.values(before).every((v) => oldCipher.keyIdOf(v) === 'e2e')).toBe(true);

    let raced = false;
    const report = await rotateKeys({
      models: h.app.models,
      cipher: rotatingCipher,
      batchSize: 2,
      onRead: async (collection, id) => {
        if (collection !== 'org_connections' || raced) return;
        raced = true;
        // Another instance (already on the new key ring) refreshes the org tokens right now.
        await h.app.models.orgConnections.updateOne(
          { _id: id },
          {
            $set: {
              'credential.accessToken': rotatingCipher.encrypt('refreshed-access'),
              'credential.refreshToken': rotatingCipher.encrypt('refreshed-refresh'),
            },
          },
        );
      },
    });
    const org = report.find((c) => c.collection === 'org_connections');
    expect(org?.conflicts).toBe(1);
    expect(report.every((c) => c.failed === 0)).toBe(true);
    expect(report.reduce((sum, c) => sum + c.rotated, 0)).toBeGreaterThanOrEqual(3);

    const after = await allSecrets();
    expect(Object.keys(after).sort()).toEqual(names.sort());
    for (const [name, sealed] of Object.entries(after)) {
      expect(newOnly.keyIdOf(sealed), name).toBe('k2026');
      const expected =
        name === `org:${T}:access`
          ? 'refreshed-access'
          : name === `org:${T}:refresh`
            ? 'refreshed-refresh'
            : plain[name];
      expect(newOnly.decrypt(sealed), name).toBe(expected);
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
    expect(output).toMatch(/org_connections: scanned=1 rotated=0 current=1 conflicts=0 failed=0/);
    expect(output).not.toContain(newKey.key.toString('base64'));

    // A ring without the key some secret was sealed with: reported, exit code 1, nothing changed.
    await h.app.models.slackInstallations.create({
      workspaceId: 'T_LOST',
      isEnterpriseInstall: false,
      installation: {
        team: { id: 'T_LOST' },
        bot: { token: createTokenCipher([{ id: 'gone', key: randomBytes(32) }]).encrypt('x') },
      },
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

/**
 * The sandbox's generated secrets. The token encryption key must survive a restart together with
 * the database (tokens stored last time must still decrypt), so with a data directory they are
 * kept in `<dataDir>/sandbox-secrets.json` (mode 0600); without one they live for this run only.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const secretsSchema = z.object({
  encryptionKeys: z.string().min(10),
  slackSigningSecret: z.string().min(16),
  slackClientId: z.string().min(4),
  slackClientSecret: z.string().min(16),
  slackStateSecret: z.string().min(16),
});

export type SandboxSecrets = z.infer<typeof secretsSchema>;

export function generateSecrets(): SandboxSecrets {
  const random = () => randomBytes(24).toString('hex');
  return {
    // TOKEN_ENCRYPTION_KEYS' documented format: `id:base64(32 random bytes)`.
    encryptionKeys: `sandbox:${randomBytes(32).toString('base64')}`,
    slackSigningSecret: random(),
    slackClientId: `sandbox.${randomBytes(6).toString('hex')}`,
    slackClientSecret: random(),
    slackStateSecret: random(),
  };
}

export async function loadOrCreateSecrets(dataDir: string | undefined): Promise<SandboxSecrets> {
  if (!dataDir) return generateSecrets();
  const path = join(dataDir, 'sandbox-secrets.json');
  try {
    const parsed = secretsSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or unreadable: generate below. (A broken file is replaced, as it holds nothing else.)
  }
  const secrets = generateSecrets();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

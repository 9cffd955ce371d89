/**
 * `npm run rotate-keys` (node dist/ops/rotate-keys.js): re-encrypts every stored secret with the
 * first key of TOKEN_ENCRYPTION_KEYS. Needs only MONGODB_URI and TOKEN_ENCRYPTION_KEYS; safe to run
 * while instances serve (see key-rotation.ts). Prints one line of counts per collection and exits
 * non-zero when any secret could not be rotated (e.g. its key is no longer in the ring).
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { createTokenCipher, parseEncryptionKeys } from '../crypto/token-cipher.js';
import { closeDatabase, connectDatabase } from '../db/connection.js';
import { createModels } from '../db/models/index.js';
import { createLogger } from '../logger.js';
import { type RotationCounts, rotateKeys } from './key-rotation.js';

const envSchema = z.object({
  MONGODB_URI: z
    .string({ error: 'MONGODB_URI is required: the database whose secrets are rotated' })
    .regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb:// or mongodb+srv://'),
  TOKEN_ENCRYPTION_KEYS: z.string({ error: 'TOKEN_ENCRYPTION_KEYS is required (newest key first)' }).min(1),
  ROTATE_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  LOG_LEVEL: z.string().default('warn'),
});

export function formatCounts(report: RotationCounts[]): string {
  return report
    .map(
      (c) =>
        `${c.collection}: scanned=${c.scanned} rotated=${c.rotated} current=${c.current} conflicts=${c.conflicts} failed=${c.failed}`,
    )
    .join('\n');
}

export async function runRotateKeys(
  source: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<number> {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    out(parsed.error.issues.map((issue) => issue.message).join('\n'));
    return 2;
  }
  const env = parsed.data;
  const keys = parseEncryptionKeys(env.TOKEN_ENCRYPTION_KEYS);
  const cipher = createTokenCipher(keys);
  const logger = createLogger({
    level: env.LOG_LEVEL,
    secrets: [env.MONGODB_URI, ...keys.map((k) => k.key.toString('base64'))],
    name: 'rotate-keys',
  });
  const db = await connectDatabase(env.MONGODB_URI, logger);
  try {
    const report = await rotateKeys({
      models: createModels(db),
      cipher,
      logger,
      batchSize: env.ROTATE_BATCH_SIZE,
    });
    out(`newest key: ${cipher.currentKeyId}\n${formatCounts(report)}`);
    return report.some((c) => c.failed > 0) ? 1 : 0;
  } finally {
    await closeDatabase(db);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRotateKeys(process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`rotate-keys failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

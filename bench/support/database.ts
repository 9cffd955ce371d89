/**
 * Which database serves the benchmarks: a real MongoDB when MONGODB_URI is set, otherwise the
 * project's wire-protocol emulator (sandbox/mongo) in its own process.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type ChildService, childEnv, spawnService } from './processes.js';

export interface BenchDatabase {
  kind: 'mongodb' | 'emulator';
  /** One line for the report, without credentials. */
  label: string;
  /** A URI on a database name of its own, so a run never mixes with earlier data. */
  uri: string;
  process: ChildService | null;
  stop(): Promise<void>;
}

const envSchema = z.object({
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb:// or mongodb+srv://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** Replaces the database name of a MongoDB URI (hosts, credentials and options kept). */
export function withDatabaseName(uri: string, name: string): string {
  const queryAt = uri.indexOf('?');
  const base = queryAt === -1 ? uri : uri.slice(0, queryAt);
  const query = queryAt === -1 ? '' : uri.slice(queryAt);
  const schemeEnd = base.indexOf('://') + 3;
  const pathAt = base.indexOf('/', schemeEnd);
  const hosts = pathAt === -1 ? base : base.slice(0, pathAt);
  return `${hosts}/${name}${query}`;
}

function hostsOf(uri: string): string {
  const withoutScheme = uri.replace(/^mongodb(\+srv)?:\/\//, '');
  const afterCredentials = withoutScheme.includes('@') ? (withoutScheme.split('@')[1] ?? '') : withoutScheme;
  return afterCredentials.split(/[/?]/)[0] ?? '';
}

export async function startBenchDatabase(source: NodeJS.ProcessEnv = process.env): Promise<BenchDatabase> {
  const env = envSchema.parse({ MONGODB_URI: source.MONGODB_URI });
  const name = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (env.MONGODB_URI) {
    return {
      kind: 'mongodb',
      label: `MongoDB at ${hostsOf(env.MONGODB_URI)} (MONGODB_URI), database ${name}`,
      uri: withDatabaseName(env.MONGODB_URI, name),
      process: null,
      stop: async () => undefined,
    };
  }
  const emulator = await spawnService({
    name: 'mongo emulator',
    entry: 'sandbox/mongo/cli.ts',
    args: ['--port', '0'],
    env: childEnv({ LOG_LEVEL: 'warn' }),
  });
  return {
    kind: 'emulator',
    label: `MongoDB wire-protocol emulator (sandbox/mongo, own process, ${hostsOf(emulator.detail)})`,
    uri: withDatabaseName(emulator.detail, name),
    process: emulator,
    stop: () => emulator.stop(),
  };
}

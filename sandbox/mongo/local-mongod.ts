/**
 * Finds a `mongod` binary that is already on this machine, without any network access (no
 * download attempt). Shared by the sandbox launcher; same lookup as test/support/database.ts.
 */
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export interface LocalMongodEnv {
  MONGOMS_SYSTEM_BINARY?: string | undefined;
  MONGOMS_DOWNLOAD_DIR?: string | undefined;
  PATH?: string | undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findLocalMongod(env: LocalMongodEnv): string | undefined {
  if (env.MONGOMS_SYSTEM_BINARY && isExecutable(env.MONGOMS_SYSTEM_BINARY)) return env.MONGOMS_SYSTEM_BINARY;
  const cacheDirs = [
    env.MONGOMS_DOWNLOAD_DIR,
    resolve('node_modules/.cache/mongodb-memory-server'),
    join(homedir(), '.cache/mongodb-binaries'),
    resolve('mongodb-binaries'),
  ];
  for (const dir of cacheDirs) {
    if (!dir || !existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const candidate = join(dir, entry);
      if (entry.startsWith('mongod') && isExecutable(candidate)) return candidate;
    }
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'mongod');
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

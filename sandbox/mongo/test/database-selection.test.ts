// test/support/database.ts: the selection order and the per-file database names.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLocalMongod, startTestDatabase, uniqueDatabaseUri } from '../../../test/support/database.js';

describe('test database selection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mongod-detect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers MONGODB_URI without starting anything', async () => {
    const db = await startTestDatabase({ MONGODB_URI: 'mongodb://127.0.0.1:1/ext' });
    expect(db.kind).toBe('external');
    expect(db.uri).toBe('mongodb://127.0.0.1:1/ext');
    await db.stop();
  });

  it('falls back to the emulator when no mongod binary exists locally', async () => {
    const db = await startTestDatabase({ PATH: dir, MONGOMS_DOWNLOAD_DIR: join(dir, 'none') });
    try {
      expect(db.kind).toBe('emulator');
      expect(db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await db.stop();
    }
  });

  it('detects a mongod binary from MONGOMS_SYSTEM_BINARY, a cache directory or PATH', () => {
    const bin = join(dir, 'bin');
    const cache = join(dir, 'cache');
    mkdirSync(bin);
    mkdirSync(cache);
    for (const path of [join(bin, 'mongod'), join(cache, 'mongod-x64-ubuntu-7.0.14')]) {
      writeFileSync(path, '#!/bin/sh\n');
      chmodSync(path, 0o755);
    }
    expect(findLocalMongod({ MONGOMS_SYSTEM_BINARY: join(bin, 'mongod') })).toBe(join(bin, 'mongod'));
    expect(findLocalMongod({ MONGOMS_DOWNLOAD_DIR: cache, PATH: '' })).toBe(
      join(cache, 'mongod-x64-ubuntu-7.0.14'),
    );
    expect(findLocalMongod({ PATH: bin, MONGOMS_DOWNLOAD_DIR: join(dir, 'none') })).toBe(join(bin, 'mongod'));
  });

  it('gives each caller a fresh database on the same server, keeping options', () => {
    const a = uniqueDatabaseUri('mongodb://127.0.0.1:27017/', 'users.test.ts');
    const b = uniqueDatabaseUri('mongodb://127.0.0.1:27017/', 'users.test.ts');
    expect(a).toMatch(/^mongodb:\/\/127\.0\.0\.1:27017\/users_test_ts_[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(uniqueDatabaseUri('mongodb://u:p@h1:1,h2:2/old?replicaSet=rs&w=1', 'x')).toMatch(
      /^mongodb:\/\/u:p@h1:1,h2:2\/x_[0-9a-f]{8}\?replicaSet=rs&w=1$/,
    );
    expect(uniqueDatabaseUri('mongodb+srv://cluster.example.net', 'y')).toMatch(
      /^mongodb\+srv:\/\/cluster\.example\.net\/y_/,
    );
    expect(() => uniqueDatabaseUri('http://nope', 'z')).toThrow();
  });
});

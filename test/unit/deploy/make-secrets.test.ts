/**
 * deploy/make-secrets.sh, run for real in a scratch copy of deploy/: the files compose.yaml needs,
 * private, never overwritten, and an app.env the product's own config loader accepts once the
 * Slack and Zoom values are filled in.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { parseEncryptionKeys } from '../../../src/crypto/token-cipher.js';
import { appServices, deployDir, exampleEnv, loadCompose } from './compose-file.js';

const HOST = 'zoom-connect.example.test';
let dir: string;
let firstRun: ReturnType<typeof run>;

function run(...args: string[]) {
  return spawnSync('bash', [path.join(dir, 'make-secrets.sh'), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const SECRET_FILES = [
  'secrets/mongo_keyfile',
  'secrets/mongo_root_password',
  'secrets/mongo_app_password',
  'secrets/tls_certificate.pem',
  'secrets/tls_private_key.pem',
];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'make-secrets-'));
  for (const file of ['make-secrets.sh', 'app.env.example'])
    copyFileSync(path.join(deployDir, file), path.join(dir, file));
  firstRun = run('--self-signed', HOST);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('deploy/make-secrets.sh', () => {
  it('creates every secret file compose.yaml names, readable by the owner only', () => {
    expect(firstRun.stderr).toBe('');
    expect(firstRun.status).toBe(0);
    const named = Object.values(loadCompose().secrets).map((s) => s.file.replace(/^\.\//, ''));
    expect(named.sort()).toEqual([...SECRET_FILES].sort());
    for (const file of [...SECRET_FILES, 'app.env']) {
      expect({ file, mode: (statSync(path.join(dir, file)).mode & 0o777).toString(8) }).toEqual({
        file,
        mode: '600',
      });
    }
  });

  it('makes a keyfile mongod accepts and hex passwords, and prints none of them', () => {
    const keyfile = read('secrets/mongo_keyfile');
    const material = keyfile.replace(/\s/g, '');
    // mongod: 6 to 1024 characters of the base64 set (whitespace ignored).
    expect(material).toMatch(/^[A-Za-z0-9+/=]{6,1024}$/);
    for (const file of ['secrets/mongo_root_password', 'secrets/mongo_app_password']) {
      expect(read(file).trim()).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(read('secrets/mongo_root_password')).not.toBe(read('secrets/mongo_app_password'));
    for (const file of SECRET_FILES.slice(0, 3)) {
      expect(firstRun.stdout).not.toContain(read(file).trim().slice(0, 16));
    }
  });

  it('writes app.env with the database password of the secret and a valid first encryption key', () => {
    const env = exampleEnv(read('app.env'));
    const password = read('secrets/mongo_app_password').trim();
    expect(env.MONGODB_URI).toBe(exampleEnv().MONGODB_URI?.replace('__MONGO_APP_PASSWORD__', password));
    const keys = parseEncryptionKeys(env.TOKEN_ENCRYPTION_KEYS ?? '');
    expect(keys.map((k) => [k.id, k.key.length])).toEqual([['k1', 32]]);
    expect(firstRun.stdout).not.toContain(env.TOKEN_ENCRYPTION_KEYS?.slice(3, 20));
  });

  it('leaves the app refusing to start until Slack, Zoom and PUBLIC_URL are filled in, then accepts it', () => {
    const compose = loadCompose();
    const [, app] = appServices(compose)[0] ?? [];
    // Compose gives `environment` precedence over `env_file`.
    const env = { ...exampleEnv(read('app.env')), ...app?.environment };
    const problems = (() => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return [...error.problems];
      }
    })();
    const toFill = [
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
      'ZOOM_ORG_CLIENT_ID',
      'ZOOM_ORG_CLIENT_SECRET',
      'ZOOM_ORG_WEBHOOK_SECRET',
      'ZOOM_USER_CLIENT_ID',
      'ZOOM_USER_CLIENT_SECRET',
      'ZOOM_USER_WEBHOOK_SECRET',
      'PUBLIC_URL',
    ];
    expect(problems.sort()).toEqual(toFill.map((name) => `${name}: missing`).sort());

    const filled = Object.fromEntries(toFill.map((name) => [name, `${name.toLowerCase()}-value`]));
    const config = loadConfig({
      ...env,
      ...filled,
      SLACK_BOT_TOKEN: 'xoxb-1',
      PUBLIC_URL: `https://${HOST}`,
    });
    expect(config.slack.mode).toBe('single');
    expect(config.mongodbUri).toContain('replicaSet=rs0');
    expect(config.port).toBe(3000);
  });

  it('--self-signed makes a certificate for the host with its matching key', () => {
    const certificate = new X509Certificate(read('secrets/tls_certificate.pem'));
    expect(certificate.subjectAltName).toBe(`DNS:${HOST}`);
    expect(certificate.checkPrivateKey(createPrivateKey(read('secrets/tls_private_key.pem')))).toBe(true);
  });

  it('never overwrites: a second run keeps every file as it was', () => {
    const before = [...SECRET_FILES, 'app.env'].map(read);
    const again = run('--self-signed', HOST);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toContain('created');
    expect([...SECRET_FILES, 'app.env'].map(read)).toEqual(before);
  });

  it('refuses arguments it does not know', () => {
    const wrong = run('--self-signed', 'bad host; rm -rf /');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('usage');
  });
});

/**
 * deploy/compose.yaml checked with no Docker engine and no network: valid against the Compose
 * Specification's JSON schema (vendored: test/fixtures/compose-spec/SOURCE.md), then the rules of
 * docs/deploy.md that a schema cannot express.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { Ajv } from 'ajv';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  appServices,
  deployDir,
  exampleEnv,
  ipv4On,
  loadCompose,
  loadComposeDocument,
  networksOf,
  readDeployFile,
  repo,
} from './compose-file.js';

const fixtures = path.join(repo, 'test/fixtures/compose-spec');
const compose = loadCompose();
const apps = appServices(compose);
const appNames = apps.map(([name]) => name);
const PROXY = 'caddy';
const PROMETHEUS = 'prometheus';
const MONGO_NODES = ['mongo1', 'mongo2', 'mongo3'];

function composeValidator() {
  const schema = z
    .record(z.string(), z.unknown())
    .parse(JSON.parse(readFileSync(path.join(fixtures, 'compose-spec.json'), 'utf8')));
  const draft07 = z
    .record(z.string(), z.unknown())
    .parse(createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json'));
  // Why these two options: test/fixtures/compose-spec/SOURCE.md.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addMetaSchema({ ...draft07, $id: String(schema.$schema) });
  return ajv.compile(schema);
}

function appEnv(name: string): Record<string, string> {
  const service = compose.services[name];
  if (!service?.environment) throw new Error(`${name} has no environment`);
  return service.environment;
}

const seconds = (duration: string) => {
  const match = /^(\d+)s$/.exec(duration);
  if (!match) throw new Error(`unexpected duration ${duration}`);
  return Number(match[1]);
};

describe('the vendored Compose Specification schema', () => {
  it('is the file SOURCE.md describes (sha256)', () => {
    const noted = /sha256 of this file: `([0-9a-f]{64})`/.exec(
      readFileSync(path.join(fixtures, 'SOURCE.md'), 'utf8'),
    );
    const actual = createHash('sha256')
      .update(readFileSync(path.join(fixtures, 'compose-spec.json')))
      .digest('hex');
    expect(actual).toBe(noted?.[1]);
  });
});

describe('deploy/compose.yaml against the Compose Specification', () => {
  const validate = composeValidator();

  it('validates', () => {
    const ok = validate(loadComposeDocument());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects what Compose rejects (the check can fail)', () => {
    // An unquoted ": " inside a health check command makes it a mapping: Compose refuses the file.
    const unquoted = readDeployFile('compose.yaml').replace(
      /- "(fetch\('http:\/\/127\.0\.0\.1:3000\/healthz'\)[^"]*)"/,
      '- $1',
    );
    expect(unquoted).not.toBe(readDeployFile('compose.yaml'));
    expect(validate(loadComposeDocument(unquoted))).toBe(false);
    expect(validate({ services: { app1: { image: 'x', port: ['443:443'] } } })).toBe(false);
  });
});

describe('deploy/compose.yaml: what the schema cannot say', () => {
  it('runs two app instances, both built from our Dockerfile into the same image', () => {
    expect(appNames).toEqual(['app1', 'app2']);
    const images = new Set(apps.map(([, s]) => s.image));
    expect(images.size).toBe(1);
    for (const [, s] of apps) expect(s.build).toMatchObject({ context: '..', dockerfile: 'Dockerfile' });
  });

  it('publishes ports from the proxy only, and only 443; nothing runs on the host network', () => {
    const publishing = Object.entries(compose.services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual([PROXY]);
    expect(compose.services[PROXY]?.ports).toEqual(['443:443']);
    for (const [name, s] of Object.entries(compose.services)) {
      expect({ name, network_mode: s.network_mode }).toEqual({ name, network_mode: undefined });
    }
  });

  it('keeps the metrics listener on the internal metrics network, bound to each instance’s own address there', () => {
    const metrics = compose.networks.metrics;
    expect(metrics?.internal).toBe(true);
    const subnet = metrics?.ipam?.config[0]?.subnet ?? '';
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    const prefix = subnet.replace(/0\/24$/, '');
    for (const name of appNames) {
      const env = appEnv(name);
      const address = ipv4On(compose.services[name] ?? {}, 'metrics');
      expect(address?.startsWith(prefix)).toBe(true);
      expect(env.METRICS_HOST).toBe(address);
      expect(env.METRICS_PORT).toBe('9464');
    }
    const members = Object.entries(compose.services)
      .filter(([, s]) => networksOf(s).includes('metrics'))
      .map(([name]) => name);
    expect(members.sort()).toEqual([...appNames, PROMETHEUS].sort());
  });

  it('never publishes or exposes the metrics port, and Prometheus scrapes each instance there', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      const published = JSON.stringify([...(s.ports ?? []), ...(s.expose ?? [])]);
      expect({ name, published: published.includes('9464') }).toEqual({ name, published: false });
    }
    const prometheus = z
      .object({
        scrape_configs: z.array(
          z.object({ static_configs: z.array(z.object({ targets: z.array(z.string()) })) }),
        ),
      })
      .parse(parse(readDeployFile('prometheus.yml')));
    const targets = prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    expect(targets).toEqual(appNames.map((name) => `${name}:${appEnv(name).METRICS_PORT}`));
  });

  it('gives every service a health check, or a written reason for having none', () => {
    const unchecked = Object.entries(compose.services)
      .filter(([, s]) => {
        const test = s.healthcheck?.test;
        const checked = Array.isArray(test)
          ? test.length > 1 && test[0] !== 'NONE'
          : typeof test === 'string';
        return !(checked && s.healthcheck?.disable !== true) && (s['x-healthcheck-reason'] ?? '').length < 20;
      })
      .map(([name]) => name);
    expect(unchecked).toEqual([]);
    expect(compose.services['mongo-init']?.['x-healthcheck-reason']).toContain('one-shot');
  });

  it('checks the apps on /healthz with a command that parses, and gives them time to drain on stop', () => {
    for (const [name, s] of apps) {
      const test = s.healthcheck?.test;
      expect(Array.isArray(test) && test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      const code = Array.isArray(test) ? (test[3] ?? '') : '';
      expect(code).toContain(`http://127.0.0.1:${appEnv(name).PORT}/healthz`);
      expect(() => new Script(code)).not.toThrow();
      // stop() = 10 s for in-flight requests + 10 s draining the follow-up queue (src/app.ts).
      expect(seconds(s.stop_grace_period ?? '10s')).toBeGreaterThanOrEqual(25);
    }
  });

  it('forces Socket Mode off in every instance (one WebSocket per process cannot be shared)', () => {
    for (const name of appNames) expect(appEnv(name).SLACK_APP_TOKEN).toBe('');
    expect(exampleEnv().SLACK_APP_TOKEN).toBeUndefined();
  });

  it('proxies to every instance, on PORT, with /readyz as the active health check, TLS from secrets', () => {
    const caddyfile = readDeployFile('Caddyfile');
    const upstreams = /^\s*reverse_proxy ([^{\n]+)\{/m.exec(caddyfile)?.[1]?.trim().split(/\s+/);
    expect(upstreams).toEqual(appNames.map((name) => `${name}:${appEnv(name).PORT}`));
    expect(caddyfile).toMatch(/^\s*health_uri \/readyz$/m);
    expect(caddyfile).toMatch(/handle \/metrics\* \{\s*respond 404\s*\}/);
    const tls = /^\s*tls (\S+) (\S+)$/m.exec(caddyfile);
    const mounted = (compose.services[PROXY]?.secrets ?? []).map((secret) => `/run/secrets/${secret}`);
    expect([tls?.[1], tls?.[2]]).toEqual(mounted);
    expect(compose.services[PROXY]?.configs).toEqual([
      { source: 'caddyfile', target: '/etc/caddy/Caddyfile' },
    ]);
  });

  it('keeps the proxy and the apps on networks MongoDB is not on, and MongoDB on an internal one', () => {
    expect(compose.networks.edge?.internal).toBe(true);
    expect(compose.networks.data?.internal).toBe(true);
    expect(networksOf(compose.services[PROXY] ?? {}).sort()).toEqual(['edge', 'public']);
    for (const name of [...MONGO_NODES, 'mongo-init']) {
      expect({ name, networks: networksOf(compose.services[name] ?? {}) }).toEqual({
        name,
        networks: ['data'],
      });
    }
  });

  it('runs a three-node replica set with keyfile auth, initiated once before the apps start', () => {
    for (const name of MONGO_NODES) {
      const command = compose.services[name]?.command ?? [];
      expect(command.slice(0, 3)).toEqual(['mongod', '--replSet', 'rs0']);
      expect(command).toContain('--keyFile');
      expect(compose.services[name]?.secrets).toContain('mongo_keyfile');
      expect(compose.services[name]?.healthcheck?.test).toBeDefined();
    }
    const init = readDeployFile('mongo/init-replica-set.js');
    expect(() => new Script(init)).not.toThrow();
    const members = z
      .array(z.string())
      .parse(JSON.parse(/const MEMBERS = (\[[^\]]*\]);/.exec(init)?.[1]?.replaceAll("'", '"') ?? ''));
    expect(members).toEqual(MONGO_NODES.map((name) => `${name}:27017`));
    expect(init).toContain("const REPLICA_SET = 'rs0';");

    const initDeps = compose.services['mongo-init']?.depends_on ?? {};
    for (const name of MONGO_NODES) expect(initDeps[name]?.condition).toBe('service_healthy');
    for (const [, s] of apps) {
      expect(s.depends_on?.['mongo-init']?.condition).toBe('service_completed_successfully');
    }
  });

  it('points the apps at that replica set with the user mongo-init creates', () => {
    // The driver's own parser (multi-host URIs are beyond WHATWG URL); it does not connect.
    const { options } = new MongoClient(exampleEnv().MONGODB_URI ?? '');
    expect(options.hosts.map(String)).toEqual(MONGO_NODES.map((name) => `${name}:27017`));
    expect(options.replicaSet).toBe('rs0');
    expect(options.credentials?.source).toBe('admin');
    expect(options.credentials?.password).toBe('__MONGO_APP_PASSWORD__');
    const init = readDeployFile('mongo/init-replica-set.js');
    expect(init).toContain(`const APP_USER = '${options.credentials?.username}';`);
    expect(init).toContain(`const APP_DATABASE = '${options.dbName}';`);
  });

  it('keeps every secret in a git-ignored file, and every config file in the repository', () => {
    const ignored = (file: string) => {
      try {
        execFileSync('git', ['check-ignore', '--quiet', '--no-index', file], { cwd: deployDir });
        return true;
      } catch {
        return false;
      }
    };
    for (const [name, secret] of Object.entries(compose.secrets)) {
      expect({ name, file: secret.file.startsWith('./secrets/'), ignored: ignored(secret.file) }).toEqual({
        name,
        file: true,
        ignored: true,
      });
    }
    expect(ignored('./app.env')).toBe(true);
    expect(ignored('./app.env.example')).toBe(false);
    for (const [name, config] of Object.entries(compose.configs)) {
      expect({ name, exists: existsSync(path.join(deployDir, config.file)) }).toEqual({ name, exists: true });
    }
    for (const [name, s] of Object.entries(compose.services)) {
      for (const secret of s.secrets ?? [])
        expect({ name, secret, declared: secret in compose.secrets }).toEqual({
          name,
          secret,
          declared: true,
        });
      for (const config of s.configs ?? []) expect(config.source in compose.configs).toBe(true);
    }
  });

  it('holds no secret value itself: secret-looking variables are empty or point to a file', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (!/SECRET|TOKEN|PASSWORD|KEY/.test(key)) continue;
        expect({
          name,
          key,
          ok: value === '' || (key.endsWith('_FILE') && value.startsWith('/run/secrets/')),
        }).toEqual({ name, key, ok: true });
      }
    }
  });

  it('pins every image to a tag other than latest', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect({ name, image: /:[^:/]+$/.test(s.image ?? '') && !/:latest$/.test(s.image ?? '') }).toEqual({
        name,
        image: true,
      });
    }
  });
});

// DESIGN §2.3. Compared with DESIGN itself when the shared folder sits beside the checkout.
const DESIGN_ENVIRONMENT = [
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_API_URL',
  'ZOOM_ORG_CLIENT_ID',
  'ZOOM_ORG_CLIENT_SECRET',
  'ZOOM_ORG_WEBHOOK_SECRET',
  'ZOOM_USER_CLIENT_ID',
  'ZOOM_USER_CLIENT_SECRET',
  'ZOOM_USER_WEBHOOK_SECRET',
  'ZOOM_OAUTH_URL',
  'ZOOM_API_URL',
  'PUBLIC_URL',
  'MONGODB_URI',
  'TOKEN_ENCRYPTION_KEYS',
  'PORT',
  'LOG_LEVEL',
  'METRICS_PORT',
  'METRICS_HOST',
  'DATA_RETENTION_DAYS',
];

describe('the environment of DESIGN §2.3', () => {
  const design = path.resolve(repo, '../shared/DESIGN.md');

  it.runIf(existsSync(design))('is the list this test holds', () => {
    const text = readFileSync(design, 'utf8');
    const section = text.slice(text.indexOf('### 2.3'), text.indexOf('### 2.4'));
    const names = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]));
    expect(names).toEqual(DESIGN_ENVIRONMENT);
  });

  it('is accounted for: set per instance in compose.yaml, or in app.env.example (set or shown commented)', () => {
    const example = readDeployFile('app.env.example');
    const inCompose = new Set(appNames.flatMap((name) => Object.keys(appEnv(name))));
    const missing = DESIGN_ENVIRONMENT.filter(
      (name) => !inCompose.has(name) && !new RegExp(`^(# )?${name}=`, 'm').test(example),
    );
    expect(missing).toEqual([]);
  });

  it('app.env.example leaves nothing to chance: what compose.yaml sets is not repeated there', () => {
    const env = exampleEnv();
    for (const name of appNames) {
      for (const key of Object.keys(appEnv(name)))
        expect({ key, inExample: key in env }).toEqual({ key, inExample: false });
    }
    expect(Object.keys(env).every((key) => DESIGN_ENVIRONMENT.includes(key))).toBe(true);
  });
});

/**
 * deploy/compose.yaml as the tests read it: YAML with merge keys resolved (as Compose does), then
 * the part the checks look at parsed with zod, so a shape we did not expect fails loudly instead
 * of passing a check vacuously. The schema validation itself works on the raw document.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';

export const repo = path.resolve(import.meta.dirname, '../../..');
export const deployDir = path.join(repo, 'deploy');

const stringList = z.array(z.string());
const serviceNetworks = z.union([
  stringList,
  z.record(z.string(), z.object({ ipv4_address: z.string().optional() }).loose().nullable()),
]);

const service = z
  .object({
    image: z.string().optional(),
    build: z.object({ context: z.string(), dockerfile: z.string() }).loose().optional(),
    command: stringList.optional(),
    entrypoint: stringList.optional(),
    environment: z.record(z.string(), z.string()).optional(),
    env_file: z.array(z.object({ path: z.string(), required: z.boolean().optional() })).optional(),
    ports: z.array(z.unknown()).optional(),
    expose: z.array(z.unknown()).optional(),
    networks: serviceNetworks.optional(),
    network_mode: z.string().optional(),
    healthcheck: z
      .object({ test: z.union([z.string(), stringList]).optional(), disable: z.boolean().optional() })
      .loose()
      .optional(),
    'x-healthcheck-reason': z.string().optional(),
    depends_on: z.record(z.string(), z.object({ condition: z.string() }).loose()).optional(),
    configs: z.array(z.object({ source: z.string(), target: z.string() })).optional(),
    secrets: stringList.optional(),
    stop_grace_period: z.string().optional(),
    restart: z.string().optional(),
  })
  .loose();

const composeFile = z
  .object({
    services: z.record(z.string(), service),
    networks: z.record(
      z.string(),
      z
        .object({
          internal: z.boolean().optional(),
          ipam: z.object({ config: z.array(z.object({ subnet: z.string() }).loose()) }).optional(),
        })
        .loose(),
    ),
    configs: z.record(z.string(), z.object({ file: z.string() })),
    secrets: z.record(z.string(), z.object({ file: z.string() })),
    volumes: z.record(z.string(), z.unknown()),
  })
  .loose();

export type ComposeFile = z.infer<typeof composeFile>;
export type ComposeService = z.infer<typeof service>;

export function readDeployFile(name: string): string {
  return readFileSync(path.join(deployDir, name), 'utf8');
}

/** The YAML document as Compose sees it after merge keys (`<<: *app`), before any checking. */
export function loadComposeDocument(text = readDeployFile('compose.yaml')): unknown {
  return parse(text, { merge: true });
}

export function loadCompose(): ComposeFile {
  return composeFile.parse(loadComposeDocument());
}

/** The services built from the repository's Dockerfile: the app instances. */
export function appServices(compose: ComposeFile): Array<[string, ComposeService]> {
  return Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'Dockerfile');
}

export function networksOf(s: ComposeService): string[] {
  if (!s.networks) return [];
  return Array.isArray(s.networks) ? s.networks : Object.keys(s.networks);
}

export function ipv4On(s: ComposeService, network: string): string | undefined {
  if (!s.networks || Array.isArray(s.networks)) return undefined;
  return s.networks[network]?.ipv4_address;
}

/** app.env.example as Compose's env_file reads it (KEY=VALUE lines, # comments). */
export function exampleEnv(text = readDeployFile('app.env.example')): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parseEnv(text)).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

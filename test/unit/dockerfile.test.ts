import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '../..');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

/** Instructions with continuation lines joined and comments dropped: `[keyword, arguments]`. */
function instructions(text: string): Array<[string, string]> {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return [keyword.toUpperCase(), rest.join(' ')];
    });
}

const all = instructions(dockerfile);
const lastFrom = all.map(([k]) => k).lastIndexOf('FROM');
const runtime = all.slice(lastFrom);
const build = all.slice(0, lastFrom);

describe('Dockerfile', () => {
  it('passes dockerfile-utils lint with no problem', () => {
    const bin = path.join(root, 'node_modules/.bin/dockerfile-utils');
    const result = spawnSync(bin, ['lint', 'Dockerfile'], { cwd: root, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is multi-stage, slim Node 20, production deps only, non-root, with a health check on /healthz', () => {
    const stages = dockerfile.match(/^FROM\s+\S+/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/node:20[.\d]*-\S*slim/);
    const runtimeText = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtimeText).toMatch(/npm ci --omit=dev/);
    expect(runtimeText).toMatch(/^USER node$/m);
    expect(runtimeText).toMatch(/^EXPOSE 3000$/m);
    expect(runtimeText).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(runtimeText).toMatch(/COPY --from=build \/app\/dist/);
  });

  it('copies into the runtime image only the package files and the compiled dist/', () => {
    const copies = runtime.filter(([k]) => k === 'COPY' || k === 'ADD').map(([, args]) => args);
    expect(copies).toEqual(['package.json package-lock.json ./', '--from=build /app/dist ./dist']);
    // The build stage compiles src/ alone: no stand-in, test or deploy file is ever copied in.
    const buildSources = build
      .filter(([k]) => k === 'COPY')
      .flatMap(([, args]) => args.split(/\s+/).slice(0, -1))
      .filter((arg) => !arg.startsWith('--'));
    expect(buildSources).toEqual([
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'src',
    ]);
  });

  it('runs as node from the start of the command, exposes PORT only, and its health check parses', () => {
    const keywords = runtime.map(([k]) => k);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
    expect(runtime.filter(([k]) => k === 'EXPOSE').map(([, a]) => a)).toEqual(['3000']);
    const healthcheck = runtime.find(([k]) => k === 'HEALTHCHECK')?.[1] ?? '';
    const command = z.array(z.string()).parse(JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)));
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(() => new Script(command[2] ?? '')).not.toThrow();
    expect(runtime.find(([k]) => k === 'CMD')?.[1]).toBe('["node", "dist/main.js"]');
  });
});

describe('.dockerignore', () => {
  const rules = readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('leaves everything out, then lets in exactly what the Dockerfile copies from the context', () => {
    expect(rules[0]).toBe('*');
    const allowed = rules.slice(1).map((rule) => {
      expect(rule.startsWith('!')).toBe(true);
      return rule.slice(1);
    });
    const copied = all
      .filter(([k]) => k === 'COPY')
      .flatMap(([, args]) => args.split(/\s+/).slice(0, -1))
      .filter((arg) => !arg.startsWith('--') && !arg.startsWith('/'));
    expect(allowed.sort()).toEqual([...new Set(copied)].sort());
  });
});

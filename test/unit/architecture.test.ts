/** DESIGN §4's dependency rules, checked on the source: a rule that is only written down drifts. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

function relativeImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.relative(src, path.resolve(path.dirname(file), m[1] ?? '')),
  );
}

const layerOf = (relative: string) => relative.split(path.sep)[0] ?? '';

describe('dependency direction (DESIGN §4)', () => {
  const files = filesUnder(src).map((file) => ({
    file: path.relative(src, file),
    imports: relativeImports(file),
  }));

  it('finds the source files it checks', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('domain/ imports nothing of ours', () => {
    const offenders = files
      .filter((f) => layerOf(f.file) === 'domain')
      .flatMap((f) => f.imports.filter((i) => layerOf(i) !== 'domain').map((i) => `${f.file} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('nothing outside sandbox/ imports sandbox/', () => {
    const offenders = files
      .filter((f) => layerOf(f.file) !== 'sandbox')
      .flatMap((f) => f.imports.filter((i) => layerOf(i) === 'sandbox').map((i) => `${f.file} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('services/, domain/, db/ and zoom/ never reach up into slack/, http/ or jobs/', () => {
    const lower = new Set(['services', 'domain', 'db', 'zoom', 'crypto']);
    const upper = new Set(['slack', 'http', 'jobs', 'app.ts', 'main.ts']);
    const offenders = files
      .filter((f) => lower.has(layerOf(f.file)))
      .flatMap((f) => f.imports.filter((i) => upper.has(layerOf(i))).map((i) => `${f.file} → ${i}`));
    expect(offenders).toEqual([]);
  });
});

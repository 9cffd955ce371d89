/** DESIGN §4's dependency rules, checked on the source: a rule that is only written down drifts. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const src = path.join(repo, 'src');
const sandbox = path.join(repo, 'sandbox');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : filesUnder(full);
    return /\.(ts|js)$/.test(full) ? [full] : [];
  });
}

/** Relative imports of a file, as paths relative to `base`. */
function relativeImports(file: string, base: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.relative(base, path.resolve(path.dirname(file), m[1] ?? '')),
  );
}

const layerOf = (relative: string) => relative.split(path.sep)[0] ?? '';

describe('dependency direction (DESIGN §4)', () => {
  const files = filesUnder(src).map((file) => ({
    file: path.relative(src, file),
    imports: relativeImports(file, src),
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

  it('the product never imports anything outside src/ (the stand-ins included)', () => {
    const offenders = files.flatMap((f) =>
      f.imports.filter((i) => i.startsWith('..')).map((i) => `${f.file} → ${i}`),
    );
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

describe('the stand-ins stay apart from the product (DESIGN §4, issue 15)', () => {
  const files = filesUnder(sandbox).map((file) => ({
    file: path.relative(sandbox, file),
    imports: relativeImports(file, repo),
  }));
  // The launcher starts the real app, so it may build it (and its configuration and logger).
  const launcherMay = new Set(['src/app.js', 'src/config.js', 'src/logger.js'].map(path.normalize));

  it('finds the stand-in files it checks', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('no stand-in imports the product; the launcher only builds the app', () => {
    const offenders = files.flatMap((f) =>
      f.imports
        .filter((i) => layerOf(i) === 'src')
        .filter((i) => !(layerOf(f.file) === 'launcher' && launcherMay.has(i)))
        .map((i) => `sandbox/${f.file} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the stand-ins' code does not import the product's tests (their own tests may use test/support)", () => {
    const isTest = (file: string) => file.split(path.sep).includes('test');
    const offenders = files.flatMap((f) =>
      f.imports
        .filter(
          (i) => layerOf(i) === 'test' && !(isTest(f.file) && i.startsWith(path.join('test', 'support'))),
        )
        .map((i) => `sandbox/${f.file} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });
});

/** DESIGN §4's dependency rules, checked on the source: a rule that is only written down drifts. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
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

  const importsOf = (layer: string) => files.filter((f) => layerOf(f.file) === layer);
  const offendersOf = (layer: string, forbidden: (target: string) => boolean) =>
    importsOf(layer).flatMap((f) => f.imports.filter(forbidden).map((i) => `${f.file} → ${i}`));

  it('jobs/ call services (and take their leases in db/): no Slack views, no notifier, no Zoom', () => {
    expect(offendersOf('jobs', (i) => ['slack', 'http', 'zoom'].includes(layerOf(i)))).toEqual([]);
  });

  it('http/ does not reach into slack/ (the pages share i18n/, not the Slack layer)', () => {
    expect(offendersOf('http', (i) => layerOf(i) === 'slack')).toEqual([]);
  });

  it('db/ imports nothing of ours outside db/ (its schemas are its own, the credential one included)', () => {
    const allowed = new Set(['db', 'domain', 'crypto', 'errors.js', 'logger.js']);
    expect(offendersOf('db', (i) => !allowed.has(layerOf(i)))).toEqual([]);
  });

  it('zoom/ does not import db/ or services/ (it works on the CredentialStore contract)', () => {
    expect(offendersOf('zoom', (i) => ['db', 'services'].includes(layerOf(i)))).toEqual([]);
  });

  it('no bare background work: nothing after an answer bypasses the after-ack queue', () => {
    const bare = filesUnder(src).flatMap((file) => {
      const code = readFileSync(file, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '');
      return /\bsetImmediate\(|\bvoid \(async\b|process\.nextTick\(/.test(code)
        ? [path.relative(src, file)]
        : [];
    });
    expect(bare).toEqual([]);
  });

  it('clients are built in one place: WebClient in slack/clients.ts, the Zoom gateway in app.ts', () => {
    const builders = filesUnder(src).flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      const relative = path.relative(src, file);
      return [
        ...(/new WebClient\(/.test(code) && relative !== path.join('slack', 'clients.ts')
          ? [`${relative}: WebClient`]
          : []),
        ...(/createZoomGateway\(\{/.test(code) && relative !== 'app.ts' ? [`${relative}: Zoom gateway`] : []),
      ];
    });
    expect(builders).toEqual([]);
  });

  /**
   * Function length, counted two ways (issue 15): a function's own lines (its nested functions
   * excluded) stay within 80, and a whole function — a factory with its methods included — within
   * 200; beyond either, a `// long: <reason>` comment just above it says why.
   */
  it('no function over 80 lines of its own, nor 200 in all, without a reason in a comment', () => {
    const offenders: string[] = [];
    for (const file of filesUnder(src)) {
      const code = readFileSync(file, 'utf8');
      const source = ts.createSourceFile(file, code, ts.ScriptTarget.ES2023, true);
      const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
      const span = (node: ts.Node) => lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
      const nestedLines = (node: ts.Node): number => {
        let total = 0;
        ts.forEachChild(node, function walk(child) {
          if (ts.isFunctionLike(child) && 'body' in child && child.body) total += span(child);
          else ts.forEachChild(child, walk);
        });
        return total;
      };
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const total = span(node);
          const own = total - nestedLines(node.body);
          const above = code.slice(0, node.getStart(source)).split('\n').slice(-4).join('\n');
          if ((own > 80 || total > 200) && !/\/\/ long: \S/.test(above)) {
            offenders.push(
              `${path.relative(src, file)}:${lineOf(node.getStart(source)) + 1} (${own} own, ${total} in all)`,
            );
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
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

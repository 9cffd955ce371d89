/**
 * Which npm packages a tree of modules imports, read by TypeScript's own pre-processor (static,
 * dynamic `import()` and `require`), so the packaging tests do not depend on hand-written regexes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const BUILTINS = new Set(builtinModules);

export function moduleFiles(dir: string, pattern = /\.(ts|js)$/): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : moduleFiles(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

/** Every specifier a file imports, as written. */
export function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
}

/** `@scope/name/deep` → `@scope/name`, `name/deep` → `name`; undefined for relative and built-in. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
  return BUILTINS.has(name) ? undefined : name;
}

/** The packages imported anywhere under `dir`, each with the files that import it. */
export function packagesImported(dir: string, pattern?: RegExp): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of moduleFiles(dir, pattern)) {
    for (const specifier of specifiers(file)) {
      const name = packageOf(specifier);
      if (name) found.set(name, [...(found.get(name) ?? []), path.relative(dir, file)]);
    }
  }
  return found;
}

/**
 * Issue 15 item 1: the production dependencies are the product's. What only the stand-ins use
 * (mingo, bson, preact, htm, …) must stay a dev dependency, or `npm ci --omit=dev` (the image's
 * runtime stage) would ship it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { packagesImported } from './module-imports.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const manifest = z
  .object({
    dependencies: z.record(z.string(), z.string()),
    devDependencies: z.record(z.string(), z.string()),
  })
  .parse(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')));
const production = Object.keys(manifest.dependencies);
const product = packagesImported(path.join(repo, 'src'));
const standIns = packagesImported(path.join(repo, 'sandbox'));

// A production dependency src/ does not import by name, with the reason it is still one.
const INDIRECT: Record<string, string> = {
  mongodb: "mongoose's driver: src/ imports its types, and declaring it pins the version mongoose runs on",
};

describe('package.json dependencies', () => {
  it('finds the imports it checks', () => {
    expect(product.size).toBeGreaterThan(5);
    expect(standIns.has('mingo')).toBe(true);
  });

  it('list nothing that only the stand-ins use', () => {
    const standInOnly = [...standIns.keys()].filter((name) => !product.has(name));
    expect(standInOnly).toEqual(expect.arrayContaining(['mingo', 'bson', 'preact', 'htm']));
    expect(production.filter((name) => standInOnly.includes(name))).toEqual([]);
    for (const name of ['mingo', 'bson', 'preact', 'htm'])
      expect(manifest.devDependencies[name]).toBeDefined();
  });

  it('list only what the product imports (or a written reason)', () => {
    const unused = production.filter((name) => !product.has(name) && !(name in INDIRECT));
    expect(unused).toEqual([]);
  });

  it('cover every package the product imports', () => {
    const undeclared = [...product.keys()].filter((name) => !production.includes(name));
    expect(undeclared).toEqual([]);
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The folders `npm run mutate` covers, and the tests that run against each folder's mutants: the folder's own test
 * files, and for topology/ the rules' tests, which reach it through topology files. Fewer tests can only kill fewer
 * mutants, so this never flatters a score; it keeps every mutant run from loading all 20-odd test files (each loads
 * cdktf and synthesizes).
 */
export const TESTS = {
  net: ['net'],
  rules: ['rules'],
  topology: ['topology', 'rules'],
  review: ['review'],
  constructs: ['constructs'],
  diagram: ['diagram'],
};

/**
 * Test files left out of a folder's mutation runs. The rendered-diagram test draws every diagram in Chromium (seconds
 * a run): a mutant it reaches would mostly time out, and Stryker counts a timeout as caught, which would flatter the
 * score. The Mermaid text it draws is pinned by the folder's other tests.
 */
export const SKIPPED_TESTS = {
  diagram: ['__tests__/diagram/rendered.test.ts'],
};

/**
 * The one test file a folder's tests run as in a mutation run (scripts/mutate.mjs writes it), relative to the
 * project. Nearly every test reaches every mutant (each checks or synthesizes a whole topology), and jest would load
 * cdktf, zod and the providers again for each test file, which costs more than the tests; one file loads them once.
 */
export const bundleFile = (folder) => `.mutation-bundle/${folder}.test.ts`;

/**
 * What a folder's mutation runs change in the project's jest config: only its one test file runs, and a snapshot it
 * misses fails the test instead of being written.
 */
export function testSelection(folder) {
  return { testMatch: [`<rootDir>/${bundleFile(folder)}`], ci: true };
}

/**
 * Writes the one test file a folder's tests run as in a mutation run: each test file inside a `describe` named after
 * it, and beside it the snapshots of all of them, each under its test's new full name (the file's name, a space, the
 * old full name).
 */
export function writeBundle(folder) {
  const files = TESTS[folder].flatMap((dir) =>
    readdirSync(join(ROOT, '__tests__', dir), { recursive: true })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `__tests__/${dir}/${f}`)
      .filter((f) => !(SKIPPED_TESTS[folder] ?? []).includes(f))
      .sort(),
  );
  const bundle = join(ROOT, bundleFile(folder));
  mkdirSync(dirname(bundle), { recursive: true });
  const lines = files.map(
    (f) =>
      `describe(${JSON.stringify(f)}, () => {\n  require(${JSON.stringify(relative(dirname(bundle), join(ROOT, f)).replace(/\.ts$/, ''))});\n});`,
  );
  writeFileSync(
    bundle,
    `// Written by scripts/mutate.mjs for a mutation run, and removed after it.\n${lines.join('\n')}\n`,
  );
  const snapshots = files.flatMap((f) => {
    const snap = join(ROOT, dirname(f), '__snapshots__', `${basename(f)}.snap`);
    if (!existsSync(snap)) return [];
    const body = readFileSync(snap, 'utf8').replace(/^\/\/ Jest Snapshot.*\n/, '');
    return [body.replaceAll('\nexports[`', `\nexports[\`${f} `)];
  });
  if (snapshots.length > 0) {
    mkdirSync(join(dirname(bundle), '__snapshots__'), { recursive: true });
    writeFileSync(
      join(dirname(bundle), '__snapshots__', `${basename(bundle)}.snap`),
      `// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n${snapshots.join('')}`,
    );
  }
  return bundle;
}

import { createHash } from 'node:crypto';
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
 * it and its fingerprint, and beside it the snapshots of all of them, each under its test's new full name (that
 * `describe`'s name, a space, the old full name).
 *
 * The fingerprint is what makes incremental runs sound. Stryker reuses a mutant's result while the tests that killed
 * or covered it keep their identity (file, line and name). It finds a changed test by diffing the file the test
 * runner names, which here is the bundle, not the file the test is written in, so an edited test would keep its
 * identity. With a hash of the test file, its snapshots and the shared helpers in each name, any change to them makes
 * the file's tests new: the mutants they killed or covered are tested again, and the other files' results are reused.
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
  const support = supportFingerprint();
  const snapshots = new Map(files.map((f) => [f, snapshotsOf(f)]));
  const titles = new Map(files.map((f) => [f, `${f}#${fingerprint([f], snapshots.get(f).join(''), support)}`]));
  const lines = files.map(
    (f) =>
      `describe(${JSON.stringify(titles.get(f))}, () => {\n  require(${JSON.stringify(relative(dirname(bundle), join(ROOT, f)).replace(/\.ts$/, ''))});\n});`,
  );
  writeFileSync(
    bundle,
    `// Written by scripts/mutate.mjs for a mutation run, and removed after it.\n${lines.join('\n')}\n`,
  );
  const entries = files.flatMap((f) => snapshots.get(f).map((entry) => `\nexports[\`${titles.get(f)} ${entry}`));
  if (entries.length > 0) {
    mkdirSync(join(dirname(bundle), '__snapshots__'), { recursive: true });
    writeFileSync(
      join(dirname(bundle), '__snapshots__', `${basename(bundle)}.snap`),
      `// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n${entries.join('')}`,
    );
  }
  return bundle;
}

/**
 * A test file's snapshots, each from its name (without the file's path) to its end. Jest runs a folder's test files
 * as one (__tests__/support/test-folder.ts), so they are in the folder's snapshot file
 * (`__tests__/__snapshots__/rules.test.ts.snap`), each name starting with the file's path under __tests__/. A snapshot
 * holds no unescaped backtick, so "\nexports[`" only ever starts an entry.
 */
function snapshotsOf(testFile) {
  const member = relative('__tests__', testFile);
  const snap = join(ROOT, '__tests__', '__snapshots__', `${member.split('/')[0]}.test.ts.snap`);
  if (!existsSync(snap)) return [];
  return readFileSync(snap, 'utf8')
    .split('\nexports[`')
    .slice(1)
    .filter((entry) => entry.startsWith(`${member} `))
    .map((entry) => entry.slice(member.length + 1));
}

/** The first 12 hex digits of a SHA-256 over files' paths and contents (a missing file counts as empty). */
function fingerprint(paths, ...more) {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(`${path}\0`);
    if (existsSync(join(ROOT, path))) hash.update(readFileSync(join(ROOT, path)));
    hash.update('\0');
  }
  for (const text of more) hash.update(text);
  return hash.digest('hex').slice(0, 12);
}

/**
 * The fingerprint of what every test shares: the helpers and fixtures under __tests__/ (every file there that is not
 * a test or a snapshot), the example topology files, the jest config and the package lock.
 */
function supportFingerprint() {
  const under = (dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(ROOT, join(e.parentPath, e.name)));
  const shared = [...under('__tests__'), ...under('topologies')]
    .filter((f) => !f.endsWith('.test.ts') && !f.includes('/__snapshots__/'))
    .sort();
  return fingerprint([...shared, 'jest.config.js', 'package-lock.json']);
}

import { createRequire } from 'node:module';

const jestConfig = createRequire(import.meta.url)('../jest.config.js');

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
 * Folders whose tests run as one file in mutation runs (scripts/mutate.mjs writes it): nearly every one of their tests
 * reaches every mutant (each test checks a whole topology), and jest loads cdktf, zod and the providers again for
 * each test file, which costs more than the tests. One file loads them once a run. Folders with snapshots stay apart,
 * as a snapshot belongs to its own test file.
 */
export const BUNDLED = ['net', 'rules', 'topology'];

/** The test file that runs a bundled folder's tests, relative to the project. */
export const bundleFile = (folder) => `.mutation-bundle/${folder}.test.ts`;

/** What a folder's mutation runs change in the project's jest config: which test files run. */
export function testSelection(folder) {
  if (BUNDLED.includes(folder)) return { testMatch: [`<rootDir>/${bundleFile(folder)}`] };
  return {
    testMatch: TESTS[folder].map((dir) => `<rootDir>/__tests__/${dir}/**/*.test.ts`),
    testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, ...(SKIPPED_TESTS[folder] ?? [])],
  };
}

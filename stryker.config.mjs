// StrykerJS, run by `npm run mutate` (scripts/mutate.mjs) one folder at a time: MUTATE_FOLDER names the folder.
// Each folder keeps its own incremental report in mutation/<folder>.json, checked in, so that a rerun tests only the
// mutants whose code or covering tests changed; docs/mutation.md is written from those reports.
import { createRequire } from 'node:module';
import { SKIPPED_TESTS, TESTS } from './scripts/mutation-folders.mjs';

const jestConfig = createRequire(import.meta.url)('./jest.config.js');

const folder = process.env.MUTATE_FOLDER;
if (!(folder in TESTS)) {
  throw new Error(
    `MUTATE_FOLDER is "${folder ?? ''}"; set it to one of ${Object.keys(TESTS).join(', ')} (npm run mutate does)`,
  );
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The project's own jest config: @swc/jest transpiles, the same setup file registers cdktf's matchers.
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      testMatch: TESTS[folder].map((dir) => `<rootDir>/__tests__/${dir}/**/*.test.ts`),
      testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, ...(SKIPPED_TESTS[folder] ?? [])],
    },
    enableFindRelatedTests: false,
  },
  // A mutant that does not compile is dropped before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  // swc transpiles without type-checking: no file needs a `// @ts-nocheck` (which would change the example the README
  // quotes line for line).
  disableTypeChecks: false,
  // Each mutant runs only the tests that reach its code.
  coverageAnalysis: 'perTest',
  // Two cores, shared: one test runner and one checker process.
  concurrency: 2,
  // A synth of a topology takes a second or two when the machine is shared; allow for it.
  timeoutMS: 10000,
  // A folder's index.ts only re-exports.
  mutate: [`${folder}/**/*.ts`, `!${folder}/index.ts`],
  incremental: true,
  incrementalFile: `mutation/${folder}.json`,
  reporters: ['clear-text', 'progress'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  ignorePatterns: ['cdktf.out', 'dist', 'coverage', 'reports', 'mutation', 'bench/results', 'docs'],
  tempDirName: '.stryker-tmp',
};

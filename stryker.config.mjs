// StrykerJS, run by `npm run mutate` (scripts/mutate.mjs) one folder at a time: MUTATE_FOLDER names the folder.
// Each folder keeps its own incremental report in mutation/<folder>.json, checked in, so that a rerun tests only the
// mutants whose code or covering tests changed; docs/mutation.md is written from those reports.
import { TESTS, testSelection } from './scripts/mutation-folders.mjs';

const folder = process.env.MUTATE_FOLDER;
if (!(folder in TESTS)) {
  throw new Error(
    `MUTATE_FOLDER is "${folder ?? ''}"; set it to one of ${Object.keys(TESTS).join(', ')} (npm run mutate does)`,
  );
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // The project's own jest config: @swc/jest transpiles, as in `npm test`.
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: testSelection(folder),
    enableFindRelatedTests: false,
  },
  // A mutant that does not compile is dropped before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  // swc transpiles without type-checking: no file needs a `// @ts-nocheck` (which would change the example the README
  // quotes line for line).
  disableTypeChecks: false,
  // Each mutant runs only the tests that reach its code.
  coverageAnalysis: 'perTest',
  // Two cores, shared: one test runner and one checker process.
  concurrency: 2,
  // A synth of a topology takes a second or two, and more on a machine shared with other work: a run that is only
  // slow must not count as a timeout (which Stryker counts as caught).
  timeoutMS: 20000,
  // A static mutant (in code run once, when its module loads: a table, a regular expression, a constant) cannot be
  // switched on per test, so Stryker would run every test of the folder for each, minutes a folder, and timed out
  // runs count as caught. They are left out and counted apart in docs/mutation.md; the tables they sit in are tested
  // at their values (limits at the value and one past it, each name rule).
  ignoreStatic: true,
  // A folder's index.ts only re-exports.
  mutate: [`${folder}/**/*.ts`, `!${folder}/index.ts`],
  incremental: true,
  incrementalFile: `mutation/${folder}.json`,
  reporters: ['clear-text', 'progress'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  ignorePatterns: ['.stryker-tmp', 'cdktf.out', 'dist', 'coverage', 'reports', 'mutation', 'bench/results', 'docs'],
  // A folder of its own per folder, so that two folders can run at once.
  tempDirName: `.stryker-tmp/${folder}`,
};

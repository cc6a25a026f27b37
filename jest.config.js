/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Both cores: jest's default leaves one for itself, and most files are CPU-bound synthesis. Chromium (one page for
  // all diagrams) and the hostile-input test's app runs now fit beside the other worker.
  maxWorkers: 2,
  // Type-checking is the separate `npm run typecheck` step; tests are transpiled only, by swc.
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // The test files directly under __tests__/: the end-to-end tests, and one for each folder, which runs that folder's
  // test files as one (__tests__/support/test-folder.ts), so that cdktf and the library load once a folder.
  testMatch: ['<rootDir>/__tests__/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '/dist/', '/lib/'],
  // cdktf loads `archiver` (and some 200 modules with it) for TerraformAsset zips, which this project never makes:
  // each test file would load them again.
  moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/support/no-archiver.ts' },
  // cdktf's token creation traces, formatted without source maps: a third of the time of a synthesizing test file.
  setupFiles: ['<rootDir>/__tests__/support/token-traces.ts'],
  // One temporary folder for the run, removed after it: cdktf's Testing.app() leaves an output folder per synthesis.
  globalSetup: '<rootDir>/__tests__/support/temp-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/temp-teardown.ts',
  // StrykerJS's sandboxes (npm run mutate) are copies of the project: not this project's modules.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
};

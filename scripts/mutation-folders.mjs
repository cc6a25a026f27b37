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

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

// Jest's test sequencer for mutation runs (stryker.config.mjs). Stryker runs a mutant's covering tests by name (jest's
// testNamePattern), but jest still loads every test file to find those names, and loading one costs more than most
// tests take. scripts/mutate.mjs records which file holds which test before Stryker starts (MUTATION_TEST_NAMES); for
// a mutant's run this keeps only the files holding a test the pattern names. Without the record or a pattern, or for a
// file the record does not know, every file runs, as jest would.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import TestSequencer from '@jest/test-sequencer';

// A CommonJS module: its class is the default export's `default`.
const Sequencer = TestSequencer.default ?? TestSequencer;

export default class MutationSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
    const record = process.env.MUTATION_TEST_NAMES;
    /** Test file, relative to the project (Stryker's sandbox is a copy), → the full names of its tests. */
    this.namesByFile = record && existsSync(record) ? JSON.parse(readFileSync(record, 'utf8')) : undefined;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    if (!this.pattern || !this.namesByFile) return sorted;
    // jest matches testNamePattern against each test's full name, ignoring case.
    const named = new RegExp(this.pattern, 'i');
    const kept = sorted.filter((test) => {
      const names = this.namesByFile[relative(test.context.config.rootDir, test.path)];
      return names === undefined || names.some((name) => named.test(name));
    });
    return kept.length > 0 ? kept : sorted;
  }
}

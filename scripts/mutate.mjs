// `npm run mutate`: mutation testing with StrykerJS (stryker.config.mjs), one folder after another, then
// docs/mutation.md from the folders' reports (scripts/mutation-report.mjs). Slow (minutes a folder) and not part of CI:
// rerun it when rules/, net/, topology/, review/, constructs/ or diagram/ change. Incremental: a rerun tests only the
// mutants whose code or covering tests changed since the report in mutation/<folder>.json.
//   npm run mutate                      every folder
//   npm run mutate -- rules net         these folders
//   npm run mutate -- rules --force     any other argument goes to `stryker run` (--force retests every mutant)
//   npm run mutate -- --mutate 'rules/bgp.ts'   some files of a folder
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BUNDLED, bundleFile, SKIPPED_TESTS, TESTS, testSelection } from './mutation-folders.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const FOLDERS = Object.keys(TESTS);

/** mutation/runs.json: the commit a folder's report was made on, and whether the work tree differed from it. */
/** What the run tests: the commit, and whether the folder, the tests or the configs differ from it. */
function currentState(folder) {
  const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  return {
    commit: git('rev-parse', 'HEAD'),
    dirty:
      git(
        'status',
        '--porcelain',
        '--',
        folder,
        ...TESTS[folder].map((dir) => `__tests__/${dir}`),
        '__tests__/support',
        'jest.config.js',
        'stryker.config.mjs',
      ) !== '',
    date: new Date().toISOString(),
  };
}

/** mutation/runs.json: the state each folder's report was made from (Stryker copies the files when it starts). */
function recordRun(folder, state) {
  const file = join(ROOT, 'mutation', 'runs.json');
  const runs = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  runs[folder] = state;
  writeFileSync(file, `${JSON.stringify(runs, null, 2)}\n`);
}

/**
 * Runs the folder's tests once and records which file holds which test, for scripts/mutation-sequencer.mjs; returns
 * the record's path.
 */
function recordTestNames(folder) {
  const dir = join(ROOT, '.stryker-tmp');
  mkdirSync(dir, { recursive: true });
  const output = join(dir, `jest-${folder}.json`);
  const config = { ...require('../jest.config.js'), rootDir: ROOT, ...testSelection(folder) };
  spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--config',
      JSON.stringify(config),
      '--json',
      '--outputFile',
      output,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHECKPOINT_DISABLE: '1' } },
  );
  const results = JSON.parse(readFileSync(output, 'utf8')).testResults;
  const names = Object.fromEntries(
    results.map((r) => [relative(ROOT, r.name), r.assertionResults.map((a) => a.fullName)]),
  );
  const record = join(dir, `test-names-${folder}.json`);
  writeFileSync(record, JSON.stringify(names));
  return record;
}

/** Writes the one test file a bundled folder's tests run as: each test file inside a `describe` named after it. */
function writeBundle(folder) {
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
  return bundle;
}

const args = process.argv.slice(2);
const named = args.filter((a, i) => !a.startsWith('-') && !args[i - 1]?.startsWith('--'));
const unknown = named.filter((a) => !FOLDERS.includes(a.replace(/\/+$/, '')));
if (unknown.length > 0) {
  console.error(
    `error: ${unknown.join(', ')} is not a folder mutation testing covers; name some of ${FOLDERS.join(', ')}`,
  );
  process.exit(2);
}
const strykerArgs = args.filter((a) => !named.includes(a));
// `--mutate 'rules/bgp.ts'` alone: the folder is the pattern's first segment.
const mutateAt = strykerArgs.findIndex((a) => a === '--mutate' || a === '-m');
const patternFolders =
  mutateAt < 0 ? [] : strykerArgs[mutateAt + 1].split(',').map((p) => p.replace(/^!/, '').split('/')[0]);
const folders = [...new Set(named.length > 0 ? named.map((f) => f.replace(/\/+$/, '')) : patternFolders)];
if (folders.some((f) => !FOLDERS.includes(f))) {
  console.error(
    `error: --mutate ${strykerArgs[mutateAt + 1]} is outside ${FOLDERS.join(', ')}; name files in one of them`,
  );
  process.exit(2);
}

for (const folder of folders.length > 0 ? folders : FOLDERS) {
  console.log(`\n== mutation testing ${folder}/`);
  const state = currentState(folder);
  const bundle = BUNDLED.includes(folder) ? writeBundle(folder) : undefined;
  const testNames = bundle ? '' : recordTestNames(folder);
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'),
      'run',
      'stryker.config.mjs',
      ...strykerArgs,
    ],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, MUTATE_FOLDER: folder, MUTATION_TEST_NAMES: testNames, CHECKPOINT_DISABLE: '1' },
    },
  );
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
  if (run.status !== 0) {
    console.error(`error: stryker failed on ${folder}/ (exit ${run.status}); docs/mutation.md is not rewritten`);
    process.exit(run.status ?? 1);
  }
  recordRun(folder, state);
}

const report = spawnSync(process.execPath, [join(ROOT, 'scripts', 'mutation-report.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(report.status ?? 1);

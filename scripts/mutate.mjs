// `npm run mutate`: mutation testing with StrykerJS (stryker.config.mjs), one folder after another, then
// docs/mutation.md from the folders' reports (scripts/mutation-report.mjs). Slow (minutes a folder) and not part of CI:
// rerun it when rules/, net/, topology/, review/, constructs/ or diagram/ change. Incremental: a rerun tests only the
// mutants whose code or covering tests changed since the report in mutation/<folder>.json.
//   npm run mutate                      every folder
//   npm run mutate -- rules net         these folders
//   npm run mutate -- rules --force     any other argument goes to `stryker run` (--force retests every mutant)
//   npm run mutate -- --mutate 'rules/bgp.ts'   some files of a folder
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TESTS, writeBundle } from './mutation-folders.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

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
        '__tests__/__snapshots__',
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
  const bundle = writeBundle(folder);
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
      env: { ...process.env, MUTATE_FOLDER: folder, CHECKPOINT_DISABLE: '1' },
    },
  );
  rmSync(dirname(bundle), { recursive: true, force: true });
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

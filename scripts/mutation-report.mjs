// Writes docs/mutation.md from the mutation testing reports in mutation/<folder>.json (StrykerJS's incremental reports,
// in the mutation-testing-report-schema format) and mutation/runs.json (the commit each folder was last run on).
// A surviving mutant's reason comes from mutation/reasons.json, matched by file, original code and replacement, so that
// it still applies when lines move; a survivor without one is listed as a test still missing.
//   node scripts/mutation-report.mjs        (npm run mutate runs it after Stryker)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TESTS } from './mutation-folders.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = Object.keys(TESTS);
const GOAL = 90;

const readJson = (path, fallback) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : fallback);
const runs = readJson(join(ROOT, 'mutation', 'runs.json'), {});
const reasons = readJson(join(ROOT, 'mutation', 'reasons.json'), []);

/** The source text a mutant replaces; the schema's lines and columns count from 1. */
function originalText(source, { start, end }) {
  const lines = source.split('\n');
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1),
  ].join('\n');
}

const oneLine = (text) => text.replace(/\s+/g, ' ').trim();
const clip = (text, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const code = (text) => `\`${clip(oneLine(text)).replace(/`/g, 'ˋ')}\``;

function reasonFor(file, original, replacement) {
  const found = reasons.find(
    (r) =>
      r.file === file && oneLine(r.original) === oneLine(original) && oneLine(r.replacement) === oneLine(replacement),
  );
  return found?.reason;
}

const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];

function summarize(folder) {
  const report = readJson(join(ROOT, 'mutation', `${folder}.json`), undefined);
  if (!report) return undefined;
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  const survivors = [];
  for (const [file, result] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    for (const mutant of result.mutants) {
      counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
      if (!UNDETECTED.includes(mutant.status)) continue;
      const original = originalText(result.source, mutant.location);
      survivors.push({
        file,
        line: mutant.location.start.line,
        status: mutant.status,
        mutator: mutant.mutatorName,
        original,
        replacement: mutant.replacement ?? '',
        reason: reasonFor(file, original, mutant.replacement ?? ''),
      });
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const detected = DETECTED.reduce((n, s) => n + counts[s], 0);
  const valid = detected + UNDETECTED.reduce((n, s) => n + counts[s], 0);
  const files = Object.keys(report.files).length;
  return { counts, detected, valid, score: valid === 0 ? 100 : (100 * detected) / valid, survivors, files };
}

const lines = [
  '# Mutation testing',
  '',
  'A mutation test makes one small bug at a time in the code that decides (a `<=` that becomes `<`, a default that',
  'becomes `false`, a message that loses its path) and runs the tests against it: a good suite fails. The score is the',
  'share of those bugs the tests catch (killed or timed out) among those that compile and that tests could reach or',
  `not; the goal is at least ${GOAL}% in every folder. [StrykerJS](https://stryker-mutator.io/) makes the mutants, checks`,
  'that each compiles (its TypeScript checker) and runs only the tests that reach it (per-test coverage).',
  '',
  '```sh',
  'npm run mutate                          # every folder, one after another, then this page',
  'npm run mutate -- rules net             # these folders',
  'npm run mutate -- rules --force         # retest every mutant, not only those whose code or tests changed',
  "npm run mutate -- --mutate 'rules/bgp.ts'  # some files of a folder (its report then holds only those)",
  'node scripts/mutation-report.mjs        # this page again, from the reports',
  '```',
  '',
  'It is slow (minutes to an hour a folder on two shared cores) and not part of CI: rerun it after changing `net/`,',
  '`rules/`, `topology/`, `review/`, `constructs/` or `diagram/`, and commit `mutation/` with this page. The run is',
  "incremental: `mutation/<folder>.json` is the folder's last report, and a rerun tests only the mutants whose code or",
  'covering tests changed since. Each folder is tested by its own test files (`__tests__/<folder>/`), and `topology/`',
  'also by the rules tests, which read topology files; the rendered-diagram test is left out of `diagram/`, as a',
  'Chromium render per mutant would time out and a timeout counts as caught (`scripts/mutation-folders.mjs`). A survivor',
  'that is left on purpose has its reason in `mutation/reasons.json`.',
  '',
  'Static mutants are left out: those in code that runs once, when its module loads (a table of limits or name rules, a',
  'regular expression, a constant). Stryker cannot switch one on per test, so each would run every test of its folder,',
  'and a run that slow times out and counts as caught. The table counts them apart; the tables they sit in are tested',
  'at their values (each limit at the value and one past it, each name rule).',
  '',
  'For the same reason, code a test file runs outside its tests (in a `describe` body or a `beforeAll`) counts as',
  'reached by none of them: a mutant there is tested only against the tests that reach it from inside an `it`. A test',
  'meant to catch a mutant builds its input and synthesizes inside its own `it`. Results are kept by test name, so a',
  "name must be the same on every run: a name holding a temporary folder's random path matches no earlier test.",
  '',
  "What makes a run affordable on two cores (`scripts/mutate.mjs`): a folder's test files run as one file, as `npm test`",
  'runs them (each inside a `describe` named after it, with their snapshots), as nearly every test reaches every mutant',
  'and jest would load cdktf, zod and the providers again for each file; the TypeScript checker reads the library alone',
  "(`tsconfig.mutation.json`). Each bundled file's `describe` also carries a fingerprint of the test file, its",
  'snapshots and the shared fixtures (`__tests__/support/`, `topologies/`): Stryker only sees the bundle, so without it',
  'an edited test would keep its identity and the results it gave would be reused. With it, a rerun tests again the',
  'mutants that changed code, changed test files or new tests reach, and reuses the rest (a rerun of `net/` with nothing',
  'changed reuses 100 of 105 results and takes 12 s). A run on a machine busy with other work can time out on mutants',
  'a quiet run would settle (each mutant gets 20 s more than its tests took), and a timeout counts as caught: the',
  'timed-out column says how many.',
  '',
  '## Score per folder',
  '',
  '| folder | score | files | mutants | killed | timed out | survived | no coverage | do not compile | static, left out | measured on |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
/** The files of a folder that mutation testing covers (an index.ts only re-exports). */
const sourceFiles = (folder) =>
  readdirSync(join(ROOT, folder)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').length;
const summaries = Object.fromEntries(FOLDERS.map((f) => [f, summarize(f)]));
for (const folder of FOLDERS) {
  const s = summaries[folder];
  if (!s) {
    lines.push(`| \`${folder}/\` | not measured yet | | | | | | | | | \`npm run mutate -- ${folder}\` |`);
    continue;
  }
  const c = s.counts;
  const run = runs[folder];
  const when = run ? `${run.commit.slice(0, 7)}${run.dirty ? ' (with changes)' : ''}, ${run.date.slice(0, 10)}` : '';
  const mark = s.score >= GOAL ? '' : ' (below the goal)';
  lines.push(
    `| \`${folder}/\` | ${s.score.toFixed(1)}%${mark} | ${s.files} of ${sourceFiles(folder)} | ${s.valid + c.CompileError + c.RuntimeError + c.Ignored} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${c.CompileError} | ${c.Ignored} | ${when} |`,
  );
}
lines.push(
  '',
  '## The spot check',
  '',
  'Nine single-line bugs once survived the whole suite. Each is now caught, by these tests (checked by making the bug',
  'by hand and running them):',
  '',
  '| bug | caught by |',
  '| --- | --- |',
  '| `net/cidr.ts` overlap: `<=` → `<` | `__tests__/net/cidr.test.ts` ranges sharing one address; `__tests__/rules/address-space.test.ts` a site 10.1.0.0/32 |',
  '| `rules/connection.ts` DPD: `> 3600` → `>= 3600` | `__tests__/rules/connection.test.ts` a DPD timeout of 3600 s is taken |',
  '| `rules/shared-key.ts` length: `<= MAX` → `< MAX` | `__tests__/rules/shared-key.test.ts` a generated key of length 128 is taken |',
  '| `rules/names.ts` group key not lower-cased | `__tests__/rules/names.test.ts` a gateway name in TestRG1 and testrg1 |',
  '| `topology/resolve.ts` enableBgp default `false` | `__tests__/topology/resolve.test.ts` enableBgp through a file, for connections and meshes |',
  '| `topology/resolve.ts` public IPs `? 2 : 2` | `__tests__/topology/resolve.test.ts` active-standby: one public IP |',
  '| `review/compare.ts` `!isComputedIn(…)` dropped | `__tests__/review/compare.test.ts` a replaced network whose name is a reference |',
  '| `rules/bgp.ts` ASN `> 4294967296` | `__tests__/rules/bgp.test.ts` gateway and site ASN 4294967296 are refused |',
  '| `topology/load.ts` stack name `/^[A-Za-z0-9]/` | `__tests__/topology/load.test.ts` 1.json gives stack topology-1 |',
);
lines.push('', '## Surviving mutants', '');
for (const folder of FOLDERS) {
  const s = summaries[folder];
  if (!s) continue;
  lines.push(`### \`${folder}/\``, '');
  if (s.survivors.length === 0) {
    lines.push('None: every mutant is caught.', '');
    continue;
  }
  const explained = s.survivors.filter((m) => m.reason).length;
  const missing = s.survivors.length - explained;
  lines.push(
    missing === 0
      ? `${s.survivors.length} left, each with the reason it is left.`
      : `${s.survivors.length} left: ${explained} with a reason, ${missing} that a test still has to catch.`,
    '',
    '| where | mutant | why it is left |',
    '| --- | --- | --- |',
  );
  for (const m of s.survivors) {
    const what = `${m.mutator}: ${code(m.original)} → ${code(m.replacement)}${m.status === 'NoCoverage' ? ' (no test reaches it)' : ''}`;
    lines.push(
      `| \`${m.file}:${m.line}\` | ${what.replace(/\|/g, '\\|')} | ${(m.reason ?? 'no test catches it yet').replace(/\|/g, '\\|')} |`,
    );
  }
  lines.push('');
}
writeFileSync(join(ROOT, 'docs', 'mutation.md'), `${lines.join('\n').trimEnd()}\n`);
console.log(
  FOLDERS.map((f) => `${f}/: ${summaries[f] ? `${summaries[f].score.toFixed(1)}%` : 'not measured'}`).join(', '),
  '-> docs/mutation.md',
);

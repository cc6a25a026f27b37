// Proves that the constructs install into any cdktf app (CI runs it on every run):
//   1. builds and packs the package, and lints the tarball with publint and @arethetypeswrong/cli;
//   2. installs the tarball into a fresh temporary cdktf app whose tsconfig.json is the cdktf TypeScript template's
//      (the one cdktf-cli 0.21.0 writes with `cdktf init --template=typescript`);
//   3. compiles scripts/consumer/main.ts there with tsc, runs it (synth), and compares its resources with the
//      project's own synth of topologies/vnet1-vnet4.json, and checks it holds one azurerm and one random provider.
//
// The package and its own dependencies (zod, ipaddr.js) are installed by npm from the tarball, from npm's cache when
// `npm ci` has filled it (--prefer-offline). The peer dependencies (cdktf, constructs and the two provider packages)
// are the app's to install; here they are links to this project's node_modules, the versions the lock file pins: a
// consumer's single copy, without downloading and unpacking the 270 MB azurerm provider package on every CI run.
//   node scripts/consumer-test.mjs [--keep]
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PEERS = ['cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-random'];
const env = { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' };
const bin = (pkg, path) => join(root, 'node_modules', pkg, path);

function run(file, args, options = {}) {
  return execFileSync(file, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
}
const step = (what) => process.stdout.write(`-- ${what}\n`);

const work = mkdtempSync(join(tmpdir(), 'vnet2vnet-consumer-'));
try {
  step('build and pack');
  run('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: root });
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz')),
  );
  const listing = run('tar', ['-tzf', tarball]).split('\n').filter(Boolean);
  const stray = listing.filter(
    (f) =>
      !/^package\/(lib\/.*\.(js|d\.ts)(\.map)?|schema\/topology\.schema\.json|package\.json|README\.md|LICENSE)$/.test(
        f,
      ),
  );
  if (stray.length > 0) throw new Error(`the tarball holds files it should not: ${stray.join(', ')}`);
  process.stdout.write(`${listing.length} files in ${tarball.slice(work.length + 1)}\n`);

  step('publint, attw');
  run(process.execPath, [bin('publint', 'src/cli.js'), 'run', tarball, '--strict'], { stdio: 'inherit' });
  run(process.execPath, [bin('@arethetypeswrong/cli', 'dist/index.js'), tarball, '--profile', 'node16'], {
    stdio: 'inherit',
  });

  step('install into a fresh cdktf app');
  const app = join(work, 'app');
  mkdirSync(app);
  copyFileSync(bin('cdktf-cli', 'bundle/templates/typescript/tsconfig.json'), join(app, 'tsconfig.json'));
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, main: 'main.js' }, null, 2)}\n`,
  );
  copyFileSync(join(root, 'scripts', 'consumer', 'main.ts'), join(app, 'main.ts'));
  run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', tarball],
    { cwd: app },
  );
  for (const peer of PEERS) {
    mkdirSync(dirname(join(app, 'node_modules', peer)), { recursive: true });
    symlinkSync(join(root, 'node_modules', peer), join(app, 'node_modules', peer), 'dir');
  }

  step('compile with the template tsconfig.json (tsc)');
  run(process.execPath, [bin('typescript', 'bin/tsc'), '-p', app], { cwd: app, stdio: 'inherit' });

  step('synth');
  const outdir = join(app, 'cdktf.out');
  run(process.execPath, ['main.js'], { cwd: app, env: { ...env, CDKTF_OUTDIR: outdir } });
  const consumer = JSON.parse(readFileSync(join(outdir, 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));

  const projectOut = join(work, 'project.out');
  run(process.execPath, ['scripts/app.mjs'], { cwd: root, env: { ...env, CDKTF_OUTDIR: projectOut, TOPOLOGY: '' } });
  const project = JSON.parse(readFileSync(join(projectOut, 'stacks', 'vnet1-vnet4', 'cdk.tf.json'), 'utf8'));

  step('compare');
  const problems = [];
  for (const type of ['azurerm', 'random']) {
    const blocks = consumer.provider?.[type] ?? [];
    if (blocks.length !== 1) problems.push(`the app has ${blocks.length} ${type} provider blocks; it configured one`);
  }
  const a = comparable(project);
  const b = comparable(consumer);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(key in b)) problems.push(`missing from the app's synth: ${key}`);
    else if (!(key in a)) problems.push(`not in the project's synth: ${key}`);
    else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      problems.push(`${key} differs:\n  project: ${JSON.stringify(a[key])}\n  app:     ${JSON.stringify(b[key])}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  process.stdout.write(
    `the app's ${Object.keys(b).length} resources equal the project's synth of the default topology\n`,
  );
} catch (e) {
  process.stderr.write(`consumer test failed: ${e.message}\n`);
  process.exitCode = 1;
} finally {
  if (process.argv.includes('--keep')) process.stdout.write(`kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}

/**
 * Resources keyed by type and Azure name (addresses differ: the app chose its own construct ids), with references
 * rewritten the same way and cdktf's metadata left out, keys sorted.
 */
function comparable(json) {
  const names = new Map();
  for (const [type, resources] of Object.entries(json.resource)) {
    for (const [id, body] of Object.entries(resources)) names.set(`${type}.${id}`, `${type}[${body.name ?? type}]`);
  }
  const rewrite = (value) => {
    if (typeof value === 'string') {
      return value.replace(/\$\{([a-z_]+\.[A-Za-z0-9_-]+)(\.[^}]*)?\}/g, (m, address, rest = '') =>
        names.has(address) ? `\${${names.get(address)}${rest}}` : m,
      );
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .filter((k) => k !== '//')
          .sort()
          .map((k) => [k, rewrite(value[k])]),
      );
    }
    return value;
  };
  const result = {};
  for (const [type, resources] of Object.entries(json.resource)) {
    for (const body of Object.values(resources)) result[`${type}[${body.name ?? type}]`] = rewrite(body);
  }
  return result;
}

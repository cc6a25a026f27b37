// `npm run bench`: times the synthesis path and the test suite, interleaved, and checks them against the goals of
// issue 6. Plain Node, no network. Every command runs as a child process; a round runs each command once, in an order
// that rotates from round to round, so that load from other processes on the machine spreads over all of them.
//   node bench/bench.mjs [--reps N] [--quick] [--out FILE]
// BENCH_RSS_PROBE=preload measures peak RSS with bench/max-rss.cjs even where /usr/bin/time exists.
// Exits 1 when a measured command fails or writes the wrong output; a missed goal is reported, not an error.
import { spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MESH_SIZES = [5, 10, 20, 30];
const SEED_RESOURCES = 17;
const MiB = 1024 * 1024;

const GOALS = {
  appOverFloor: 1.5, // app on the seed / floor-deep, at most
  rootOverApp: 5, // floor-root / app on the seed, at least
  mesh30Seconds: 3,
  mesh30MiB: 300,
  perResource30Over10: 1.5, // marginal time per resource, 30 networks / 10 networks, at most
  jestSeconds: 30,
};

// ---------------------------------------------------------------------------------------------------------- options
function parseArgs(argv) {
  const options = { reps: undefined, quick: false, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--reps') options.reps = Number(argv[++i]);
    else if (arg.startsWith('--reps=')) options.reps = Number(arg.slice('--reps='.length));
    else if (arg === '--out') options.out = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node bench/bench.mjs [--reps N] [--quick] [--out FILE]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument "${arg}"; use --reps N, --quick or --out FILE\n`);
      process.exit(2);
    }
  }
  if (options.reps !== undefined && !(Number.isInteger(options.reps) && options.reps >= 1)) {
    process.stderr.write(`bench: --reps must be a whole number of at least 1 (got ${options.reps})\n`);
    process.exit(2);
  }
  options.reps ??= options.quick ? 2 : 5;
  // A quick run does not overwrite the committed results (bench/results/*.tmp is ignored by git).
  options.out ??= join(ROOT, 'bench', 'results', options.quick ? 'quick.tmp' : 'latest.json');
  return options;
}

// ---------------------------------------------------------------------------------------------------- peak memory
const PRELOAD = join(ROOT, 'bench', 'max-rss.cjs');

/** GNU time's %M (peak RSS of the child, KiB) when /usr/bin/time is there and works, else the preload. */
function detectRssProbe() {
  if (process.env.BENCH_RSS_PROBE === 'preload') return 'preload';
  const file = join(tmpdir(), `vnet2vnet-bench-probe-${process.pid}`);
  const probe = spawnSync('/usr/bin/time', ['-f', '%M', '-o', file, process.execPath, '-e', '0'], { stdio: 'ignore' });
  const kib =
    probe.status === 0 && existsSync(file) ? Number(readFileSync(file, 'utf8').trim().split('\n').pop()) : NaN;
  rmSync(file, { force: true });
  return Number.isFinite(kib) && kib > 0 ? 'gnu-time' : 'preload';
}

/** Wraps a command so that its peak RSS (bytes) lands in `file`. */
function withRssProbe(probe, file, command, args, env) {
  if (probe === 'gnu-time') return { command: '/usr/bin/time', args: ['-f', '%M', '-o', file, command, ...args], env };
  const preload = `--require=${PRELOAD}`;
  return {
    command,
    args,
    env: { ...env, BENCH_MAXRSS_FILE: file, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} ${preload}`.trim() },
  };
}

/** Peak RSS in bytes: the largest figure written (the preload appends one line per Node process). */
function readPeakRss(file) {
  if (!existsSync(file)) return undefined;
  const values = readFileSync(file, 'utf8')
    .split('\n')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
  if (values.length === 0) return undefined;
  return Math.max(...values) * 1024; // both report KiB
}

// ------------------------------------------------------------------------------------------------------- commands
const scratch = mkdtempSync(join(tmpdir(), 'vnet2vnet-bench-'));
const baseEnv = { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' };
delete baseEnv.CDKTF_OUTDIR;
delete baseEnv.TOPOLOGY;

/** A mesh of n networks on VpnGw4AZ, each with a FrontEnd subnet like the seed's. */
function meshTopology(n) {
  const names = Array.from({ length: n }, (_, i) => `N${String(i + 1).padStart(2, '0')}`);
  return {
    name: `mesh-${n}`,
    networks: names.map((name, i) => ({
      name,
      resourceGroup: `${name}-rg`,
      location: i % 2 === 0 ? 'eastus' : 'westus2',
      addressSpace: [`10.${i + 1}.0.0/16`],
      subnets: [{ name: 'FrontEnd', addressPrefix: `10.${i + 1}.0.0/24` }],
      gatewaySubnetPrefix: `10.${i + 1}.255.0/27`,
      gateway: { sku: 'VpnGw4AZ' },
    })),
    mesh: names,
  };
}

/** Per network: group, vnet, 2 subnets, 2 public IPs, gateway; per pair: 2 connections and a password. */
const meshResources = (n) => n * 7 + ((n * (n - 1)) / 2) * 3;

function countResources(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const byType = Object.fromEntries(Object.entries(json.resource ?? {}).map(([t, r]) => [t, Object.keys(r).length]));
  return { total: Object.values(byType).reduce((a, b) => a + b, 0), byType };
}

function defineCommands() {
  const seedStack = (outdir) => join(outdir, 'stacks', 'vnet1-vnet4', 'cdk.tf.json');
  const commands = [
    {
      key: 'app-seed',
      label: 'app on the seed (node scripts/app.mjs)',
      run: (outdir) => ({ command: process.execPath, args: ['scripts/app.mjs'], env: { CDKTF_OUTDIR: outdir } }),
      output: seedStack,
      resources: SEED_RESOURCES,
    },
    {
      key: 'cdktf-synth',
      label: 'npx cdktf synth (seed)',
      run: (outdir) => ({ command: 'npx', args: ['cdktf', 'synth', '--output', outdir], env: {} }),
      output: seedStack,
      resources: SEED_RESOURCES,
    },
    {
      key: 'floor-deep',
      label: 'floor, deep imports (bench/floor-deep.cjs)',
      run: (outdir) => ({ command: process.execPath, args: ['bench/floor-deep.cjs'], env: { CDKTF_OUTDIR: outdir } }),
      output: seedStack,
      resources: SEED_RESOURCES,
    },
    {
      key: 'floor-root',
      label: 'floor, package root (bench/floor-root.cjs)',
      run: (outdir) => ({ command: process.execPath, args: ['bench/floor-root.cjs'], env: { CDKTF_OUTDIR: outdir } }),
      output: seedStack,
      resources: SEED_RESOURCES,
    },
  ];
  const topologies = join(scratch, 'topologies');
  mkdirSync(topologies);
  for (const n of MESH_SIZES) {
    const file = join(topologies, `mesh-${n}.json`);
    writeFileSync(file, `${JSON.stringify(meshTopology(n), null, 2)}\n`);
    commands.push({
      key: `mesh-${n}`,
      label: `mesh of ${n}, VpnGw4AZ (app)`,
      mesh: n,
      run: (outdir) => ({
        command: process.execPath,
        args: ['scripts/app.mjs'],
        env: { CDKTF_OUTDIR: outdir, TOPOLOGY: file },
      }),
      output: (outdir) => join(outdir, 'stacks', `mesh-${n}`, 'cdk.tf.json'),
      resources: meshResources(n),
    });
  }
  // The input limits (issue 9): refusals that must be quick, and the largest file the limits let through.
  const seed = JSON.parse(readFileSync(join(ROOT, 'topologies', 'vnet1-vnet4.json'), 'utf8'));
  const limitFiles = {
    'refuse-large': { ...seed, tags: { filler: 'x'.repeat(MiB) } },
    'refuse-overlaps': {
      ...seed,
      networks: [
        {
          ...seed.networks[0],
          subnets: Array.from({ length: 2000 }, (_, i) => ({ name: `S${i}`, addressPrefix: '10.1.0.0/24' })),
        },
        seed.networks[1],
      ],
    },
    'max-subnets': {
      ...seed,
      networks: [
        {
          ...seed.networks[0],
          // 3,000 (Azure's limit per virtual network) distinct /28s: every pair compared, none overlapping.
          subnets: Array.from({ length: 3000 }, (_, i) => ({
            name: `S${i}`,
            addressPrefix: `10.1.${Math.floor(i / 16)}.${(i % 16) * 16}/28`,
          })),
        },
        seed.networks[1],
      ],
    },
  };
  const limitLabels = {
    'refuse-large': 'limit: a file over 1 MiB, refused',
    'refuse-overlaps': 'limit: 2,000 copies of one subnet, refused',
    'max-subnets': 'limit: 3,000 distinct subnets, synthesized',
  };
  for (const [key, topology] of Object.entries(limitFiles)) {
    const file = join(topologies, `${key}.json`);
    writeFileSync(file, JSON.stringify(topology));
    const refused = key.startsWith('refuse-');
    commands.push({
      key,
      label: limitLabels[key],
      exitCode: refused ? 1 : 0,
      run: (outdir) => ({
        command: process.execPath,
        args: ['scripts/app.mjs'],
        env: { CDKTF_OUTDIR: outdir, TOPOLOGY: file },
      }),
      output: refused ? undefined : (outdir) => join(outdir, 'stacks', key, 'cdk.tf.json'),
      resources: refused ? undefined : SEED_RESOURCES + 3000 - 1,
    });
  }
  commands.push({
    key: 'jest',
    label: 'test suite (npx jest)',
    run: () => ({ command: 'npx', args: ['jest', '--silent'], env: {} }),
  });
  return commands;
}

// -------------------------------------------------------------------------------------------------------- running
function runOnce(cmd, probe) {
  const outdir = mkdtempSync(join(scratch, `${cmd.key}-`));
  const rssFile = join(outdir, '.maxrss');
  const { command, args, env } = cmd.run(outdir);
  const wrapped = withRssProbe(probe, rssFile, command, args, { ...baseEnv, ...env });
  return new Promise((resolveRun) => {
    const started = process.hrtime.bigint();
    const child = spawn(wrapped.command, wrapped.args, {
      cwd: ROOT,
      env: wrapped.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', (e) => (log += `\n${e.message}`));
    child.on('close', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const result = { seconds, rss: readPeakRss(rssFile) };
      if (code !== (cmd.exitCode ?? 0)) result.error = `exited with ${signal ?? `code ${code}`}`;
      else if (cmd.exitCode && existsSync(join(outdir, 'stacks'))) result.error = 'wrote output on a refusal';
      else if (cmd.output) {
        const file = cmd.output(outdir);
        if (!existsSync(file)) result.error = `wrote no ${relative(outdir, file)}`;
        else {
          const count = countResources(file);
          result.resources = count.total;
          result.byType = count.byType;
          if (count.total !== cmd.resources)
            result.error = `synthesized ${count.total} resources, expected ${cmd.resources}`;
        }
      }
      if (result.error) result.log = log.slice(-4000);
      rmSync(outdir, { recursive: true, force: true });
      resolveRun(result);
    });
  });
}

// ------------------------------------------------------------------------------------------------------ statistics
function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function summarize(values) {
  const v = values.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  return { median: quantile(v, 0.5), min: v[0], max: v[v.length - 1], q1: quantile(v, 0.25), q3: quantile(v, 0.75) };
}

// ---------------------------------------------------------------------------------------------------------- output
const fmtS = (s) => (s === undefined ? '-' : s.toFixed(3));
const fmtMiB = (b) => (b === undefined ? '-' : (b / MiB).toFixed(0));
const fmtMs = (ms) => (ms === undefined ? '-' : ms.toFixed(3));

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])));
  const [head, ...body] = rows;
  return [line(head).join('  '), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map((r) => line(r).join('  '))]
    .map((l) => l.trimEnd())
    .join('\n');
}

function goal(name, target, measured, met, by) {
  return { goal: name, target, measured, met, ...(met ? {} : { missedBy: by }) };
}

function evaluateGoals(stats) {
  const m = (key) => stats[key]?.seconds?.median;
  const goals = [];
  const app = m('app-seed');
  const deep = m('floor-deep');
  const root = m('floor-root');
  if (app && deep) {
    const r = app / deep;
    goals.push(
      goal(
        'app on the seed / floor-deep',
        `<= ${GOALS.appOverFloor}x`,
        `${r.toFixed(2)}x`,
        r <= GOALS.appOverFloor,
        `${((r / GOALS.appOverFloor - 1) * 100).toFixed(0)}% (${((app - GOALS.appOverFloor * deep) * 1000).toFixed(0)} ms too slow)`,
      ),
    );
  }
  if (app && root) {
    const r = root / app;
    goals.push(
      goal(
        'floor-root / app on the seed',
        `>= ${GOALS.rootOverApp}x`,
        `${r.toFixed(2)}x`,
        r >= GOALS.rootOverApp,
        `${(GOALS.rootOverApp - r).toFixed(2)}x short`,
      ),
    );
  }
  const m30 = stats['mesh-30'];
  if (m30) {
    const s = m30.seconds.median;
    goals.push(
      goal(
        'mesh of 30: synth time',
        `<= ${GOALS.mesh30Seconds} s`,
        `${s.toFixed(2)} s`,
        s <= GOALS.mesh30Seconds,
        `${(s - GOALS.mesh30Seconds).toFixed(2)} s`,
      ),
    );
    const mib = m30.rss?.median / MiB;
    if (Number.isFinite(mib)) {
      goals.push(
        goal(
          'mesh of 30: peak RSS',
          `<= ${GOALS.mesh30MiB} MiB`,
          `${mib.toFixed(0)} MiB`,
          mib <= GOALS.mesh30MiB,
          `${(mib - GOALS.mesh30MiB).toFixed(0)} MiB`,
        ),
      );
    }
  }
  const p10 = stats['mesh-10']?.marginalMsPerResource;
  const p30 = stats['mesh-30']?.marginalMsPerResource;
  if (p10 && p30) {
    const r = p30 / p10;
    goals.push(
      goal(
        'time per resource, mesh of 30 / mesh of 10 (marginal)',
        `<= ${GOALS.perResource30Over10}x`,
        `${r.toFixed(2)}x (${p30.toFixed(3)} / ${p10.toFixed(3)} ms)`,
        r <= GOALS.perResource30Over10,
        `${((r / GOALS.perResource30Over10 - 1) * 100).toFixed(0)}%`,
      ),
    );
  }
  const jest = m('jest');
  if (jest) {
    goals.push(
      goal(
        'test suite (npx jest)',
        `<= ${GOALS.jestSeconds} s`,
        `${jest.toFixed(2)} s`,
        jest <= GOALS.jestSeconds,
        `${(jest - GOALS.jestSeconds).toFixed(2)} s`,
      ),
    );
  }
  // A goal whose measures failed is neither met nor missed.
  const named = new Set(goals.map((g) => g.goal.split(':')[0]));
  for (const name of [
    'app on the seed / floor-deep',
    'floor-root / app on the seed',
    'mesh of 30',
    'time per resource, mesh of 30 / mesh of 10 (marginal)',
    'test suite (npx jest)',
  ]) {
    if (!named.has(name)) goals.push({ goal: name, measured: 'not measured', met: null });
  }
  return goals;
}

/** JSON as the repo's prettier (a dev dependency) writes it, so that `npm run lint` passes on the committed results. */
async function formatJson(value) {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const prettier = await import('prettier');
    return await prettier.format(text, {
      parser: 'json',
      ...(await prettier.resolveConfig(join(ROOT, 'package.json'))),
    });
  } catch {
    return text;
  }
}

// ------------------------------------------------------------------------------------------------------------ main
async function main() {
  const options = parseArgs(process.argv.slice(2));
  const probe = detectRssProbe();
  const commands = defineCommands();
  const cpuList = cpus();
  const startLoad = loadavg();
  const began = Date.now();
  process.stdout.write(
    `bench: ${commands.length} commands x ${options.reps} rounds (+1 warm-up), node ${process.version}, ` +
      `${cpuList.length} cpus, peak RSS by ${probe}, load ${startLoad.map((l) => l.toFixed(2)).join(' ')}\n`,
  );

  const samples = Object.fromEntries(commands.map((c) => [c.key, []]));
  const failures = [];
  const failed = new Set();
  // Round 0 warms the file cache and esbuild and is not recorded; a command that fails there is not run again.
  for (let round = 0; round <= options.reps; round++) {
    const order = commands.map((_, i) => commands[(i + round) % commands.length]);
    process.stdout.write(round === 0 ? 'warm-up ' : `round ${round} `);
    for (const cmd of order) {
      if (failed.has(cmd.key)) continue;
      const result = await runOnce(cmd, probe);
      process.stdout.write(result.error ? 'x' : '.');
      if (result.error) {
        failed.add(cmd.key);
        failures.push({ key: cmd.key, label: cmd.label, round, error: result.error, log: result.log });
      } else if (round > 0) samples[cmd.key].push(result);
    }
    process.stdout.write('\n');
  }

  const stats = {};
  for (const cmd of commands) {
    const runs = samples[cmd.key];
    if (runs.length === 0) continue;
    stats[cmd.key] = {
      label: cmd.label,
      runs: runs.length,
      seconds: summarize(runs.map((r) => r.seconds)),
      rss: summarize(runs.map((r) => r.rss)),
      samplesSeconds: runs.map((r) => Number(r.seconds.toFixed(4))),
      ...(cmd.resources ? { resources: cmd.resources, byType: runs[0].byType } : {}),
    };
  }
  // Time per resource: the wall time over the resources, and the marginal figure that goal 5 uses: the time above
  // the app's run on the seed (start-up, imports, one small stack) over the resources above the seed's.
  const appSeed = stats['app-seed']?.seconds.median;
  for (const n of MESH_SIZES) {
    const s = stats[`mesh-${n}`];
    if (!s) continue;
    s.msPerResource = (s.seconds.median * 1000) / s.resources;
    if (appSeed !== undefined)
      s.marginalMsPerResource = ((s.seconds.median - appSeed) * 1000) / (s.resources - SEED_RESOURCES);
  }

  const rows = [
    [
      'measure',
      'runs',
      'median s',
      'min s',
      'max s',
      'IQR s',
      'peak RSS MiB (med)',
      'resources',
      'ms/res',
      'marginal ms/res',
    ],
  ];
  for (const cmd of commands) {
    const s = stats[cmd.key];
    if (!s) {
      rows.push([cmd.label, 0, 'FAILED', '-', '-', '-', '-', '-', '-', '-']);
      continue;
    }
    rows.push([
      s.label,
      s.runs,
      fmtS(s.seconds.median),
      fmtS(s.seconds.min),
      fmtS(s.seconds.max),
      fmtS(s.seconds.q3 - s.seconds.q1),
      fmtMiB(s.rss?.median),
      s.resources ?? '-',
      fmtMs(s.msPerResource),
      fmtMs(s.marginalMsPerResource),
    ]);
  }
  const ratios = {};
  if (stats['app-seed'] && stats['floor-deep'])
    ratios.appOverFloorDeep = stats['app-seed'].seconds.median / stats['floor-deep'].seconds.median;
  if (stats['app-seed'] && stats['floor-root'])
    ratios.floorRootOverApp = stats['floor-root'].seconds.median / stats['app-seed'].seconds.median;
  if (stats['floor-root'] && stats['floor-deep'])
    ratios.floorRootOverFloorDeep = stats['floor-root'].seconds.median / stats['floor-deep'].seconds.median;
  if (stats['cdktf-synth'] && stats['app-seed'])
    ratios.cliOverheadSeconds = stats['cdktf-synth'].seconds.median - stats['app-seed'].seconds.median;

  const goals = evaluateGoals(stats);
  const endLoad = loadavg();
  process.stdout.write(`\n${table(rows)}\n\n`);
  process.stdout.write(
    `ratios: app/floor-deep ${ratios.appOverFloorDeep?.toFixed(2) ?? '-'}x, floor-root/floor-deep ` +
      `${ratios.floorRootOverFloorDeep?.toFixed(2) ?? '-'}x, floor-root/app ${ratios.floorRootOverApp?.toFixed(2) ?? '-'}x, ` +
      `cdktf CLI over the app ${ratios.cliOverheadSeconds?.toFixed(2) ?? '-'} s\n\n`,
  );
  for (const g of goals) {
    process.stdout.write(
      g.met === null
        ? `n/a     ${g.goal}: not measured (a command failed)\n`
        : `${g.met ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.measured} (goal ${g.target})${g.met ? '' : `, missed by ${g.missedBy}`}\n`,
    );
  }

  const report = {
    date: new Date(began).toISOString(),
    durationSeconds: Number(((Date.now() - began) / 1000).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: { count: cpuList.length, model: cpuList[0]?.model?.trim() },
    loadAverage: { start: startLoad, end: endLoad },
    reps: options.reps,
    quick: options.quick,
    peakRssBy: probe === 'gnu-time' ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS (bench/max-rss.cjs)',
    timing:
      'wall time of the child process, seen from the parent; medians of the recorded rounds (one warm-up round not recorded)',
    measures: stats,
    ratios,
    goals,
    failures: failures.map(({ log: _log, ...f }) => f),
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, await formatJson(report));
  process.stdout.write(
    `\nwrote ${options.out.startsWith(`${process.cwd()}/`) ? relative(process.cwd(), options.out) : options.out} (${report.durationSeconds} s)\n`,
  );

  for (const f of failures) {
    process.stderr.write(
      `\nbench: ${f.label} failed in ${f.round === 0 ? 'the warm-up' : `round ${f.round}`}: ${f.error}\n${f.log ?? ''}\n`,
    );
  }
  return failures.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

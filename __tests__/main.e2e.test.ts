import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppRun, runApp, started, WAIT_FOR_RUNS } from './support/app-run';
import { ROOT } from './support/root';
import { seedWith } from './support/topologies';

describe('main: the app on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vnet2vnet-e2e-'));
  const outdir = join(dir, 'cdktf.out');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  /** A bad file, made when its run starts, and the findings the app must print for it. */
  const refused: [string, () => string, (path: string) => string[]][] = [
    [
      'a topology that breaks a rule',
      () =>
        file(
          'overlap.json',
          JSON.stringify(seedWith((t) => (t.networks[1].addressSpace = ['10.1.0.0/16', '10.41.0.0/16']))),
        ),
      (path: string) => [
        `error: ${path}: networks[1].addressSpace[0]: network "VNet4": address space 10.1.0.0/16 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap`,
      ],
    ],
    [
      'a missing file',
      () => join(dir, 'missing.json'),
      (path: string) => [
        `error: ${path}: (file): cannot read the topology file (no such file); check the path given in TOPOLOGY`,
      ],
    ],
    [
      'an empty file',
      () => file('empty.json', '  \n'),
      (path: string) => [`error: ${path}: (file): the topology file is empty; start from topologies/vnet1-vnet4.json`],
    ],
  ];

  /** Loaded into each run by NODE_OPTIONS: writes the paths of the modules in Node's cache when the run exits. */
  const probe = file(
    'loaded-modules.cjs',
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_MODULES, " +
      'JSON.stringify(Object.keys(require.cache))));\n',
  );

  type Run = AppRun & { stacksWritten: boolean; packageModules: string[] };
  /**
   * Runs the app and notes whether the output folder held stacks right after it, and the modules it loaded from
   * packages, each by its path under the innermost node_modules (`cdktf/lib/index.js`).
   */
  const run = async (path: string): Promise<Run> => {
    const loaded = `${path}.modules.json`;
    const outcome = await runApp(path, outdir, {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(probe)}`,
      LOADED_MODULES: loaded,
    });
    const stacksWritten = existsSync(join(outdir, 'stacks'));
    const paths = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
    const packageModules = paths
      .filter((p) => p.includes('/node_modules/'))
      .map((p) => p.split('/node_modules/').pop()!);
    return { ...outcome, stacksWritten, packageModules };
  };
  /** Each refused run's file and outcome. */
  const runs = new Map<string, { path: string; run: Promise<Run> }>();
  let seedRun: Promise<Run>;

  beforeAll(() => {
    for (const [name, make] of refused) {
      const path = make();
      runs.set(name, { path, run: started(() => run(path)) });
    }
    const malformed = file('malformed.json', '{ "networks": [ }');
    runs.set('malformed JSON', { path: malformed, run: started(() => run(malformed)) });
    // The seed writes to the same output folder: it starts once every refused run has ended.
    const seed = join(dir, 'seed.json');
    copyFileSync(join(ROOT, 'topologies', 'vnet1-vnet4.json'), seed);
    seedRun = Promise.allSettled([...runs.values()].map((r) => r.run)).then(() => run(seed));
    seedRun.catch(() => undefined);
  });

  it.each(refused)(
    '%s: one line per finding, exit code 1, no stack trace, nothing written',
    async (name, _, expected) => {
      const { path, run } = runs.get(name)!;
      const { status, stderr, stacksWritten } = await run;
      expect(status).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual(expected(path));
      expect(stderr).not.toMatch(/^ {4}at /m);
      expect(stacksWritten).toBe(false);
    },
    WAIT_FOR_RUNS,
  );

  it(
    'malformed JSON: one line naming the syntax error, exit code 1, nothing written',
    async () => {
      const { path, run } = runs.get('malformed JSON')!;
      const { status, stderr, stacksWritten } = await run;
      expect(status).toBe(1);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^error: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(file\\): not valid JSON \\(.+\\); fix the syntax$`,
        ),
      );
      expect(stacksWritten).toBe(false);
    },
    WAIT_FOR_RUNS,
  );

  // cdktf, constructs and the providers are most of what a run loads: the rules check a file without them. Of cdktf,
  // the rules load only its token module (rules/rule.ts), which needs nothing outside lib/tokens but lib/errors.js.
  const synthesisPackage = /^(cdktf|constructs|@cdktf)\//;
  const tokenModule = /^cdktf\/lib\/(tokens\/|errors\.js$)/;

  it.each([...refused.map(([name]) => name), 'malformed JSON'])(
    '%s: refused before cdktf, constructs or a provider package is loaded',
    async (name) => {
      const { status, packageModules } = await runs.get(name)!.run;
      expect(status).toBe(1);
      expect(packageModules.filter((p) => synthesisPackage.test(p) && !tokenModule.test(p))).toEqual([]);
      // The probe saw what the checks do load.
      expect(packageModules.some((p) => p.startsWith('zod/'))).toBe(true);
    },
    WAIT_FOR_RUNS,
  );

  it(
    'the seed, which passes, loads cdktf, constructs and the providers to synthesize',
    async () => {
      const { status, packageModules } = await seedRun;
      expect(status).toBe(0);
      expect(packageModules).toEqual(
        expect.arrayContaining([
          'cdktf/lib/index.js',
          'constructs/lib/index.js',
          '@cdktf/provider-azurerm/lib/virtual-network-gateway/index.js',
          '@cdktf/provider-random/lib/password/index.js',
        ]),
      );
    },
    WAIT_FOR_RUNS,
  );

  it(
    'the seed, by contrast, is written to the same outdir (so "nothing written" above means something)',
    async () => {
      const { status, stderr } = await seedRun;
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(existsSync(join(outdir, 'stacks', 'seed', 'cdk.tf.json'))).toBe(true);
    },
    WAIT_FOR_RUNS,
  );
});

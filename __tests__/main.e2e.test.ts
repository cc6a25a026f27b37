import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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

  type Run = AppRun & { stacksWritten: boolean };
  /** Runs the app and notes whether the output folder held stacks right after it. */
  const run = async (path: string): Promise<Run> => ({
    ...(await runApp(path, outdir)),
    stacksWritten: existsSync(join(outdir, 'stacks')),
  });
  /** Each refused run's file and outcome. */
  const runs = new Map<string, { path: string; run: Promise<Run> }>();
  let seedRun: Promise<Run>;

  beforeAll(() => {
    for (const [name, make] of refused) {
      const path = make();
      runs.set(name, { path, run: started(() => run(path)) });
    }
    const malformed = file('malformed.json', '{ "networks": [ }');
    runs.set('malformed', { path: malformed, run: started(() => run(malformed)) });
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
      const { path, run } = runs.get('malformed')!;
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

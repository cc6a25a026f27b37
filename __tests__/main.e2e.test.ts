import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support/synth';
import { seedWith } from './support/topologies';

/** Runs the app the way `cdktf synth` does, with its output in a directory of this test's own. */
function runApp(topology: string, outdir: string) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.mjs')], {
    cwd: ROOT,
    env: { ...process.env, TOPOLOGY: topology, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir, VNET2VNET_DEBUG: '' },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

describe('main: the app on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vnet2vnet-e2e-'));
  const outdir = join(dir, 'cdktf.out');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
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
  ])('%s: one line per finding, exit code 1, no stack trace, nothing written', (_, make, expected) => {
    const path = make();
    const { status, stderr } = runApp(path, outdir);
    expect(status).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual(expected(path));
    expect(stderr).not.toMatch(/^ {4}at /m);
    expect(existsSync(join(outdir, 'stacks'))).toBe(false);
  });

  it('malformed JSON: one line naming the syntax error, exit code 1, nothing written', () => {
    const path = file('malformed.json', '{ "networks": [ }');
    const { status, stderr } = runApp(path, outdir);
    expect(status).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^error: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\(file\\): not valid JSON \\(.+\\); fix the syntax$`,
      ),
    );
    expect(existsSync(join(outdir, 'stacks'))).toBe(false);
  });

  it('the seed, by contrast, is written to the same outdir (so "nothing written" above means something)', () => {
    const seed = join(dir, 'seed.json');
    copyFileSync(join(ROOT, 'topologies', 'vnet1-vnet4.json'), seed);
    const { status, stderr } = runApp(seed, outdir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(existsSync(join(outdir, 'stacks', 'seed', 'cdk.tf.json'))).toBe(true);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, runReview, synthesisEnvironment } from '../../review/cli';
import { StackInputError } from '../../review/compare';
import { readTopology, ROOT, synthTopology } from '../support/synth';

const dir = mkdtempSync(join(tmpdir(), 'review-test-'));
const seedText = synthTopology(readTopology('vnet1-vnet4.json'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const OLD = write('old.json', seedText);
const SAME = write('same.json', seedText);
const RESIZED = write('resized.json', seedText.replace('"sku": "VpnGw2AZ"', '"sku": "VpnGw3AZ"'));
const REGENERATED = write(
  'regenerated.json',
  seedText.replace('"generation": "Generation2"', '"generation": "Generation1"'),
);

function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runReview(args, ROOT, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('npm run review', () => {
  it('exits 0 when nothing changes', () => {
    expect(run(OLD, SAME)).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining('No changes.') });
  });

  it('exits 0 for an in-place change and lists it', () => {
    const { code, stdout } = run(OLD, RESIZED);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /~ +VNet1GW \(azurerm_virtual_network_gateway\.\S+\): changed in place, sku "VpnGw2AZ" -> "VpnGw3AZ"/,
    );
    expect(stdout).not.toContain('DANGER');
  });

  it('exits 2 when a gateway is replaced, and leads with the danger', () => {
    const { code, stdout } = run(OLD, REGENERATED);
    expect(code).toBe(2);
    const lines = stdout.split('\n');
    expect(lines[2]).toBe(
      'Summary: 3 replaced, 0 destroyed, 0 changed in place, 0 added. Something is replaced or destroyed: this change needs a second approval.',
    );
    expect(lines[4]).toBe('DANGER:');
    expect(lines[5]).toMatch(/^ {2}! gateway VNet1GW .* is replaced \(generation "Generation2" -> "Generation1"\)/);
  });

  it('prints Markdown for a pull-request comment', () => {
    const { code, stdout } = run('--markdown', OLD, REGENERATED);
    expect(code).toBe(2);
    expect(stdout.replaceAll(dir, '<tmp>')).toMatchSnapshot();
  });

  it.each([['--help'], ['-h']])('%s prints the usage on stdout and exits 0', (flag) => {
    const { code, stdout, stderr } = run(flag);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^usage: npm run review -- \[--markdown\] <old cdk\.tf\.json> <new cdk\.tf\.json>\n/);
    expect(stdout).toContain('--plan <plan.json>');
  });

  it.each([
    [['--plan'], 'review: --plan needs a file'],
    [['--git', 'HEAD', '--topology'], 'review: --topology needs a file, e.g. --topology topologies/vnet1-vnet4.json\n'],
    [['--plan', 'p.json', OLD], 'review: --plan reads one plan file and nothing else'],
    [[OLD], 'review: expected two stacks, got 1'],
    [[OLD, join(dir, 'missing.json')], `review: ${join(dir, 'missing.json')}: cannot read (no such file)`],
    [[OLD, dir], `review: ${dir}: cannot read (EISDIR)\n`],
    [[OLD, write('broken.json', '{')], `review: ${join(dir, 'broken.json')}: not valid JSON`],
    [[OLD, write('other.json', '{"a": 1}')], `review: ${join(dir, 'other.json')}: not a synthesized stack`],
    [['--frobnicate', OLD, SAME], 'review: unknown option --frobnicate'],
    [['--git', 'HEAD', 'no-such-ref-anywhere'], 'review: --git: "no-such-ref-anywhere" is not a commit'],
  ])('exits 1 for %j with a message and no stack trace', (args, message) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run review: errors that are not about the input format', () => {
  it('an input too deeply nested to compare: exit 1 with the one-line message, no stack trace', () => {
    const depth = 100_000;
    const deep = write('deep.json', `{"output": {"x": {"value": ${'['.repeat(depth)}${']'.repeat(depth)}}}}`);
    const flat = write('flat.json', '{"output": {"x": {"value": 1}}}');
    expect(run(deep, flat)).toEqual({ code: 1, stdout: '', stderr: 'review: Maximum call stack size exceeded\n' });
  });

  it('VNET2VNET_DEBUG adds the stack trace after the message', () => {
    const missing = join(dir, 'missing.json');
    process.env.VNET2VNET_DEBUG = '1';
    try {
      const { code, stdout, stderr } = run(OLD, missing);
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      const lines = stderr.split('\n');
      expect(lines.slice(0, 2)).toEqual([
        `review: ${missing}: cannot read (no such file)`,
        `StackInputError: ${missing}: cannot read (no such file)`,
      ]);
      expect(lines[2]).toMatch(/^ {4}at loadStack \(/);
      expect(stderr.endsWith('\n')).toBe(true);
    } finally {
      delete process.env.VNET2VNET_DEBUG;
    }
  });
});

describe('parseArgs', () => {
  it('reads --git, --topology and --markdown', () => {
    expect(parseArgs(['--markdown', '--topology', 't.json', '--git', 'main', 'HEAD'])).toEqual({
      old: { ref: 'main', topology: 't.json' },
      new: { ref: 'HEAD', topology: 't.json' },
      markdown: true,
    });
  });

  it('reads --plan with --markdown', () => {
    expect(parseArgs(['--plan', 'plan.json', '--markdown'])).toEqual({ plan: 'plan.json', markdown: true });
  });

  it('refuses --topology without --git', () => {
    expect(() => parseArgs(['--topology', 't.json', 'a', 'b'])).toThrow(StackInputError);
  });
});

describe('review --git runs another commit: what it is given', () => {
  it('an environment without credentials: ARM_*, tokens and keys are left out', () => {
    const env = synthesisEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/u',
      ARM_CLIENT_SECRET: 'secret',
      ARM_SUBSCRIPTION_ID: 'sub',
      GITHUB_TOKEN: 'ghp',
      AWS_SECRET_ACCESS_KEY: 'k',
      TF_VAR_vpn_key: 'psk',
    });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/u' });
  });

  it.each(['../outside.json', '/etc/passwd', 'topologies/../../outside.json'])(
    '--topology %s outside the worktree is refused',
    (path) => {
      const { code, stderr } = run('--git', '--topology', path, 'HEAD', 'HEAD');
      expect(code).toBe(1);
      expect(stderr).toMatch(/leaves the worktree; give a path inside it/);
    },
  );

  it('a file that is not JSON is named, its content never echoed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-'));
    const file = join(dir, 'secret.json');
    writeFileSync(file, 'password=hunter2\n');
    const { code, stderr } = run(file, file);
    expect(code).toBe(1);
    expect(stderr).not.toContain('hunter2');
  });
});

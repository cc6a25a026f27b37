import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, runReview, synthesisEnvironment, USAGE } from '../../review/cli';
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
const MISSING = join(dir, 'missing.json');
const BROKEN = write('broken.json', '{');
const BROKEN_LATER = write('broken-later.json', '{"output": 1} x');
const EMPTY = write('empty.json', '');
const OTHER = write('other.json', '{"a": 1}');
const PLAN_ALONE = '--plan reads one plan file and nothing else; leave out --git, --topology and stacks';

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

  // Each case is named in words: a name holding a temporary path would change from run to run.
  it.each([
    [
      '--plan without a file',
      ['--plan'],
      'review: --plan needs a file: terraform show -json plan.tfplan > plan.json\n',
    ],
    [
      '--topology without a file',
      ['--git', 'HEAD', '--topology'],
      'review: --topology needs a file, e.g. --topology topologies/vnet1-vnet4.json\n',
    ],
    ['--plan with a stack', ['--plan', 'p.json', OLD], `review: ${PLAN_ALONE}\n`],
    ['--plan with --git', ['--plan', 'p.json', '--git'], `review: ${PLAN_ALONE}\n`],
    ['--plan with --topology', ['--plan', 'p.json', '--topology', 't.json'], `review: ${PLAN_ALONE}\n`],
    ['one stack', [OLD], `review: expected two stacks, got 1\n${USAGE}\n`],
    ['three stacks', [OLD, SAME, RESIZED], `review: expected two stacks, got 3\n${USAGE}\n`],
    [
      '--topology with two files',
      ['--topology', 't.json', OLD, SAME],
      'review: --topology goes with --git; with two files, pass the files\n',
    ],
    ['a missing file', [OLD, MISSING], `review: ${MISSING}: cannot read (no such file)\n`],
    ['a directory', [OLD, dir], `review: ${dir}: cannot read (EISDIR)\n`],
    ['a file cut short', [OLD, BROKEN], `review: ${BROKEN}: not valid JSON (at character 1)\n`],
    [
      'a file broken past its tenth character',
      [OLD, BROKEN_LATER],
      `review: ${BROKEN_LATER}: not valid JSON (at character 14)\n`,
    ],
    ['an empty file', [OLD, EMPTY], `review: ${EMPTY}: not valid JSON\n`],
    ['JSON that is not a stack', [OLD, OTHER], `review: ${OTHER}: not a synthesized stack`],
    ['an unknown option', ['--frobnicate', OLD, SAME], `review: unknown option --frobnicate\n${USAGE}\n`],
    [
      'a ref that names no commit',
      ['--git', 'HEAD', 'no-such-ref-anywhere'],
      'review: --git: "no-such-ref-anywhere" is not a commit',
    ],
  ])('exits 1 for %s with a message and no stack trace', (_, args, message) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    if (message.endsWith('\n')) expect(stderr).toBe(message);
    else expect(stderr.startsWith(message)).toBe(true);
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
    expect(env).toStrictEqual({ PATH: '/usr/bin', HOME: '/home/u' });
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

/**
 * `--git` on a repository of its own whose cdktf app is a shell command that copies the ref's stack file: the
 * worktree, the app command, TOPOLOGY, the environment and the clean-up, without a synthesis.
 */
describe('review --git: each ref built in a worktree of its own', () => {
  const COPY_STACK =
    'env > "$ENV_REPORT"; mkdir -p "$CDKTF_OUTDIR/stacks/one" && cp "${TOPOLOGY:-stack.json}" "$CDKTF_OUTDIR/stacks/one/cdk.tf.json"';

  /** A repository with one commit per entry (files to write, null to delete) and an empty node_modules. */
  function repository(...commits: Record<string, string | null>[]): string {
    const root = mkdtempSync(join(tmpdir(), 'review-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
    git('init', '--quiet');
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, '.gitignore'), 'node_modules\n');
    for (const [i, files] of commits.entries()) {
      for (const [name, text] of Object.entries(files)) {
        if (text === null) rmSync(join(root, name));
        else writeFileSync(join(root, name), text);
      }
      git('add', '--all');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', `commit ${i}`);
    }
    return root;
  }
  const app = (command: string) => JSON.stringify({ app: command });

  function review(root: string, ...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = runReview(args, root, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    const worktrees = execFileSync('git', ['worktree', 'list'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    return { code, stdout, stderr, worktrees };
  }

  const envReport = () => join(mkdtempSync(join(tmpdir(), 'review-env-')), 'env.txt');

  it('compares the stacks two commits build, with credentials left out, and removes its worktrees', () => {
    const report = envReport();
    const root = repository(
      { 'cdktf.json': app(COPY_STACK.replace('$ENV_REPORT', report)), 'stack.json': seedText },
      { 'stack.json': readFileSync(REGENERATED, 'utf8') },
    );
    process.env.ARM_CLIENT_SECRET = 'not-for-the-ref';
    try {
      const { code, stdout, stderr, worktrees } = review(root, '--git', 'HEAD~1', 'HEAD');
      expect({ code, stderr }).toEqual({ code: 2, stderr: '' });
      expect(stdout.split('\n')[0]).toBe('Replacement-risk report: HEAD~1 -> HEAD');
      expect(stdout).toMatch(/! gateway VNet1GW .* is replaced \(generation "Generation2" -> "Generation1"\)/);
      expect(worktrees).toHaveLength(1);
    } finally {
      delete process.env.ARM_CLIENT_SECRET;
    }
    const env = readFileSync(report, 'utf8');
    expect(env).not.toContain('ARM_CLIENT_SECRET');
    expect(env).toMatch(/^CDKTF_OUTDIR=/m);
    expect(env).toMatch(/^CHECKPOINT_DISABLE=1$/m);
    expect(env).toMatch(/^CI=1$/m);
    expect(env).not.toMatch(/^TOPOLOGY=/m);
  });

  it('gives --topology to the app as TOPOLOGY, the ref’s own copy of the file', () => {
    const report = envReport();
    const root = repository(
      { 'cdktf.json': app(COPY_STACK.replace('$ENV_REPORT', report)), 'other.json': seedText },
      { 'other.json': readFileSync(RESIZED, 'utf8') },
    );
    const { code, stdout, worktrees } = review(root, '--topology', 'other.json', '--git', 'HEAD~1', 'HEAD');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Replacement-risk report: HEAD~1:other.json -> HEAD:other.json');
    expect(stdout).toMatch(/~ +VNet1GW \(azurerm_virtual_network_gateway\.\S+\): changed in place, sku "VpnGw2AZ"/);
    expect(readFileSync(report, 'utf8')).toMatch(/^TOPOLOGY=other\.json$/m);
    expect(worktrees).toHaveLength(1);
  });

  it('builds each ref in src/ of a vnet-review- directory, with this checkout’s node_modules, no stdin and out/ for the stack', () => {
    const report = envReport();
    const root = repository({
      'cdktf.json': app(
        `{ pwd; ls node_modules; [ -c /dev/stdin ] && echo stdin=none || echo stdin=open; echo "out=$CDKTF_OUTDIR"; } > "${report}"; ` +
          COPY_STACK.replace('$ENV_REPORT', '/dev/null'),
      ),
      'stack.json': seedText,
    });
    writeFileSync(join(root, 'node_modules', 'installed.txt'), '');
    expect(review(root, '--git', 'HEAD', 'HEAD')).toMatchObject({
      code: 0,
      stderr: '',
      worktrees: [expect.any(String)],
    });
    const [pwd, ...rest] = readFileSync(report, 'utf8').trim().split('\n');
    const made = pwd.match(/^(.*\/vnet-review-[^/]+)\/src$/)?.[1];
    expect(made?.startsWith(realpathSync(tmpdir()))).toBe(true);
    expect(rest).toEqual(['installed.txt', 'stdin=none', `out=${join(tmpdir(), made!.split('/').pop()!, 'out')}`]);
  });

  it.each([
    [
      'a --topology the ref does not have',
      { 'stack.json': seedText },
      ['--topology', 'missing.json'],
      'review: --git: HEAD has no "missing.json"',
    ],
    [
      'a --topology that is a symbolic link out of the worktree',
      { 'stack.json': seedText, 'link.json': null },
      ['--topology', 'link.json'],
      'review: --topology "link.json" leaves the worktree; give a path inside it, e.g. topologies/mesh.json',
    ],
    [
      'no cdktf.json',
      { 'stack.json': seedText, 'cdktf.json': null },
      [],
      'review: --git: HEAD has no cdktf.json with an "app" command',
    ],
    [
      'an app that fails',
      { 'cdktf.json': app('echo "first line" >&2; echo "second line" >&2; exit 3') },
      [],
      'review: --git: synthesizing HEAD failed: first line',
    ],
    [
      'an app whose message follows a blank line',
      { 'cdktf.json': app('echo >&2; echo "first line" >&2; exit 3') },
      [],
      'review: --git: synthesizing HEAD failed: first line',
    ],
    [
      'an app that fails without a word',
      { 'cdktf.json': app('exit 3') },
      [],
      'review: --git: synthesizing HEAD failed: no message',
    ],
    [
      'an app that writes no stack',
      { 'cdktf.json': app('true') },
      [],
      'review: --git: HEAD synthesized 0 stacks; expected exactly one',
    ],
    [
      'an app that writes two stacks',
      { 'cdktf.json': app('mkdir -p "$CDKTF_OUTDIR/stacks/a" "$CDKTF_OUTDIR/stacks/b"') },
      [],
      'review: --git: HEAD synthesized 2 stacks; expected exactly one',
    ],
  ])('%s: exit 1 with the one-line message, and no worktree left', (_, files, options, message) => {
    const outside = join(mkdtempSync(join(tmpdir(), 'review-outside-')), 'secret.json');
    writeFileSync(outside, seedText);
    const first = { 'cdktf.json': app(COPY_STACK.replace('$ENV_REPORT', '/dev/null')), ...files };
    const root = repository(Object.fromEntries(Object.entries(first).filter(([, text]) => text !== null)));
    if ('link.json' in files) {
      symlinkSync(outside, join(root, 'link.json'));
      execFileSync('git', ['add', 'link.json'], { cwd: root });
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'link'], {
        cwd: root,
      });
    }
    const { code, stdout, stderr, worktrees } = review(root, ...options, '--git', 'HEAD', 'HEAD');
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
    expect(worktrees).toHaveLength(1);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { quoteText } from '../rules/text';
import { changeDiagram } from '../diagram/change-diagram';
import { planStacks } from '../diagram/plan-stacks';
import { compareStacks, exitCodeOf, StackInputError } from './compare';
import { formatMarkdown, formatText } from './format';
import { reviewPlan } from './plan';

export const USAGE =
  'usage: npm run review -- [--markdown] <old cdk.tf.json> <new cdk.tf.json>\n' +
  '       npm run review -- [--markdown] [--topology <file>] --git <old-ref> <new-ref>\n' +
  '       npm run review -- [--markdown] --plan <plan.json>   (terraform show -json plan.tfplan > plan.json)\n' +
  'Exit code: 0 nothing replaced, destroyed or dangerous; 2 something is; 1 bad input. Docs: docs/review.md';

/** Where a stack comes from: a file, or a git ref synthesized in a temporary worktree. */
export type StackSource = { readonly file: string } | { readonly ref: string; readonly topology?: string };

export type ReviewOptions =
  | { readonly old: StackSource; readonly new: StackSource; readonly markdown: boolean }
  | { readonly plan: string; readonly markdown: boolean }
  | { readonly help: true };

/** Parses the command line; throws `StackInputError` with a one-line message. */
export function parseArgs(args: readonly string[]): ReviewOptions {
  let markdown = false;
  let git = false;
  let topology: string | undefined;
  let plan: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--markdown') markdown = true;
    else if (arg === '--git') git = true;
    else if (arg === '--topology') {
      topology = args[++i];
      if (!topology) throw new StackInputError('--topology needs a file, e.g. --topology topologies/vnet1-vnet4.json');
    } else if (arg === '--plan') {
      plan = args[++i];
      if (!plan) throw new StackInputError('--plan needs a file: terraform show -json plan.tfplan > plan.json');
    } else if (arg === '-h' || arg === '--help') return { help: true };
    else if (arg.startsWith('--')) throw new StackInputError(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  if (plan !== undefined) {
    if (git || topology || positional.length > 0) {
      throw new StackInputError('--plan reads one plan file and nothing else; leave out --git, --topology and stacks');
    }
    return { plan, markdown };
  }
  if (positional.length !== 2) throw new StackInputError(`expected two stacks, got ${positional.length}\n${USAGE}`);
  if (topology && !git) throw new StackInputError('--topology goes with --git; with two files, pass the files');
  if (topology) relativeInside(topology);
  const [a, b] = positional;
  return git
    ? { old: { ref: a, topology }, new: { ref: b, topology }, markdown }
    : { old: { file: a }, new: { file: b }, markdown };
}

/** Reads one stack's JSON text: a file, or the synthesized output of a git ref. */
export function loadStack(source: StackSource, root: string): { label: string; json: unknown } {
  if ('file' in source) {
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new StackInputError(`${source.file}: cannot read (${code === 'ENOENT' ? 'no such file' : code})`);
    }
    return { label: source.file, json: parseJson(text, source.file) };
  }
  const label = `${source.ref}${source.topology ? `:${source.topology}` : ''}`;
  return { label, json: parseJson(synthesizeRef(root, source.ref, source.topology), label) };
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // JavaScript's message quotes the text around the error; only where it is is said, never what the file holds.
    const position = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new StackInputError(`${label}: not valid JSON${position ? ` (at character ${position})` : ''}`);
  }
}

/**
 * What the synthesis of another commit is given from this environment: enough to run node and git, none of the
 * credentials (ARM_*, tokens, cloud keys) a shell may hold, since that commit's code runs with it.
 */
const SYNTH_ENV_KEYS = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ', 'NODE_OPTIONS'];

export function synthesisEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of SYNTH_ENV_KEYS) if (env[key] !== undefined) kept[key] = env[key] as string;
  return kept;
}

const leavesWorktree = (topology: string) =>
  new StackInputError(
    `--topology ${quoteText(topology)} leaves the worktree; give a path inside it, e.g. topologies/mesh.json`,
  );

/** A `--topology` path is relative and has no `..`: refused here, before any worktree is made. */
function relativeInside(topology: string): void {
  if (isAbsolute(topology) || normalize(topology).split(sep).includes('..')) throw leavesWorktree(topology);
}

/** A `--topology` path exists in the worktree and stays inside it, symbolic links followed. */
function topologyInside(worktree: string, topology: string, ref: string): void {
  const full = join(worktree, topology);
  if (!existsSync(full)) throw new StackInputError(`--git: ${ref} has no ${quoteText(topology)}`);
  const root = realpathSync(worktree);
  if (!realpathSync(full).startsWith(`${root}${sep}`)) throw leavesWorktree(topology);
}

/**
 * Checks `ref` out into a temporary `git worktree`, links this checkout's node_modules into it (offline: nothing is
 * installed), runs the ref's own cdktf app command with TOPOLOGY and CDKTF_OUTDIR, and returns the one stack's JSON.
 * The worktree is removed afterwards, whatever happens.
 */
export function synthesizeRef(root: string, ref: string, topology?: string): string {
  const git = gitIn(root);
  const commit = resolveCommit(root, ref);
  const dir = mkdtempSync(join(tmpdir(), 'vnet-review-'));
  const worktree = join(dir, 'src');
  const outdir = join(dir, 'out');
  try {
    git('worktree', 'add', '--detach', '--quiet', worktree, commit);
    symlinkSync(realpathSync(join(root, 'node_modules')), join(worktree, 'node_modules'), 'dir');
    const app = readCdktfApp(worktree, ref);
    if (topology) topologyInside(worktree, topology, ref);
    try {
      execFileSync('sh', ['-c', app], {
        cwd: worktree,
        env: {
          ...synthesisEnvironment(process.env),
          CDKTF_OUTDIR: outdir,
          CHECKPOINT_DISABLE: '1',
          CI: '1',
          ...(topology ? { TOPOLOGY: topology } : {}),
        },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
      const first = stderr.split('\n')[0];
      throw new StackInputError(
        `--git: synthesizing ${ref} failed: ${first ? quoteText(first, 300).slice(1, -1) : 'no message'}`,
      );
    }
    const stacksDir = join(outdir, 'stacks');
    const stacks = existsSync(stacksDir) ? readdirSync(stacksDir) : [];
    if (stacks.length !== 1) {
      throw new StackInputError(`--git: ${ref} synthesized ${stacks.length} stacks; expected exactly one`);
    }
    return readFileSync(join(stacksDir, stacks[0], 'cdk.tf.json'), 'utf8');
  } finally {
    try {
      git('worktree', 'remove', '--force', worktree);
    } catch {
      // Never created, or already gone; `git worktree prune` tidies what is left.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const gitIn =
  (root: string) =>
  (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The commit `ref` names in the repository at `root`; a one-line error when it names none. */
export function resolveCommit(root: string, ref: string): string {
  try {
    return gitIn(root)('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new StackInputError(`--git: "${ref}" is not a commit in ${root}`);
  }
}

function readCdktfApp(worktree: string, ref: string): string {
  try {
    const config = JSON.parse(readFileSync(join(worktree, 'cdktf.json'), 'utf8')) as { app?: unknown };
    if (typeof config.app === 'string' && config.app) return config.app;
  } catch {
    // Reported below.
  }
  throw new StackInputError(`--git: ${ref} has no cdktf.json with an "app" command`);
}

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The whole command: returns the exit code (0 safe, 2 replaced or destroyed, 1 bad input). */
export function runReview(args: readonly string[], root: string, io: Io): number {
  try {
    const options = parseArgs(args);
    if ('help' in options) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if ('plan' in options) {
      const { label, json } = loadStack({ file: options.plan }, root);
      const { review, terraformVersion } = reviewPlan(json, label);
      const title = `Replacement-risk report: plan ${label}${terraformVersion ? ` (Terraform ${terraformVersion})` : ''}`;
      if (!options.markdown) io.stdout(formatText(review, title));
      else {
        const stacks = planStacks(json);
        io.stdout(`${formatMarkdown(review, title)}\n${changeDiagram(review, stacks.now, stacks.old)}`);
      }
      return exitCodeOf(review);
    }
    // Both refs are resolved before either is synthesized: a mistyped second ref costs no synthesis of the first.
    for (const source of [options.old, options.new]) if ('ref' in source) resolveCommit(root, source.ref);
    const old = loadStack(options.old, root);
    const now = loadStack(options.new, root);
    const review = compareStacks(old.json, now.json, [old.label, now.label]);
    const title = `Replacement-risk report: ${old.label} -> ${now.label}`;
    // The Markdown report ends with the blast radius drawn on the topology, for a pull-request comment.
    io.stdout(
      options.markdown
        ? `${formatMarkdown(review, title)}\n${changeDiagram(review, now.json, old.json)}`
        : formatText(review, title),
    );
    return exitCodeOf(review);
  } catch (e) {
    // A StackInputError's message is for the user as it stands; anything else says what went wrong in one line too.
    io.stderr(`review: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.VNET2VNET_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
    return 1;
  }
}

/**
 * The app cdktf runs: reads a topology file (TOPOLOGY, default the article's VNet1 <-> VNet4), checks it against
 * Azure's rules, and synthesizes one stack. Bad input ends the run with one line per finding (at most 50, then a
 * count) and exit code 1. Synthesis writes into a fresh folder beside the output folder, which takes its place only
 * when the whole run succeeded: a failure, a rule's or an exception's, leaves the output folder as it was.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
// Only what the package exports, as any app that installs it would.
import {
  checkTopology,
  formatFindings,
  loadTopologyFile,
  quoteText,
  remoteState,
  RULES_CHECKED_CONTEXT,
  TopologyFileError,
  TopologyStack,
} from './index';

export const DEFAULT_TOPOLOGY = 'topologies/vnet1-vnet4.json';

function main(path: string): number {
  const topology = loadTopologyFile(path);
  const findings = checkTopology(topology.model);
  for (const line of formatFindings(findings, path)) process.stderr.write(`${line}\n`);
  if (findings.some((f) => f.severity === 'error')) return 1;

  const backend = remoteState(topology.file, process.env);
  // cdktf's own default when the CLI does not say (`cdktf synth` sets CDKTF_OUTDIR).
  const outdir = resolve(process.env.CDKTF_OUTDIR || 'cdktf.out');
  mkdirSync(dirname(outdir), { recursive: true });
  const staging = mkdtempSync(join(dirname(outdir), `.${basename(outdir)}.staging-`));
  try {
    const app = new App({ outdir: staging, context: { [RULES_CHECKED_CONTEXT]: true } });
    new TopologyStack(app, topology.name, { topology: topology.model, tags: topology.file.tags, backend });
    app.synth();
    publish(staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return 0;
}

/**
 * Moves a synthesized app into the output folder: each stack's folder replaces the one of the same name (renamed
 * aside, then removed), and the manifest replaces the manifest. Other stacks' folders are left as they are.
 */
function publish(staging: string, outdir: string): void {
  mkdirSync(join(outdir, 'stacks'), { recursive: true });
  for (const stack of readdirSync(join(staging, 'stacks'))) {
    const target = join(outdir, 'stacks', stack);
    const old = join(staging, `previous-${stack}`);
    try {
      renameSync(target, old);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    renameSync(join(staging, 'stacks', stack), target);
  }
  renameSync(join(staging, 'manifest.json'), join(outdir, 'manifest.json'));
}

const topologyPath = process.env.TOPOLOGY || DEFAULT_TOPOLOGY;
try {
  process.exitCode = main(topologyPath);
} catch (e) {
  // A user sees the message, one line, not a stack trace, unless they ask for one.
  if (e instanceof TopologyFileError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`${synthesisError(topologyPath, e)}\n`);
  if (process.env.VNET2VNET_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exitCode = 1;
}

/** `error: <file>: <construct path or (synthesis)>: <message>`, on one line. */
function synthesisError(file: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? 'synthesis failed';
  const printable = quoteText(firstLine.trim(), 500).slice(1, -1);
  return `error: ${file}: (synthesis): ${printable}`;
}

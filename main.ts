/**
 * The app cdktf runs: reads a topology file (TOPOLOGY, default the article's VNet1 <-> VNet4), checks it against
 * Azure's rules, and synthesizes one stack. Bad input ends the run with one line per finding (at most 50, then a
 * count) and exit code 1. Synthesis (synthesize.ts) writes into a fresh folder beside the output folder, which takes
 * its place only when the whole run succeeded: a failure, a rule's or an exception's, leaves the output folder as it
 * was.
 */
import { resolve } from 'node:path';
// The package's own functions, from their modules: the package root (./index) would load cdktf, the constructs and the
// provider classes, which only synthesis needs.
import { checkTopology, formatFindings } from './rules';
import { quoteText } from './rules/text';
import { loadTopologyFile, TopologyFileError } from './topology/load';
import { remoteState } from './topology/remote-state';

export const DEFAULT_TOPOLOGY = 'topologies/vnet1-vnet4.json';

async function main(path: string): Promise<number> {
  const topology = loadTopologyFile(path);
  const findings = checkTopology(topology.model);
  for (const line of formatFindings(findings, path)) process.stderr.write(`${line}\n`);
  if (findings.some((f) => f.severity === 'error')) return 1;

  const backend = remoteState(topology.file, process.env);
  // cdktf, the constructs and the providers, loaded only for a file that passed: a refusal does not pay for them.
  const { synthesize } = await import('./synthesize');
  // cdktf's own default when the CLI does not say (`cdktf synth` sets CDKTF_OUTDIR).
  synthesize(topology, backend, resolve(process.env.CDKTF_OUTDIR || 'cdktf.out'));
  return 0;
}

const topologyPath = process.env.TOPOLOGY || DEFAULT_TOPOLOGY;
main(topologyPath).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    // A user sees the message, one line, not a stack trace, unless they ask for one.
    if (e instanceof TopologyFileError) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`${synthesisError(topologyPath, e)}\n`);
    if (process.env.VNET2VNET_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  },
);

/** `error: <file>: <construct path or (synthesis)>: <message>`, on one line. */
function synthesisError(file: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const firstLine = message.split('\n').find((l) => l.trim() !== '') ?? 'synthesis failed';
  const printable = quoteText(firstLine.trim(), 500).slice(1, -1);
  return `error: ${file}: (synthesis): ${printable}`;
}

/**
 * The app cdktf runs: reads a topology file (TOPOLOGY, default the article's VNet1 <-> VNet4), checks it against
 * Azure's rules, and synthesizes one stack. Bad input ends the run with one line per finding and exit code 1, before
 * anything is written.
 */
import { App } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TopologyStack } from './constructs';
import { checkTopology, formatFinding } from './rules';
import { loadTopologyFile, TopologyFileError } from './topology/load';
import { remoteState } from './topology/remote-state';

export const DEFAULT_TOPOLOGY = 'topologies/vnet1-vnet4.json';

function main(): number {
  const path = process.env.TOPOLOGY || DEFAULT_TOPOLOGY;
  const topology = loadTopologyFile(path);
  const findings = checkTopology(topology.model);
  for (const finding of findings)
    process.stderr.write(`${formatFinding({ ...finding, path: `${path}: ${finding.path}` })}\n`);
  if (findings.some((f) => f.severity === 'error')) return 1;

  const backend = remoteState(topology.file, process.env);
  const app = new App({ context: { [RULES_CHECKED_CONTEXT]: true } });
  new TopologyStack(app, topology.name, { topology: topology.model, tags: topology.file.tags, backend });
  app.synth();
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  // A user sees the message, not a stack trace, unless they ask for one.
  if (e instanceof TopologyFileError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.VNET2VNET_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exitCode = 1;
}

/**
 * Renders diagrams with the real Mermaid in headless Chromium, through scripts/render-diagrams.mjs (an ES module, where
 * one page loads Mermaid once and draws them all), for `npm run diagrams` and the geometry test.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TopologyStack } from '../constructs';
import { changeFlowchart } from '../diagram/change-diagram';
import type { Geometry } from '../diagram/geometry';
import { topologyFlowchart } from '../diagram/mermaid';
import { compareStacks } from '../review/compare';
import { loadTopologyFile, parseTopology } from '../topology/load';
import type { TopologyFileInput } from '../topology/schema';

export const ROOT = join(__dirname, '..');

export interface DiagramSource {
  /** The SVG's file name, without `.svg`. */
  readonly name: string;
  /** Mermaid flowchart text. */
  readonly text: string;
}

/** The diagram of every example in topologies/, named after its file. */
export function exampleDiagrams(root = ROOT): DiagramSource[] {
  return readdirSync(join(root, 'topologies'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.json$/, ''),
      text: topologyFlowchart(loadTopologyFile(join(root, 'topologies', file)).model),
    }));
}

/**
 * The review's picture for docs/review.md: the default topology with VNet1's gateway moved to Generation1, which
 * replaces the gateway and both connections.
 */
export function reviewExampleDiagram(root = ROOT): DiagramSource {
  const text = readFileSync(join(root, 'topologies', 'vnet1-vnet4.json'), 'utf8');
  const changed = JSON.parse(text) as TopologyFileInput;
  changed.networks[0].gateway = { ...changed.networks[0].gateway, generation: 'Generation1' };
  const synth = (input: string) => {
    const topology = parseTopology(input, 'vnet1-vnet4');
    const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
    const stack = new TopologyStack(app, topology.name, { topology: topology.model, tags: topology.file.tags });
    return JSON.parse(Testing.synth(stack)) as unknown;
  };
  const old = synth(text);
  const now = synth(JSON.stringify(changed));
  return { name: 'review-gateway-replaced', text: changeFlowchart(compareStacks(old, now), now, old) };
}

/** Writes `<outdir>/<name>.svg` for each diagram and returns what the browser measured in each. */
export function renderDiagrams(diagrams: readonly DiagramSource[], outdir: string): Record<string, Geometry> {
  const stdout = execFileSync(process.execPath, [join(ROOT, 'scripts', 'render-diagrams.mjs'), outdir], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, Geometry>;
}

/**
 * Renders diagrams with the real Mermaid in headless Chromium, through scripts/render-diagrams.mjs (mermaid-cli is an
 * ES module, and one browser renders them all), for `npm run diagrams` and the geometry test.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { topologyFlowchart } from '../diagram/mermaid';
import type { Geometry } from '../diagram/geometry';
import { loadTopologyFile } from '../topology/load';

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

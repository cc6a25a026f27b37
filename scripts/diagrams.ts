/**
 * Renders the diagram of every example in topologies/ to docs/diagrams/<example>.svg with the real Mermaid
 * (mermaid-cli's Mermaid in Debian's headless Chromium), and the review's picture of a replaced gateway to
 * docs/diagrams/review-gateway-replaced.svg; fails when a label or node is drawn over another.
 *   npm run diagrams
 */
import { join } from 'node:path';
import { findOverlaps } from '../diagram/geometry';
import { exampleDiagrams, renderDiagrams, reviewExampleDiagram, ROOT } from './diagram-render';

function main(): number {
  const outdir = join(ROOT, 'docs', 'diagrams');
  const diagrams = [...exampleDiagrams(), reviewExampleDiagram()];
  let geometry;
  try {
    geometry = renderDiagrams(diagrams, outdir);
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
    process.stderr.write(`diagrams: rendering failed: ${stderr.split('\n')[0] || (e as Error).message}\n`);
    return 1;
  }
  let status = 0;
  for (const { name } of diagrams) {
    const problems = findOverlaps(geometry[name]);
    for (const p of problems) process.stderr.write(`docs/diagrams/${name}.svg: ${p}\n`);
    if (problems.length > 0) status = 1;
    else process.stdout.write(`docs/diagrams/${name}.svg\n`);
  }
  return status;
}

process.exitCode = main();

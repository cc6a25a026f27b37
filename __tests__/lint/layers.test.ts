import { execFileSync } from 'node:child_process';
import { ROOT } from '../support/root';

interface Case {
  readonly filename: string;
  readonly code: string;
}

/**
 * The lines where ESLint reports `no-restricted-imports` for each case, linted as the lint step does (the project's
 * config) in one process of its own: ESLint's API, since the config is an ES module.
 */
function restrictedImportLines(cases: readonly Case[]): number[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.filename });
        out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' }),
  ) as number[][];
}

// app -> topology file -> model <- constructs, and the rules over the model only: the lint step holds the direction.
const refused: [string, string][] = [
  ['constructs/x.ts', "import { resolveTopology } from '../topology/resolve';"],
  ['constructs/x.ts', "import { topologySchema } from '../topology/schema';"],
  ['constructs/x.ts', "import { runReview } from '../review/cli';"],
  ['rules/x.ts', "import { Network } from '../constructs/network';"],
  ['rules/x.ts', "import { loadTopologyFile } from '../topology/load';"],
  ['topology/x.ts', "import { Network } from '../constructs';"],
  ['topology/model.ts', "import type { IpsecPolicy } from './schema';"],
  ['topology/model.ts', "import { z } from 'zod';"],
  ['net/x.ts', "import { checkTopology } from '../rules';"],
  ['main.ts', "import { TopologyStack } from './constructs';"],
  // Package names are joined so that no import from a package root stands in this file's own text.
  ['rules/x.ts', `import { PublicIp } from '${['@cdktf', 'provider-azurerm'].join('/')}';`],
];
const accepted: [string, string][] = [
  ['constructs/x.ts', "import type { NetworkModel } from '../topology/model';"],
  ['rules/x.ts', "import type { NetworkModel } from '../topology/model';"],
  ['topology/x.ts', "import type { NetworkModel } from './model';"],
  ['topology/load.ts', "import { topologySchema } from './schema';"],
  ['main.ts', "import { TopologyStack } from './index';"],
];

// app -> topology file -> model <- constructs, and the rules over the model only: the lint step holds the direction.
describe('the layer lint rule', () => {
  const cases = [...refused, ...accepted].map(([filename, line]) => ({ filename, code: `${line}\n` }));
  let lines: number[][] = [];
  beforeAll(() => {
    lines = restrictedImportLines(cases);
  });

  it.each(refused.map((c, i) => [...c, i] as const))('refuses, in %s, %s', (_file, _line, i) => {
    expect(lines[i]).toEqual([1]);
  });

  it.each(accepted.map((c, i) => [...c, refused.length + i] as const))('accepts, in %s, %s', (_file, _line, i) => {
    expect(lines[i]).toEqual([]);
  });
});

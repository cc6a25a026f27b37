import { execFileSync } from 'node:child_process';
import { ROOT } from '../support/root';

interface Case {
  readonly filename: string;
  readonly code: string;
}

interface Message {
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
}

/**
 * What ESLint reports for each case, linted as the lint step does (the project's config), all in one process of its
 * own: ESLint's API, since the config is an ES module. One process for every case of this file, as loading ESLint
 * and the TypeScript parser costs seconds.
 */
function lint(cases: readonly Case[]): Message[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.filename });
        out.push(result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' }),
  ) as Message[][];
}

/** The lines where a case's messages are `no-restricted-imports`. */
const restrictedImportLines = (messages: readonly Message[]) =>
  messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);

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
  ['rules/x.ts', "import { Token } from 'cdktf';"],
  ['topology/x.ts', "import { Construct } from 'constructs';"],
  ['azure/x.ts', "import { TerraformStack } from 'cdktf/lib/terraform-stack';"],
  ['main.ts', "import { TopologyStack } from './constructs';"],
  // A refused file must not load cdktf: main.ts takes the synthesis part with `await import()` only.
  ['main.ts', "import { TopologyStack } from './index';"],
  ['main.ts', "import { App } from 'cdktf';"],
  ['synthesize.ts', "import { TopologyStack } from './constructs/topology-stack';"],
  // Package names are joined so that no import from a package root stands in this file's own text.
  ['synthesize.ts', `import { PublicIp } from '${['@cdktf', 'provider-azurerm'].join('/')}';`],
];
const accepted: [string, string][] = [
  ['constructs/x.ts', "import type { NetworkModel } from '../topology/model';"],
  ['rules/x.ts', "import type { NetworkModel } from '../topology/model';"],
  ['topology/x.ts', "import type { NetworkModel } from './model';"],
  ['topology/load.ts', "import { topologySchema } from './schema';"],
  ['rules/x.ts', "import { Token } from 'cdktf/lib/tokens/token';"],
  ['main.ts', "import { loadTopologyFile } from './topology/load';"],
  ['main.ts', "export const later = () => import('./synthesize');"],
  ['synthesize.ts', "import { TopologyStack } from './index';"],
];

// The provider's package root loads all 1,527 of its modules (about 3 s and 400 MB a process): the lint rule that
// keeps it out must hold. Package names are joined here so that no import from a package root stands in this file's
// own text.
const azurerm = ['@cdktf', 'provider-azurerm'].join('/');
const random = ['@cdktf', 'provider-random'].join('/');
const deepImportCase: Case = {
  filename: 'constructs/example.ts',
  code: [
    `import { PublicIp } from '${azurerm}';`,
    `import { Subnet } from '${azurerm}/lib';`,
    `import { Password } from '${random}';`,
    "import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';",
    'export const used = [PublicIp, Subnet, Password, VirtualNetwork];',
    '',
  ].join('\n'),
};

const layerCases = [...refused, ...accepted].map(([filename, line]) => ({ filename, code: `${line}\n` }));
let results: Message[][] = [];
beforeAll(() => {
  results = lint([...layerCases, deepImportCase]);
});

describe('the deep-import lint rule', () => {
  it('refuses the package roots and accepts a deep path', () => {
    expect(results[layerCases.length].map((m) => [m.ruleId, m.line, m.message])).toEqual([
      ['no-restricted-imports', 1, expect.stringContaining('Import @cdktf/provider-azurerm/lib/<resource> instead.')],
      ['no-restricted-imports', 2, expect.stringContaining('Import @cdktf/provider-<name>/lib/<resource> instead.')],
      ['no-restricted-imports', 3, expect.stringContaining('Import @cdktf/provider-random/lib/<resource> instead.')],
    ]);
  });
});

// app -> topology file -> model <- constructs, and the rules over the model only: the lint step holds the direction.
describe('the layer lint rule', () => {
  it.each(refused.map((c, i) => [...c, i] as const))('refuses, in %s, %s', (_file, _line, i) => {
    expect(restrictedImportLines(results[i])).toEqual([1]);
  });

  it.each(accepted.map((c, i) => [...c, refused.length + i] as const))('accepts, in %s, %s', (_file, _line, i) => {
    expect(restrictedImportLines(results[i])).toEqual([]);
  });
});

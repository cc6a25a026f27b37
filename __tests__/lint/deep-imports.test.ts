import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/root';

// The provider's package root loads all 1,527 of its modules (about 3 s and 400 MB a process): the lint rule that
// keeps it out must hold. ESLint runs as the lint step does, in a process of its own.
describe('the deep-import lint rule', () => {
  // Package names are joined here so that no import from a package root stands in this file's own text.
  const azurerm = ['@cdktf', 'provider-azurerm'].join('/');
  const random = ['@cdktf', 'provider-random'].join('/');
  const code = [
    `import { PublicIp } from '${azurerm}';`,
    `import { Subnet } from '${azurerm}/lib';`,
    `import { Password } from '${random}';`,
    "import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';",
    'export const used = [PublicIp, Subnet, Password, VirtualNetwork];',
    '',
  ].join('\n');

  it('refuses the package roots and accepts a deep path', () => {
    let output = '';
    try {
      output = execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
          '--stdin',
          '--stdin-filename',
          'constructs/example.ts',
          '--format',
          'json',
        ],
        { cwd: ROOT, input: code, encoding: 'utf8' },
      );
    } catch (e) {
      output = (e as { stdout: string }).stdout; // eslint exits 1 when it finds errors
    }
    const [result] = JSON.parse(output) as { messages: { ruleId: string; line: number; message: string }[] }[];
    expect(result.messages.map((m) => [m.ruleId, m.line, m.message])).toEqual([
      ['no-restricted-imports', 1, expect.stringContaining('Import @cdktf/provider-azurerm/lib/<resource> instead.')],
      ['no-restricted-imports', 2, expect.stringContaining('Import @cdktf/provider-<name>/lib/<resource> instead.')],
      ['no-restricted-imports', 3, expect.stringContaining('Import @cdktf/provider-random/lib/<resource> instead.')],
    ]);
  });
});

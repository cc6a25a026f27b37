import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TerraformJson } from '../support/synth';

/** An example as the README shows it: without its first line, the comment that says how to run it. */
const shown = (file: string) =>
  readFileSync(join(ROOT, 'examples', file), 'utf8')
    .split('\n')
    .slice(1)
    .join('\n');

describe.each(['from-code.ts', 'compose.ts'])('examples/%s', (file) => {
  it('is the code the README shows, importing the package by its name', () => {
    expect(shown(file)).toContain("from 'vnet-to-vnet-cdktf';");
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`ts\n${shown(file)}\`\`\``);
  });
});

describe('examples/from-code.ts', () => {
  it('synthesizes three gateways, five connections and a site when run as the README says', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'from-code-'));
    try {
      execFileSync(process.execPath, ['scripts/run-ts.mjs', 'examples/from-code.ts'], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: outdir },
      });
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'network', 'cdk.tf.json'), 'utf8')) as TerraformJson;
      const count = (type: string) => Object.keys(json.resource[type] ?? {}).length;
      expect(count('azurerm_virtual_network_gateway')).toBe(3);
      expect(count('azurerm_virtual_network_gateway_connection')).toBe(5);
      expect(count('azurerm_local_network_gateway')).toBe(1);
      expect(count('random_password')).toBe(3);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('examples/compose.ts', () => {
  it('synthesizes two copies of the default topology and a link to an existing gateway in one stack', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'compose-'));
    try {
      execFileSync(process.execPath, ['scripts/run-ts.mjs', 'examples/compose.ts'], {
        cwd: ROOT,
        env: { ...process.env, CDKTF_OUTDIR: outdir },
      });
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'platform', 'cdk.tf.json'), 'utf8')) as TerraformJson;
      const names = (type: string) => Object.values(json.resource[type] ?? {}).map((r) => r.name as string);
      expect(names('azurerm_resource_group').sort()).toEqual([
        'TestRG1-prod',
        'TestRG1-test',
        'TestRG4-prod',
        'TestRG4-test',
      ]);
      expect(names('azurerm_virtual_network_gateway')).toHaveLength(4);
      expect(names('azurerm_virtual_network_gateway_connection')).toContain('VNet1-to-HubGW');
      expect(names('azurerm_virtual_network_gateway_connection')).not.toContain('HubGW-to-VNet1');
      expect(json.provider?.azurerm).toHaveLength(1);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

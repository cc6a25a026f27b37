import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TerraformJson } from '../support/synth';

const example = readFileSync(join(ROOT, 'examples', 'from-code.ts'), 'utf8');

describe('examples/from-code.ts', () => {
  it('is the code the README shows', () => {
    const body = example.split('\n').slice(1).join('\n').replace("from '../constructs';", "from './constructs';");
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(body);
  });

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

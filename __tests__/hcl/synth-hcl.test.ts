import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TopologyStack } from '../../constructs';
import { readTopology } from '../support/synth';

/**
 * `cdktf synth --hcl` sets SYNTH_HCL_OUTPUT=true for the app. `new App({ hclOutput: true })` alone is not the same in
 * cdktf 0.21: it names the file cdk.tf but still writes JSON into it, because each stack reads SYNTH_HCL_OUTPUT when
 * it is constructed. So the programmatic equivalent sets both.
 */
function synthHcl(env: string | undefined, outdir = mkdtempSync(join(tmpdir(), 'hcl-'))): string {
  const seed = readTopology('vnet1-vnet4.json');
  const saved = process.env.SYNTH_HCL_OUTPUT;
  if (env === undefined) delete process.env.SYNTH_HCL_OUTPUT;
  else process.env.SYNTH_HCL_OUTPUT = env;
  try {
    const app = new App({ hclOutput: env !== 'false', outdir, context: { [RULES_CHECKED_CONTEXT]: true } });
    new TopologyStack(app, seed.name, { topology: seed.model, tags: seed.file.tags });
    app.synth();
  } finally {
    if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = saved;
  }
  return readFileSync(join(outdir, 'stacks', seed.name, env === 'false' ? 'cdk.tf.json' : 'cdk.tf'), 'utf8');
}

describe('HCL for reading (cdktf synth --hcl)', () => {
  const hcl = synthHcl('true');

  it('is HCL, not JSON', () => {
    expect(hcl.trimStart().startsWith('{')).toBe(false);
    expect(hcl).toMatch(/^terraform \{/m);
  });

  it('holds both gateways and both connections', () => {
    expect(hcl.match(/^resource "azurerm_virtual_network_gateway" "/gm)).toHaveLength(2);
    expect(hcl.match(/^resource "azurerm_virtual_network_gateway_connection" "/gm)).toHaveLength(2);
    expect(hcl).toContain('name = "VNet1GW"');
    expect(hcl).toContain('name = "VNet4GW"');
  });

  it('holds no literal shared key: each connection reads the generated password', () => {
    const keys = [...hcl.matchAll(/^\s*shared_key = (.*)$/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^"\$\{random_password\.[^.]+\.result\}"$/);
  });

  it('needs SYNTH_HCL_OUTPUT: hclOutput alone writes JSON into cdk.tf (cdktf 0.21)', () => {
    expect(synthHcl(undefined).trimStart().startsWith('{')).toBe(true);
  });

  it('a synth leaves only the format it writes: HCL after JSON, then JSON after HCL, in one folder', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'formats-'));
    const stack = join(outdir, 'stacks', 'vnet1-vnet4');
    const present = () => ['cdk.tf', 'cdk.tf.json', 'metadata.json'].filter((f) => existsSync(join(stack, f)));
    synthHcl('false', outdir);
    expect(present()).toEqual(['cdk.tf.json']);
    synthHcl('true', outdir);
    expect(present()).toEqual(['cdk.tf', 'metadata.json']);
    synthHcl('false', outdir);
    expect(present()).toEqual(['cdk.tf.json']);
  });
});

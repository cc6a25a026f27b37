import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, Fn, Lazy, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Network, RULES_CHECKED_CONTEXT, SharedKey, TopologyStack, VpnGateway } from '../../constructs';
import { escapeConfiguration, escapeLiteralParts, keepTextLiteral } from '../../constructs/literal-text';
import { loadTopology, ref, resourcesOf, synthJson, synthScope, TerraformJson } from '../support/synth';
import { seedWith } from '../support/topologies';

describe('escapeLiteralParts', () => {
  it.each([
    ['plain', 'plain'],
    ['${file("/etc/passwd")}', '$${file("/etc/passwd")}'],
    ['%{if true}x%{endif}', '%%{if true}x%%{endif}'],
    // The user's own `$${` is text too: Terraform reads `$$${` back as `$${`.
    ['$${x}', '$$${x}'],
    ['$ { % {', '$ { % {'],
    ['a${TfToken[TOKEN.1]}b${c}', 'a${TfToken[TOKEN.1]}b$${c}'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeLiteralParts(input)).toBe(expected);
  });
});

describe('escapeConfiguration', () => {
  it('escapes the keys and strings of objects with and without a prototype, in lists; leaves other values', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { '${a}': ['%{b}', 1, true, null] });
    expect(escapeConfiguration({ tags: bare, n: 2 })).toEqual({ tags: { '$${a}': ['%%{b}', 1, true, null] }, n: 2 });
  });

  it('leaves an object token as the same object, for cdktf to resolve', () => {
    const token = Lazy.anyValue({ produce: () => ({ owner: 'me' }) });
    const escaped = escapeConfiguration({ tags: token, name: '${x}' }) as Record<string, unknown>;
    expect(escaped.tags).toBe(token);
    expect(escaped.name).toBe('$${x}');
  });
});

describe('keepTextLiteral', () => {
  it('adds its one aspect to a scope once, however often the scope asks', () => {
    const scope = new TerraformStack(Testing.app(), 'test');
    keepTextLiteral(scope);
    keepTextLiteral(scope);
    expect(Aspects.of(scope).all).toHaveLength(1);
  });
});

describe('text from a topology file reaches Terraform as literal text', () => {
  const json = synthJson(
    loadTopology(
      seedWith((t) => {
        t.tags = { 'owner${var.x}': '${file("/etc/passwd")}', note: '%{if true}x%{endif}' };
      }),
    ),
  );

  it('escapes tag keys and values on every tagged resource', () => {
    for (const type of ['azurerm_resource_group', 'azurerm_virtual_network', 'azurerm_public_ip']) {
      for (const body of Object.values(resourcesOf(json, type))) {
        expect(body.tags).toEqual({ 'owner$${var.x}': '$${file("/etc/passwd")}', note: '%%{if true}x%%{endif}' });
      }
    }
  });

  it('keeps references as references', () => {
    const [address] = Object.keys(resourcesOf(json, 'azurerm_resource_group'));
    const network = Object.values(resourcesOf(json, 'azurerm_virtual_network'))[0];
    expect(network.resource_group_name).toBe(ref(`azurerm_resource_group.${address}`, 'name'));
  });
});

/**
 * Synthesizes without Azure's rules, which refuse `$`, `{` and `%` in these names and tag keys: what is checked here is
 * the escaping, which holds whatever a rule lets through.
 */
function synthWithoutRules(build: (scope: Construct) => void): TerraformJson {
  const stack = new TerraformStack(Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } }), 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

describe('text passed to the constructs from code', () => {
  const json = synthWithoutRules((scope) => {
    const network = new Network(scope, 'Net', {
      name: 'net${path.root}',
      location: 'eastus',
      addressSpace: ['10.0.0.0/16'],
      gatewaySubnetPrefix: '10.0.255.0/27',
      tags: { '%{k}': 'v' },
    });
    new VpnGateway(network, 'Gateway', { network, name: 'gw%{x}', sku: 'VpnGw2AZ' });
    new SharedKey(scope, 'Key', { source: { keyVaultSecretId: '/x/${y}' } });
    // A consumer's own resources, outside this library's constructs, are left as the consumer wrote them.
    new ResourceGroup(scope, 'Mine', { name: 'mine-${var.suffix}', location: 'eastus' });
    new TerraformOutput(scope, 'Out', { value: `id ${network.virtualNetwork.id}` });
    new TerraformVariable(scope, 'Var', { default: '${z}' });
  });

  it('escapes names, tag keys and Key Vault ids', () => {
    const network = Object.values(resourcesOf(json, 'azurerm_virtual_network'))[0];
    expect(network.name).toBe('net$${path.root}');
    expect(network.tags).toEqual({ '%%{k}': 'v' });
    const gateway = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway'))[0];
    expect(gateway.name).toBe('gw%%{x}');
    const secret = Object.values(json.data?.azurerm_key_vault_secret ?? {})[0];
    expect(secret.key_vault_id).toBe('/x/$${y}');
  });

  it("leaves the consumer's own resources, outputs and variables alone", () => {
    expect(resourcesOf(json, 'azurerm_resource_group').Mine.name).toBe('mine-${var.suffix}');
    expect(json.output?.Out.value).toMatch(/^id \$\{azurerm_virtual_network\.Net_VirtualNetwork_[0-9A-F]+\.id\}$/);
    expect(json.variable?.Var.default).toBe('${z}');
  });

  it('does not escape a cdktf token a second time: Fn.rawString stays as cdktf writes it', () => {
    const raw = synthScope((scope) => {
      new Network(scope, 'Net', { name: Fn.rawString('a${b}'), location: 'eastus', addressSpace: ['10.0.0.0/16'] });
    });
    expect(Object.values(resourcesOf(raw, 'azurerm_virtual_network'))[0].name).toBe('a$${b}');
  });
});

describe('HCL output (cdktf synth --hcl)', () => {
  it('holds the same escapes in quoted strings', () => {
    const seed = loadTopology(seedWith((t) => (t.tags = { 'k${a}': '${file("/etc/passwd")}', p: '%{if x}' })));
    const outdir = mkdtempSync(join(tmpdir(), 'hcl-literal-'));
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const app = new App({ hclOutput: true, outdir, context: { [RULES_CHECKED_CONTEXT]: true } });
      new TopologyStack(app, seed.name, { topology: seed.model, tags: seed.file.tags });
      app.synth();
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
    const hcl = readFileSync(join(outdir, 'stacks', seed.name, 'cdk.tf'), 'utf8');
    // cdktf's HCL writer leaves the quotes inside `$${…}` unescaped (a cdktf limitation; cdk.tf is for reading): what
    // is checked here is that no sequence of the user's is left for Terraform to evaluate.
    expect(hcl).toContain('"k$${a}" = "$${file(');
    expect(hcl).toContain('p = "%%{if x}"');
    expect(hcl).not.toMatch(/[^$]\$\{(a\}|file)|[^%]%\{if/);
  });
});

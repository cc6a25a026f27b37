import { TerraformStack, Testing } from 'cdktf';
import { Topology } from '../../constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopologyFileInput } from '../../topology/schema';
import { addresses, loadTopology, ROOT, synthJson, TerraformJson } from '../support/synth';
import { seedInput, seedWith } from '../support/topologies';

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack, true)) as TerraformJson;
const names = (json: TerraformJson, type: string) => Object.values(json.resource[type] ?? {}).map((r) => r.name);

/** The seed with every resource group renamed: the same topology, other Azure resources. */
const inGroups = (suffix: string) =>
  seedWith((t) => t.networks.forEach((n) => (n.resourceGroup = `${n.resourceGroup}-${suffix}`)));

describe('Topology: a topology in a stack of your own', () => {
  it('holds two copies of one topology in different resource groups (prod and test) in one stack', () => {
    const stack = new TerraformStack(Testing.app(), 'app');
    new Topology(stack, 'Prod', { topology: loadTopology(inGroups('prod')).model });
    new Topology(stack, 'Test', { topology: loadTopology(inGroups('test')).model });
    const json = synth(stack);
    expect(names(json, 'azurerm_resource_group').sort()).toEqual([
      'TestRG1-prod',
      'TestRG1-test',
      'TestRG4-prod',
      'TestRG4-test',
    ]);
    expect(names(json, 'azurerm_virtual_network_gateway')).toEqual(['VNet1GW', 'VNet4GW', 'VNet1GW', 'VNet4GW']);
    expect(names(json, 'azurerm_virtual_network_gateway_connection')).toHaveLength(4);
    expect(json.provider?.azurerm).toHaveLength(1);
    expect(json.provider?.random).toHaveLength(1);
    // Construct ids come from the scope the app chose.
    expect(addresses(json).filter((a) => a.startsWith('azurerm_virtual_network.'))).toEqual([
      expect.stringMatching(/^azurerm_virtual_network\.Prod_VNet1_VirtualNetwork_/),
      expect.stringMatching(/^azurerm_virtual_network\.Prod_VNet4_VirtualNetwork_/),
      expect.stringMatching(/^azurerm_virtual_network\.Test_VNet1_VirtualNetwork_/),
      expect.stringMatching(/^azurerm_virtual_network\.Test_VNet4_VirtualNetwork_/),
    ]);
  });

  it('holds two copies in two stacks of one app, each with its own providers', () => {
    const app = Testing.app();
    const stacks = ['prod', 'test'].map((name) => {
      const stack = new TerraformStack(app, name);
      new Topology(stack, 'Network', { topology: loadTopology(seedInput()).model });
      return stack;
    });
    for (const stack of stacks) {
      const json = synth(stack);
      expect(json.provider?.azurerm).toHaveLength(1);
      expect(names(json, 'azurerm_virtual_network_gateway')).toEqual(['VNet1GW', 'VNet4GW']);
    }
  });

  it.each(['site-to-site.json', 'hub-and-spoke.json', 'mesh.json', 'cross-subscription.json'])(
    'holds two copies of %s in different resource groups in one stack',
    (file) => {
      const copy = (env: string) => {
        const input = JSON.parse(readFileSync(join(ROOT, 'topologies', file), 'utf8')) as TopologyFileInput;
        input.networks.forEach((n) => (n.resourceGroup = `${n.resourceGroup}-${env}`));
        input.sites?.forEach((s) => s.resourceGroup && (s.resourceGroup = `${s.resourceGroup}-${env}`));
        return loadTopology(input).model;
      };
      const stack = new TerraformStack(Testing.app(), 'app');
      new Topology(stack, 'Prod', { topology: copy('prod') });
      new Topology(stack, 'Test', { topology: copy('test') });
      const json = synth(stack);
      const single = synthJson(loadTopology(JSON.parse(readFileSync(join(ROOT, 'topologies', file), 'utf8'))));
      for (const type of Object.keys(single.resource)) {
        expect([type, Object.keys(json.resource[type]).length]).toEqual([
          type,
          2 * Object.keys(single.resource[type]).length,
        ]);
      }
    },
  );

  it.each([
    ['the same resource groups', seedInput()],
    ['the same resource groups in another case', seedWith((t) => (t.networks[0].resourceGroup = 'TESTRG1'))],
  ])('refuses two copies in %s: Azure would see one network twice', (_title, second) => {
    const stack = new TerraformStack(Testing.app(), 'app');
    new Topology(stack, 'Prod', { topology: loadTopology(seedInput()).model });
    new Topology(stack, 'Test', { topology: loadTopology(second).model });
    expect(() => Testing.synth(stack, true)).toThrow(
      /app\/Test\/VNet1: network "VNet1" in resource group "(TestRG1|TESTRG1)" is to Azure the same virtual network as network "VNet1" in "TestRG1" \(app\/Prod\/VNet1\)/,
    );
  });

  it("refuses networks in two regions sharing a resource group it creates, at its first network's location", () => {
    const stack = new TerraformStack(Testing.app(), 'app');
    const topology = loadTopology(seedWith((t) => (t.networks[1].resourceGroup = 'TestRG1'))).model;
    new Topology(stack, 'Prod', { topology });
    expect(() => Testing.synth(stack, true)).toThrow(
      'error: app/Prod/VNet4: network "VNet4": resource group "TestRG1" is created in eastus for network "VNet1", but this network is in westus2; a created group has one location: give this network a resource group of its own, or create the group yourself and set createResourceGroup to false for every network in it',
    );
  });
});

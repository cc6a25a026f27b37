import { addresses, loadTopology, synthJson } from '../support/synth';
import { findingsOf, network, seedWith } from '../support/topologies';

// Azure compares names, resource groups and subscription ids without case (TestRG1 and testrg1 are one group).
describe('names, as Azure identifies resources', () => {
  it('creates one resource group written two ways once, and warns', () => {
    const input = seedWith((t) => {
      t.networks[1] = { ...t.networks[1], resourceGroup: 'testrg1', location: 'eastus' };
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'warning',
        path: 'networks[1].resourceGroup',
        message:
          'network "VNet4": resource group "testrg1" is written "TestRG1" by network "VNet1"; Azure compares them without case, so they are one; write it one way',
      },
    ]);
    const json = synthJson(loadTopology(input));
    expect(Object.values(json.resource.azurerm_resource_group).map((g) => g.name)).toEqual(['TestRG1']);
    expect(addresses(json).filter((a) => a.startsWith('azurerm_resource_group.'))).toEqual([
      'azurerm_resource_group.ResourceGroup-TestRG1',
    ]);
  });

  it('warns of one subscription written in two cases', () => {
    const sub = '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    const input = seedWith((t) => {
      t.networks[0].subscriptionId = sub;
      t.networks[1] = { ...t.networks[1], resourceGroup: 'TestRG1', location: 'eastus' };
      t.networks[1].subscriptionId = sub.toUpperCase();
    });
    expect(findingsOf(input).map((f) => [f.severity, f.path])).toEqual([['warning', 'networks[1].subscriptionId']]);
  });

  it.each([
    ['VNet1', 'vnet1'],
    ['VNet1', 'VNET1'],
  ])('refuses networks %s and %s in one resource group: one virtual network to Azure', (a, b) => {
    const input = seedWith((t) => {
      t.networks = [network(1, { name: a }), network(2, { name: b, resourceGroup: 'testrg1' })];
      t.connections = [];
    });
    expect(findingsOf(input).filter((f) => f.path === 'networks[1].name')).toEqual([
      {
        severity: 'error',
        path: 'networks[1].name',
        message: `network "${b}" in resource group "testrg1" is to Azure the same virtual network as network "${a}" in "TestRG1" (networks[0]): Azure compares names and resource groups without case; give it a name of its own or another resource group`,
      },
    ]);
  });

  it('refuses one network name twice in a file, even in different resource groups: connections name networks', () => {
    const input = seedWith((t) => {
      t.networks = [network(1), network(2, { name: 'VNet1' })];
      t.connections = [];
    });
    expect(findingsOf(input).map((f) => [f.path, f.message])).toEqual([
      ['networks[1].name', expect.stringContaining('network "VNet1" is declared twice (also networks[0])')],
    ]);
  });
});

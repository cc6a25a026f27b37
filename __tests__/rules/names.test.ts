import type { TopologyFileInput } from '../../topology/schema';
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

type Change = (t: TopologyFileInput) => void;
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000005';

/** Rules of names.ts, through the topology file: Azure names are unique per resource group, ignoring case. */
describe('names in a resource group', () => {
  it.each<[string, Change, string, string]>([
    [
      'a gateway name in TestRG1 and testrg1',
      (t) => t.networks.push(network(5, { resourceGroup: 'testrg1', gateway: { name: 'VNet1GW' } })),
      'networks[2].gateway.name',
      'network "VNet5": gateway name "VNet1GW" is used also by network "VNet1" in resource group "testrg1"; give each gateway a name of its own',
    ],
    [
      'a gateway name written in another case',
      (t) => t.networks.push(network(5, { resourceGroup: 'TestRG1', gateway: { name: 'vnet1gw' } })),
      'networks[2].gateway.name',
      'network "VNet5": gateway name "vnet1gw" is used also by network "VNet1" in resource group "TestRG1"; give each gateway a name of its own',
    ],
    [
      'a public IP name of another gateway in the group',
      (t) =>
        t.networks.push(
          network(5, { resourceGroup: 'TestRG1', gateway: { publicIpNames: ['VNet5GWpip1', 'vnet1gwpip2'] } }),
        ),
      'networks[2].gateway.publicIpNames[1]',
      'network "VNet5": gateway "VNet5GW": public IP name "vnet1gwpip2" is used also by network "VNet1": gateway "VNet1GW" in resource group "TestRG1"; give each public IP a name of its own',
    ],
    [
      'a connection name of another connection in the group, in another case',
      (t) => {
        t.networks.push(network(5, { resourceGroup: 'TestRG1' }));
        t.connections!.push({ from: 'VNet5', to: 'VNet4', names: ['vnet1-to-vnet4', 'VNet4-to-VNet5'] });
      },
      'connections[1].names[0]',
      'connection "vnet1-to-vnet4" (connections[1]): connection name "vnet1-to-vnet4" is used also by connection "VNet1-to-VNet4" (connections[0]) in resource group "TestRG1"; give each connection a name of its own',
    ],
  ])('%s is refused', (_, change, path, message) => {
    expect(findingsOf(seedWith(change))).toContainEqual({ severity: 'error', path, message });
  });

  it.each<[string, Change]>([
    [
      'the same gateway name in another resource group',
      (t) =>
        t.networks.push(
          network(5, {
            resourceGroup: 'TestRG5',
            gateway: { name: 'VNet1GW', publicIpNames: ['VNet1GWpip1', 'VNet1GWpip2'] },
          }),
        ),
    ],
    [
      'the same gateway name in a group of that name in another subscription',
      (t) =>
        t.networks.push(
          network(5, {
            resourceGroup: 'TestRG1',
            subscriptionId: SUBSCRIPTION,
            location: 'eastus',
            gateway: { name: 'VNet1GW' },
          }),
        ),
    ],
  ])('%s is taken', (_, change) => {
    expect(findingsOf(seedWith(change)).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('connection names across the topology (each names an output)', () => {
  it.each<[string, Change, string, string]>([
    [
      'one name for both directions',
      (t) => (t.connections![0].names = ['Link', 'Link']),
      'connections[0].names[1]',
      'connection "Link" (connections[0]): connection name "Link" is used for both directions; each connection\'s output is named after it (Link-id): give each connection a name of its own',
    ],
    [
      "another connection's name, in another group",
      (t) => {
        t.networks.push(network(5));
        t.connections!.push({ from: 'VNet5', to: 'VNet4', names: ['VNet1-to-VNet4', 'VNet4-to-VNet5'] });
      },
      'connections[1].names[0]',
      'connection "VNet1-to-VNet4" (connections[1]): connection name "VNet1-to-VNet4" is used also by connection "VNet1-to-VNet4" (connections[0]); each connection\'s output is named after it (VNet1-to-VNet4-id): give each connection a name of its own',
    ],
  ])('%s is refused', (_, change, path, message) => {
    expect(findingsOf(seedWith(change))).toContainEqual({ severity: 'error', path, message });
  });
});

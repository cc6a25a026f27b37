import { Lazy } from 'cdktf';
import { checkTopology } from '../../rules';
import { parseTopology } from '../../topology/load';
import type { NetworkModel, TopologyModel } from '../../topology/model';
import type { TopologyFileInput } from '../../topology/schema';
import { addresses, loadTopology, synthJson } from '../support/synth';
import { findingsOf, network, seedInput, seedWith } from '../support/topologies';

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

const SUBSCRIPTION_5 = '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const SUBSCRIPTION_1 = '00000000-0000-0000-0000-000000000001';
const SUBSCRIPTION_2 = '00000000-0000-0000-0000-000000000002';
const onPrem = (name: string) => ({ name, gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });
const withoutGateway = (n: number, extra: Parameters<typeof network>[1] = {}) => {
  const { gateway: _, ...rest } = network(n, extra);
  return rest;
};

/** Azure folds case letter by letter: Straße and Strasse are two names (ß has no one-letter capital). */
describe('names, exactly as compared', () => {
  it.each<[string, Change, { severity: string; path: string; message: string }[]]>([
    [
      'resource groups Straße and Strasse: two groups',
      (t) => {
        t.networks[0].resourceGroup = 'Straße';
        t.networks[1] = { ...t.networks[1], resourceGroup: 'Strasse', location: 'eastus' };
      },
      [],
    ],
    [
      'one gateway name in groups of one name in two subscriptions',
      (t) => {
        t.networks[0].subscriptionId = SUBSCRIPTION_1;
        t.networks[1] = {
          ...t.networks[1],
          resourceGroup: 'TestRG1',
          location: 'eastus',
          subscriptionId: SUBSCRIPTION_2,
          gateway: { ...t.networks[1].gateway, name: 'VNet1GW' },
        };
      },
      [],
    ],
    [
      'one subscription written in two cases',
      (t) => {
        t.networks[0].subscriptionId = SUBSCRIPTION_5;
        t.networks[1] = {
          ...t.networks[1],
          resourceGroup: 'TestRG1',
          location: 'eastus',
          subscriptionId: SUBSCRIPTION_5.toUpperCase(),
        };
      },
      [
        {
          severity: 'warning',
          path: 'networks[1].subscriptionId',
          message:
            'network "VNet4": subscription "0D5C7D6E-1A2B-4C3D-8E9F-0A1B2C3D4E5F" is written "0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f" by network "VNet1"; Azure compares them without case, so they are one; write it one way',
        },
      ],
    ],
    [
      'networks Straße and Strasse in one group: refused for the ß only',
      (t) => {
        t.networks = [
          withoutGateway(1, { name: 'Straße' }),
          withoutGateway(2, { name: 'Strasse', resourceGroup: 'TestRG1' }),
        ];
        t.connections = [];
      },
      [
        {
          severity: 'error',
          path: 'networks[0].name',
          message:
            'network "Straße": virtual network name "Straße" contains U+00DF, but Azure takes only letters, digits, underscores, periods and hyphens (Microsoft.Network/virtualNetworks); remove or replace it',
        },
      ],
    ],
    [
      'gateways GWStrasse and GWStraße in one group: refused for the ß only',
      (t) => {
        t.networks[0].gateway!.name = 'GWStrasse';
        t.networks.push(
          network(5, { resourceGroup: 'TestRG1', gateway: { name: 'GWStraße', publicIpNames: ['p1', 'p2'] } }),
        );
      },
      [
        {
          severity: 'error',
          path: 'networks[2].gateway.name',
          message:
            'network "VNet5": virtual network gateway name "GWStraße" contains U+00DF, but Azure takes only letters, digits, underscores, periods and hyphens (Microsoft.Network/virtualNetworkGateways); remove or replace it',
        },
      ],
    ],
    [
      'one network name twice in one group: reported once',
      (t) => {
        t.networks = [withoutGateway(1), withoutGateway(2, { name: 'VNet1', resourceGroup: 'TestRG1' })];
        t.connections = [];
      },
      [
        {
          severity: 'error',
          path: 'networks[1].name',
          message: 'network "VNet1" is declared twice (also networks[0]); give each network a name of its own',
        },
      ],
    ],
    [
      'one connection name twice in one group: reported once, as a clash in the group',
      (t) => {
        t.networks.push(network(5, { resourceGroup: 'TestRG1' }));
        t.connections!.push({ from: 'VNet5', to: 'VNet4', names: ['VNet1-to-VNet4', 'VNet4-to-VNet5'] });
      },
      [
        {
          severity: 'error',
          path: 'connections[1].names[0]',
          message:
            'connection "VNet1-to-VNet4" (connections[1]): connection name "VNet1-to-VNet4" is used also by connection "VNet1-to-VNet4" (connections[0]) in resource group "TestRG1"; give each connection a name of its own',
        },
      ],
    ],
    [
      "the name of a connection back, used by another connection back in that network's group",
      (t) => {
        t.networks.push(network(5, { resourceGroup: 'TestRG4', location: 'West US 2' }));
        t.connections!.push({ from: 'VNet1', to: 'VNet5', names: ['VNet1-to-VNet5', 'VNet4-to-VNet1'] });
      },
      [
        {
          severity: 'error',
          path: 'connections[1].names[1]',
          message:
            'connection "VNet1-to-VNet5" (connections[1]): connection name "VNet4-to-VNet1" is used also by connection "VNet1-to-VNet4" (connections[0]) in resource group "TestRG4"; give each connection a name of its own',
        },
      ],
    ],
    [
      'a site-to-site connection with a connection name of its own group',
      (t) => {
        t.sites = [onPrem('OnPrem')];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem', names: ['VNet1-to-VNet4'] });
      },
      [
        {
          severity: 'error',
          path: 'connections[1].names[0]',
          message:
            'connection "VNet1-to-VNet4" (connections[1]): connection name "VNet1-to-VNet4" is used also by connection "VNet1-to-VNet4" (connections[0]) in resource group "TestRG1"; give each connection a name of its own',
        },
      ],
    ],
    [
      "a site-to-site connection with another group's connection name",
      (t) => {
        t.sites = [onPrem('OnPrem')];
        t.connections!.push({ from: 'VNet4', toSite: 'OnPrem', names: ['VNet1-to-VNet4'] });
      },
      [
        {
          severity: 'error',
          path: 'connections[1].names[0]',
          message:
            'connection "VNet1-to-VNet4" (connections[1]): connection name "VNet1-to-VNet4" is used also by connection "VNet1-to-VNet4" (connections[0]); each connection\'s output is named after it (VNet1-to-VNet4-id): give each connection a name of its own',
        },
      ],
    ],
    [
      'a second name on a site-to-site connection to a site named as a network: a site has no connection back',
      (t) => {
        t.sites = [onPrem('VNet4')];
        t.connections!.push({ from: 'VNet1', toSite: 'VNet4', names: ['S1', 'VNet1-to-VNet4'] });
      },
      [],
    ],
    [
      // No name is refused; the network that says the group exists is, as it does not wait for the group.
      'a group of one name in two regions, created for one network only',
      (t) => (t.networks[1] = { ...t.networks[1], resourceGroup: 'TestRG1', createResourceGroup: false }),
      [
        {
          severity: 'error',
          path: 'networks[1].createResourceGroup',
          message:
            'network "VNet4": resource group "TestRG1" is created by network "VNet1" in this topology, but createResourceGroup is false here, so nothing makes this network wait for the group and the first apply can fail; a created group has one location, and it is created in eastus: give this network a resource group of its own, or create the group outside this topology and set createResourceGroup to false for network "VNet1" too',
        },
      ],
    ],
  ])('%s', (_, change, expected) => {
    expect(findingsOf(seedWith(change))).toEqual(expected);
  });
});

/** Networks, and their sites' and connections' names, as a topology file cannot write them: built in code. */
describe('names, on a model built in code', () => {
  const seed = (): TopologyModel => parseTopology(JSON.stringify(seedInput()), 'test').model;
  /** A value known only at plan time, such as a Terraform variable's: the same token each time. */
  const planTime = Lazy.stringValue({ produce: () => 'TestRG1' });
  const withNetworks = (change: (n: NetworkModel, i: number) => Partial<NetworkModel>): TopologyModel => {
    const model = seed();
    return {
      ...model,
      networks: model.networks.map((n, i) => ({
        ...n,
        path: `test/${n.name}`,
        ref: `test/${n.name}`,
        ...change(n, i),
      })),
      connections: [],
    };
  };

  it.each<[string, TopologyModel]>([
    [
      'two sites named by one plan-time value',
      {
        ...seed(),
        sites: ['test/A', 'test/B'].map((path, i) => ({
          path,
          name: planTime,
          gatewayAddress: `203.0.113.1${i}`,
          addressSpace: [`192.168.${i}.0/24`],
        })),
      },
    ],
    [
      'two networks named by one plan-time value in one group',
      withNetworks(() => ({ name: planTime, resourceGroup: 'TestRG1', location: 'eastus', gateway: undefined })),
    ],
    [
      'two networks of one name in one plan-time group',
      withNetworks(() => ({ name: 'VNet1', resourceGroup: planTime, gateway: undefined })),
    ],
    [
      'one group written two ways in one plan-time subscription',
      withNetworks((_, i) => ({
        subscriptionId: planTime,
        resourceGroup: i === 0 ? 'TestRG1' : 'testrg1',
        location: 'eastus',
        gateway: undefined,
      })),
    ],
    [
      'two gateways named by one plan-time value in one group',
      withNetworks((n) => ({
        resourceGroup: 'TestRG1',
        location: 'eastus',
        gateway: { ...n.gateway!, name: planTime },
      })),
    ],
  ])('leaves %s to Azure', (_, model) => {
    expect(checkTopology(model)).toEqual([]);
  });

  it('refuses a gateway named as an existing gateway in its group', () => {
    const model: TopologyModel = {
      ...seed(),
      existingGateways: [
        { path: 'test/Hub', name: 'vnet1gw', networkName: 'HubNet', resourceGroup: 'testrg1', location: 'eastus' },
      ],
    };
    expect(checkTopology(model)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gateway.name',
        message:
          'network "VNet1": gateway name "VNet1GW" is used also by existing gateway "vnet1gw" in resource group "TestRG1"; give each gateway a name of its own',
      },
    ]);
  });

  it('takes one name for both directions of a connection built in code (it makes no output) across groups', () => {
    const model = seed();
    const link = { ...model.connections[0], path: 'test/Link', names: ['Link', 'Link'] };
    expect(checkTopology({ ...model, connections: [link] })).toEqual([]);
  });
});

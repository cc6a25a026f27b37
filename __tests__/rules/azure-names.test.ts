import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { collectTopology, Network } from '../../constructs';
import { checkTopology } from '../../rules';
import { nameProblem, NAME_RULES } from '../../rules/azure-names';
import type { TopologyFileInput } from '../../topology/schema';
import { findingsOf, seedInput, seedWith } from '../support/topologies';

type Mutate = (t: TopologyFileInput, value: string) => void;

const gateway = (t: TopologyFileInput) => t.networks[0].gateway!;
const site = (
  t: TopologyFileInput,
  name: string,
  extra: Partial<NonNullable<TopologyFileInput['sites']>[number]> = {},
) => {
  t.sites = [{ name, gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'], ...extra }];
  t.connections!.push({ from: 'VNet1', toSite: name });
};

/** Where each name is written in the file, the Azure type, and its length limits. */
const NAMES: [string, Mutate, string, string, number, number][] = [
  [
    'resource group',
    (t, v) => (t.networks[0].resourceGroup = v),
    'networks[0].resourceGroup',
    'Microsoft.Resources/resourcegroups',
    1,
    90,
  ],
  [
    'virtual network',
    (t, v) => {
      t.connections![0].from = v;
      t.networks[0].name = v;
    },
    'networks[0].name',
    'Microsoft.Network/virtualNetworks',
    2,
    64,
  ],
  [
    'subnet',
    (t, v) => (t.networks[0].subnets![0].name = v),
    'networks[0].subnets[0].name',
    'Microsoft.Network/virtualNetworks/subnets',
    1,
    80,
  ],
  [
    'virtual network gateway',
    (t, v) => (gateway(t).name = v),
    'networks[0].gateway.name',
    'Microsoft.Network/virtualNetworkGateways',
    1,
    80,
  ],
  [
    'public IP',
    (t, v) => (gateway(t).publicIpNames![1] = v),
    'networks[0].gateway.publicIpNames[1]',
    'Microsoft.Network/publicIPAddresses',
    1,
    80,
  ],
  [
    'connection',
    (t, v) => (t.connections![0].names![1] = v),
    'connections[0].names[1]',
    'Microsoft.Network/connections',
    1,
    80,
  ],
  ['local network gateway', (t, v) => site(t, v), 'sites[0].name', 'Microsoft.Network/localNetworkGateways', 1, 80],
];

const errorsAt = (input: TopologyFileInput, path: string) =>
  findingsOf(input).filter((f) => f.severity === 'error' && f.path === path);

describe("Azure's naming rules per resource type, through the topology file", () => {
  it('the seed topology breaks none', () => {
    expect(findingsOf(seedInput()).filter((f) => f.severity === 'error')).toEqual([]);
  });

  describe.each(NAMES)('%s name', (what, set, path, type, min, max) => {
    it(`takes ${max} characters and refuses ${max + 1}`, () => {
      expect(
        errorsAt(
          seedWith((t) => set(t, 'a'.repeat(max))),
          path,
        ),
      ).toEqual([]);
      expect(
        errorsAt(
          seedWith((t) => set(t, 'a'.repeat(max + 1))),
          path,
        ),
      ).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(
            `${what} name "${'a'.repeat(max + 1)}" is ${max + 1} characters long, but Azure takes ${min}-${max} (${type}); shorten it to ${max} characters or fewer`,
          ),
        }),
      ]);
    });

    it(`takes ${min} character${min > 1 ? 's' : ''} and refuses ${min - 1 === 0 ? 'fewer (the file refuses an empty name)' : min - 1}`, () => {
      expect(
        errorsAt(
          seedWith((t) => set(t, 'a'.repeat(min))),
          path,
        ),
      ).toEqual([]);
      if (min > 1) {
        expect(
          errorsAt(
            seedWith((t) => set(t, 'a'.repeat(min - 1))),
            path,
          ),
        ).toEqual([
          expect.objectContaining({ message: expect.stringContaining(`takes ${min}-${max} (${type}); lengthen it`) }),
        ]);
      }
    });

    it('refuses a character Azure does not take, and names it', () => {
      expect(
        errorsAt(
          seedWith((t) => set(t, 'a#b c')),
          path,
        ),
      ).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(`name "a#b c" contains "#", U+0020, but Azure takes only`),
        }),
      ]);
    });

    it('refuses a trailing period', () => {
      expect(
        errorsAt(
          seedWith((t) => set(t, 'ab.')),
          path,
        ),
      ).toEqual([expect.objectContaining({ message: expect.stringContaining(`name "ab." must`) })]);
    });
  });

  it('names the resource, the value, the rule and the fix in one message', () => {
    expect(findingsOf(seedWith((t) => (gateway(t).name = '-VNet1GW')))).toContainEqual({
      severity: 'error',
      path: 'networks[0].gateway.name',
      message:
        'network "VNet1": virtual network gateway name "-VNet1GW" must start with a letter or digit and end with a letter, digit or underscore (Microsoft.Network/virtualNetworkGateways); change its first or last character',
    });
  });

  it('takes a resource group name with parentheses and non-Latin letters, not one ending in a period', () => {
    expect(
      errorsAt(
        seedWith((t) => (t.networks[0].resourceGroup = 'Réseau(prod)_1.x')),
        'networks[0].resourceGroup',
      ),
    ).toEqual([]);
    expect(findingsOf(seedWith((t) => (t.networks[0].resourceGroup = 'TestRG1.')))).toContainEqual({
      severity: 'error',
      path: 'networks[0].resourceGroup',
      message:
        'network "VNet1": resource group name "TestRG1." must not end with a period (Microsoft.Resources/resourcegroups); change its first or last character',
    });
  });

  it('checks the resource group of a site', () => {
    expect(
      errorsAt(
        seedWith((t) => site(t, 'OnPrem', { resourceGroup: 'a'.repeat(91), location: 'eastus' })),
        'sites[0].resourceGroup',
      ),
    ).toHaveLength(1);
  });

  it('checks default names too: two networks of 40 characters make a connection name of 84', () => {
    const [a, b] = [`A${'n'.repeat(39)}`, `B${'n'.repeat(39)}`];
    const findings = findingsOf(
      seedWith((t) => {
        [t.networks[0].name, t.networks[1].name] = [a, b];
        for (const n of t.networks) {
          delete n.gateway!.name;
          delete n.gateway!.publicIpNames;
        }
        t.connections = [{ from: a, to: b }];
      }),
    );
    expect(findings).toContainEqual({
      severity: 'error',
      path: 'connections[0].names[0]',
      message: `connection "${a}-to-${b}": connection name "${a}-to-${b}" is 84 characters long, but Azure takes 1-80 (Microsoft.Network/connections); shorten it to 80 characters or fewer`,
    });
  });

  it.each<[string, (t: TopologyFileInput, a: string, b: string) => void, string]>([
    ['a mesh', (t, a, b) => (t.mesh = [a, b]), 'mesh'],
    ['a hub and its spoke', (t, a, b) => (t.hubAndSpoke = { hub: a, spokes: [b] }), 'hubAndSpoke.spokes[0]'],
  ])('reports a default connection name too long in %s at the group', (_, group, path) => {
    const [a, b] = [`A${'n'.repeat(39)}`, `B${'n'.repeat(39)}`];
    const findings = findingsOf(
      seedWith((t) => {
        [t.networks[0].name, t.networks[1].name] = [a, b];
        for (const n of t.networks) {
          delete n.gateway!.name;
          delete n.gateway!.publicIpNames;
        }
        t.connections = [];
        group(t, a, b);
      }),
    );
    expect(findings).toEqual([
      {
        severity: 'error',
        path,
        message: `connection "${a}-to-${b}": connection name "${a}-to-${b}" is 84 characters long, but Azure takes 1-80 (Microsoft.Network/connections); shorten it to 80 characters or fewer`,
      },
      {
        severity: 'error',
        path,
        message: `connection "${a}-to-${b}": connection name "${b}-to-${a}" is 84 characters long, but Azure takes 1-80 (Microsoft.Network/connections); shorten it to 80 characters or fewer`,
      },
    ]);
  });

  describe('the delete lock of a gateway (Microsoft.Authorization/locks, 1-90)', () => {
    const locked = (name: string) =>
      seedWith((t) => {
        gateway(t).name = name;
        gateway(t).deleteProtection = 'lock';
      });
    it('takes a gateway name of 76 characters, whose lock name is 90', () => {
      expect(errorsAt(locked('g'.repeat(76)), 'networks[0].gateway.deleteProtection')).toEqual([]);
    });
    it('refuses 77, whose lock name would be 91', () => {
      expect(errorsAt(locked('g'.repeat(77)), 'networks[0].gateway.deleteProtection')).toEqual([
        {
          severity: 'error',
          path: 'networks[0].gateway.deleteProtection',
          message: `network "VNet1": gateway "${'g'.repeat(77)}": its delete lock would be named "${'g'.repeat(77)}-cannot-delete", which is 91 characters long, but Azure takes 1-90 (Microsoft.Authorization/locks); give the gateway a name of 76 characters or fewer`,
        },
      ]);
    });
    it('is not checked without a lock', () => {
      expect(
        errorsAt(
          seedWith((t) => (gateway(t).name = 'g'.repeat(77))),
          'networks[0].gateway.deleteProtection',
        ),
      ).toEqual([]);
    });
  });

  it.each<[string, keyof typeof NAME_RULES, boolean]>([
    ['a', 'virtualNetwork', false],
    ['ab', 'virtualNetwork', true],
    ['a_', 'subnet', true],
    ['_a', 'subnet', false],
    ['a.b-c_d', 'connection', true],
    ['a-', 'connection', false],
    ['(rg)', 'resourceGroup', true],
    ['rg/1', 'resourceGroup', false],
    ['lock(1)', 'lock', true],
    ['lock.', 'lock', false],
  ])('%j as a %s name is accepted: %s', (name, rule, ok) => {
    expect(nameProblem(name, NAME_RULES[rule]) === undefined).toBe(ok);
  });
});

describe("Azure's naming rules, every finding of a case", () => {
  const subnetName = (name: string) => seedWith((t) => (t.networks[0].subnets![0].name = name));

  it('names one character it refuses and asks to remove it', () => {
    expect(findingsOf(subnetName('Front End'))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].subnets[0].name',
        message:
          'network "VNet1": subnet name "Front End" contains U+0020, but Azure takes only letters, digits, underscores, periods and hyphens (Microsoft.Network/virtualNetworks/subnets); remove or replace it',
      },
    ]);
  });

  it('names each character it refuses once, by its code point in capitals past ASCII, and asks to remove them', () => {
    expect(findingsOf(subnetName('café#1#'))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].subnets[0].name',
        message:
          'network "VNet1": subnet name "café#1#" contains U+00E9, "#", but Azure takes only letters, digits, underscores, periods and hyphens (Microsoft.Network/virtualNetworks/subnets); remove or replace them',
      },
    ]);
  });

  it('a virtual network name of one character is one character long', () => {
    const input = seedWith((t) => {
      t.networks[0].name = 'a';
      t.connections![0].from = 'a';
    });
    expect(findingsOf(input).filter((f) => f.path === 'networks[0].name')).toEqual([
      {
        severity: 'error',
        path: 'networks[0].name',
        message:
          'network "a": virtual network name "a" is 1 character long, but Azure takes 2-64 (Microsoft.Network/virtualNetworks); lengthen it to 2 characters or more',
      },
    ]);
  });

  it('leaves a name with a control character to the one-line rule: one finding, not two', () => {
    expect(findingsOf(subnetName('Front\tEnd'))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].subnets[0].name',
        message:
          '"Front\\tEnd" holds the control character U+0009 (tab); names and other values are one line of printable text; remove it',
      },
    ]);
  });

  it('does not check the delete lock of a gateway whose own name is refused', () => {
    const input = seedWith((t) => {
      t.networks[0].gateway!.name = 'g'.repeat(81);
      t.networks[0].gateway!.deleteProtection = 'lock';
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gateway.name',
        message: `network "VNet1": virtual network gateway name "${'g'.repeat(81)}" is 81 characters long, but Azure takes 1-80 (Microsoft.Network/virtualNetworkGateways); shorten it to 80 characters or fewer`,
      },
    ]);
  });
});

describe("Azure's naming rules, through the constructs", () => {
  it('leaves public IP names known only at apply time (a Terraform variable) alone', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const names = new TerraformVariable(stack, 'publicIpNames', { type: 'list(string)' });
    new Network(stack, 'VNet1', {
      location: 'eastus',
      addressSpace: ['10.1.0.0/16'],
      gatewaySubnetPrefix: '10.1.255.0/27',
    }).addVpnGateway({ publicIpNames: Token.asList(names.value) });
    expect(checkTopology(collectTopology(stack))).toEqual([]);
  });
});

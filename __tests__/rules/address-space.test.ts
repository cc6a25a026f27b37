import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { collectTopology, Network, VnetToVnetConnection, VpnGateway } from '../../constructs';
import { checkTopology } from '../../rules';
import { findingsOf, network, seedWith } from '../support/topologies';
import type { TopologyFileInput } from '../../topology/schema';

type Row = [string, (t: TopologyFileInput) => void, string, string];

describe('address space rules, through the topology file', () => {
  it.each<Row>([
    [
      'host bits set',
      (t) => (t.networks[0].addressSpace = ['10.1.0.1/16']),
      'networks[0].addressSpace[0]',
      'network "VNet1": address space 10.1.0.1/16 has host bits set, which Azure refuses; write 10.1.0.0/16',
    ],
    [
      'malformed prefix',
      (t) => (t.networks[0].subnets = [{ name: 'FrontEnd', addressPrefix: '1a.2.3.4/24' }]),
      'networks[0].subnets[0].addressPrefix',
      'network "VNet1": subnet "FrontEnd" "1a.2.3.4/24" is not an IPv4 prefix in CIDR notation; write it as a.b.c.d/n, e.g. 10.1.0.0/16',
    ],
    [
      'IPv6',
      (t) => (t.networks[1].addressSpace = ['10.41.0.0/16', 'fd00::/48']),
      'networks[1].addressSpace[1]',
      'network "VNet4": address space "fd00::/48" is IPv6; these topologies are IPv4 only; use an IPv4 prefix such as 10.1.0.0/16',
    ],
    [
      'a range listed twice',
      (t) => (t.networks[0].addressSpace = ['10.1.0.0/16', '10.1.0.0/16']),
      'networks[0].addressSpace[1]',
      'network "VNet1": address space 10.1.0.0/16 is listed twice; list each range once',
    ],
    [
      'overlapping ranges in one address space',
      (t) => (t.networks[0].addressSpace = ['10.1.0.0/16', '10.1.4.0/24']),
      'networks[0].addressSpace[1]',
      'network "VNet1": address space 10.1.4.0/24 overlaps 10.1.0.0/16 of the same address space; list ranges that do not overlap',
    ],
    [
      'a subnet outside the address space',
      (t) => (t.networks[0].subnets = [{ name: 'FrontEnd', addressPrefix: '10.2.0.0/24' }]),
      'networks[0].subnets[0].addressPrefix',
      'network "VNet1": subnet "FrontEnd" 10.2.0.0/24 is outside the address space 10.1.0.0/16; choose a prefix inside it',
    ],
    [
      'GatewaySubnet outside the address space',
      (t) => (t.networks[0].gatewaySubnetPrefix = '10.2.255.0/27'),
      'networks[0].gatewaySubnetPrefix',
      'network "VNet1": gatewaySubnetPrefix 10.2.255.0/27 is outside the address space 10.1.0.0/16; choose a prefix inside it',
    ],
    [
      'overlapping subnets',
      (t) => t.networks[0].subnets!.push({ name: 'BackEnd', addressPrefix: '10.1.0.128/25' }),
      'networks[0].subnets[1].addressPrefix',
      'network "VNet1": subnet "BackEnd" 10.1.0.128/25 overlaps subnet "FrontEnd" 10.1.0.0/24; give each subnet a range of its own',
    ],
    [
      'GatewaySubnet overlapping a subnet',
      (t) => (t.networks[0].gatewaySubnetPrefix = '10.1.0.0/27'),
      'networks[0].gatewaySubnetPrefix',
      'network "VNet1": gatewaySubnetPrefix 10.1.0.0/27 overlaps subnet "FrontEnd" 10.1.0.0/24; give each subnet a range of its own',
    ],
    [
      'connected networks overlapping',
      (t) => {
        t.networks[1].addressSpace = ['10.1.128.0/17'];
        t.networks[1].subnets = [];
        t.networks[1].gatewaySubnetPrefix = '10.1.255.0/27';
        t.networks[0].gatewaySubnetPrefix = '10.1.127.0/27';
      },
      'networks[1].addressSpace[0]',
      'network "VNet4": address space 10.1.128.0/17 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
    ],
    [
      'a site overlapping the network it connects to',
      (t) => {
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['10.1.0.0/24'] }];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
      },
      'sites[0].addressSpace[0]',
      'site "OnPrem": address space 10.1.0.0/24 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
    ],
    [
      'a site of one address, the first of the network it connects to',
      (t) => {
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['10.1.0.0/32'] }];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
      },
      'sites[0].addressSpace[0]',
      'site "OnPrem": address space 10.1.0.0/32 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
    ],
    [
      'a site of one address, the last of the network it connects to',
      (t) => {
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['10.1.255.255/32'] }];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
      },
      'sites[0].addressSpace[0]',
      'site "OnPrem": address space 10.1.255.255/32 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
    ],
    [
      'networks reaching each other through BGP transit',
      (t) => {
        t.networks = [
          network(1, { gateway: { bgp: { asn: 65001 } } }),
          network(2, { gateway: { bgp: { asn: 65002 } } }),
          network(3, {
            addressSpace: ['10.1.0.0/16'],
            gatewaySubnetPrefix: '10.1.254.0/27',
            gateway: { bgp: { asn: 65003 } },
          }),
        ];
        t.networks[0].gatewaySubnetPrefix = '10.1.253.0/27';
        t.connections = [];
        t.hubAndSpoke = { hub: 'VNet2', spokes: ['VNet1', 'VNet3'], bgp: true };
      },
      'networks[2].addressSpace[0]',
      'network "VNet3": address space 10.1.0.0/16 overlaps 10.1.0.0/16 of network "VNet1", which it reaches through BGP transit; choose ranges that do not overlap',
    ],
  ])('%s', (_, mutate, path, message) => {
    expect(findingsOf(seedWith(mutate))).toContainEqual({ severity: 'error', path, message });
  });

  it.each(['10.0.255.255/32', '10.2.0.0/32'])(
    'a site %s, next to the network it connects to but outside it, has no findings',
    (space) => {
      const input = seedWith((t) => {
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: [space] }];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
      });
      expect(findingsOf(input)).toEqual([]);
    },
  );

  it('does not report networks that reach each other only without BGP', () => {
    const input = seedWith((t) => {
      t.networks = [
        network(1),
        network(2),
        network(3, { addressSpace: ['10.1.0.0/16'], gatewaySubnetPrefix: '10.1.254.0/27' }),
      ];
      t.networks[0].gatewaySubnetPrefix = '10.1.253.0/27';
      t.connections = [];
      t.hubAndSpoke = { hub: 'VNet2', spokes: ['VNet1', 'VNet3'] };
    });
    expect(findingsOf(input).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('address space rules, through the constructs', () => {
  const build = (vnet4Space: string, gatewaySubnet: string) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const vnet1 = new Network(stack, 'VNet1', {
      location: 'eastus',
      addressSpace: ['10.1.0.0/16'],
      gatewaySubnetPrefix: '10.1.127.0/27',
    });
    const vnet4 = new Network(stack, 'VNet4', {
      location: 'westus2',
      addressSpace: [vnet4Space],
      gatewaySubnetPrefix: gatewaySubnet,
    });
    new VnetToVnetConnection(stack, 'Link', {
      from: new VpnGateway(stack, 'VNet1GW', { network: vnet1 }),
      to: new VpnGateway(stack, 'VNet4GW', { network: vnet4 }),
    });
    return stack;
  };

  it.each([
    [
      '10.1.128.0/17',
      '10.1.255.0/27',
      'test/VNet4: network "VNet4": address space 10.1.128.0/17 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
    ],
    [
      '10.41.0.1/16',
      '10.41.255.0/27',
      'test/VNet4: network "VNet4": address space 10.41.0.1/16 has host bits set, which Azure refuses; write 10.41.0.0/16',
    ],
  ])('address space %s refuses to synthesize', (space, gatewaySubnet, message) => {
    expect(() => Testing.synth(build(space, gatewaySubnet), true)).toThrow(message);
  });

  it('leaves an address space and prefixes known only at apply time (Terraform variables) alone', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const space = new TerraformVariable(stack, 'space', { type: 'list(string)' });
    const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' });
    new Network(stack, 'VNet1', {
      location: 'eastus',
      addressSpace: Token.asList(space.value),
      subnets: [{ name: 'FrontEnd', addressPrefix: Token.asString(prefix.value) }],
      gatewaySubnetPrefix: Token.asString(prefix.value),
    });
    expect(checkTopology(collectTopology(stack))).toEqual([]);
  });

  it('refuses a network without an address space, and does not call its subnets outside it', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new Network(stack, 'VNet1', {
      location: 'eastus',
      addressSpace: [],
      subnets: [{ name: 'FrontEnd', addressPrefix: '10.1.0.0/24' }],
    });
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'error',
        path: 'test/VNet1',
        message:
          'network "VNet1": addressSpace is empty, but a virtual network needs at least one range; list its prefixes, e.g. 10.1.0.0/16',
      },
    ]);
  });
});

describe('address space rules, every finding of a case', () => {
  it('checks the syntax of gatewaySubnetPrefix too', () => {
    expect(findingsOf(seedWith((t) => (t.networks[0].gatewaySubnetPrefix = '10.1.255.1/27')))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gatewaySubnetPrefix',
        message:
          'network "VNet1": gatewaySubnetPrefix 10.1.255.1/27 has host bits set, which Azure refuses; write 10.1.255.0/27',
      },
    ]);
  });

  it('a range that starts where another starts but is shorter overlaps it, not listed twice', () => {
    expect(findingsOf(seedWith((t) => (t.networks[0].addressSpace = ['10.1.0.0/16', '10.1.0.0/24'])))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].addressSpace[1]',
        message:
          'network "VNet1": address space 10.1.0.0/24 overlaps 10.1.0.0/16 of the same address space; list ranges that do not overlap',
      },
    ]);
  });

  it('an address space of two ranges holds subnets in either, and names both when a subnet is outside', () => {
    const input = seedWith((t) => {
      t.networks[0].addressSpace = ['10.1.0.0/16', '10.2.0.0/16'];
      t.networks[0].subnets = [
        { name: 'FrontEnd', addressPrefix: '10.2.0.0/24' },
        { name: 'BackEnd', addressPrefix: '10.3.0.0/24' },
      ];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].subnets[1].addressPrefix',
        message:
          'network "VNet1": subnet "BackEnd" 10.3.0.0/24 is outside the address space 10.1.0.0/16, 10.2.0.0/16; choose a prefix inside it',
      },
    ]);
  });

  it('does not call a subnet outside an address space that has a malformed range (the subnet may be meant for it)', () => {
    const input = seedWith((t) => {
      t.networks[0].addressSpace = ['10.1.0.0/16', '10.2.0/16'];
      t.networks[0].subnets = [{ name: 'FrontEnd', addressPrefix: '10.2.0.0/24' }];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].addressSpace[1]',
        message:
          'network "VNet1": address space "10.2.0/16" is not an IPv4 prefix in CIDR notation; write it as a.b.c.d/n, e.g. 10.1.0.0/16',
      },
    ]);
  });

  it('does not call subnets outside an address space whose only range is malformed', () => {
    const input = seedWith((t) => (t.networks[0].addressSpace = ['10.1.0/16']));
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].addressSpace[0]',
        message:
          'network "VNet1": address space "10.1.0/16" is not an IPv4 prefix in CIDR notation; write it as a.b.c.d/n, e.g. 10.1.0.0/16',
      },
    ]);
  });
});

describe('overlap of connected networks, every finding of a case', () => {
  it('a pair joined by a connection each way is reported once', () => {
    const input = seedWith((t) => {
      t.networks[1].addressSpace = ['10.1.128.0/17'];
      t.networks[1].subnets = [];
      t.networks[1].gatewaySubnetPrefix = '10.1.255.0/27';
      t.networks[0].gatewaySubnetPrefix = '10.1.127.0/27';
      t.connections = [
        { from: 'VNet1', to: 'VNet4', bidirectional: false },
        { from: 'VNet4', to: 'VNet1', bidirectional: false },
      ];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[1].addressSpace[0]',
        message:
          'network "VNet4": address space 10.1.128.0/17 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
      },
      {
        severity: 'error',
        path: 'connections[1]',
        message:
          'connection "VNet4-to-VNet1": joins VNet4 and VNet1, which connections[0] already joins; declare each pair once (bidirectional: true creates both directions)',
      },
    ]);
  });

  it('checks each connected pair, whatever characters the names hold', () => {
    // Joined with a separator, the pairs V1 + "V2|network:V3" and "V1|network:V2" + V3 would read the same.
    const input = seedWith((t) => {
      t.networks = [
        network(1, { name: 'V1' }),
        network(2, { name: 'V2|network:V3' }),
        network(3, { name: 'V1|network:V2', addressSpace: ['10.4.0.0/16'], gatewaySubnetPrefix: '10.4.255.0/27' }),
        network(4, { name: 'V3', addressSpace: ['10.4.0.0/24'], gatewaySubnetPrefix: '10.4.0.224/27' }),
      ];
      t.connections = [
        { from: 'V1', to: 'V2|network:V3' },
        { from: 'V1|network:V2', to: 'V3' },
      ];
    });
    expect(findingsOf(input)).toContainEqual({
      severity: 'error',
      path: 'networks[3].addressSpace[0]',
      message:
        'network "V3": address space 10.4.0.0/24 overlaps 10.4.0.0/16 of network "V1|network:V2", which it connects to; choose ranges that do not overlap',
    });
  });
});

describe('overlap through BGP transit, every finding of a case', () => {
  const bgp = (asn: number) => ({ bgp: { asn } });

  it('a pair joined directly over BGP, written from the later name, is reported once, as connected', () => {
    const input = seedWith((t) => {
      t.networks = [network(1, { gateway: bgp(65001) }), network(4, { gateway: bgp(65004) })];
      t.networks[1].addressSpace = ['10.1.128.0/17'];
      t.networks[1].gatewaySubnetPrefix = '10.1.254.0/27';
      t.connections = [{ from: 'VNet4', to: 'VNet1', enableBgp: true }];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[1].addressSpace[0]',
        message:
          'network "VNet4": address space 10.1.128.0/17 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
      },
    ]);
  });

  it('a pair joined directly, written the other way round from how BGP reaches it, is reported once, as connected', () => {
    const input = seedWith((t) => {
      t.networks = [
        network(1, { gateway: bgp(65001) }),
        network(2, { gateway: bgp(65002) }),
        network(3, { addressSpace: ['10.1.0.0/16'], gatewaySubnetPrefix: '10.1.254.0/27', gateway: bgp(65003) }),
      ];
      t.networks[0].gatewaySubnetPrefix = '10.1.253.0/27';
      t.connections = [
        { from: 'VNet1', to: 'VNet2', enableBgp: true },
        { from: 'VNet3', to: 'VNet2', enableBgp: true },
        { from: 'VNet3', to: 'VNet1', enableBgp: true },
      ];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[2].addressSpace[0]',
        message:
          'network "VNet3": address space 10.1.0.0/16 overlaps 10.1.0.0/16 of network "VNet1", which it connects to; choose ranges that do not overlap',
      },
    ]);
  });

  it('two spokes whose connections both end at the hub reach each other through it', () => {
    const input = seedWith((t) => {
      t.networks = [
        network(1, { gateway: bgp(65001) }),
        network(2, { gateway: bgp(65002) }),
        network(3, { addressSpace: ['10.1.0.0/16'], gatewaySubnetPrefix: '10.1.254.0/27', gateway: bgp(65003) }),
      ];
      t.networks[0].gatewaySubnetPrefix = '10.1.253.0/27';
      t.connections = [
        { from: 'VNet1', to: 'VNet2', enableBgp: true },
        { from: 'VNet3', to: 'VNet2', enableBgp: true },
      ];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[2].addressSpace[0]',
        message:
          'network "VNet3": address space 10.1.0.0/16 overlaps 10.1.0.0/16 of network "VNet1", which it reaches through BGP transit; choose ranges that do not overlap',
      },
    ]);
  });

  it('two BGP islands do not reach each other: their overlap is no finding', () => {
    const input = seedWith((t) => {
      t.networks = [
        network(1, { gateway: bgp(65001) }),
        network(2, { gateway: bgp(65002) }),
        network(3, { addressSpace: ['10.1.0.0/16'], gatewaySubnetPrefix: '10.1.254.0/27', gateway: bgp(65003) }),
        network(4, { gateway: bgp(65004) }),
      ];
      t.networks[0].gatewaySubnetPrefix = '10.1.253.0/27';
      t.connections = [
        { from: 'VNet1', to: 'VNet2', enableBgp: true },
        { from: 'VNet3', to: 'VNet4', enableBgp: true },
      ];
    });
    expect(findingsOf(input)).toEqual([]);
  });

  it('a site that reaches a network through BGP transit is reported on the site, which comes after every network', () => {
    const input = seedWith((t) => {
      t.networks[0].gateway = bgp(65001);
      t.networks[1].gateway = bgp(65004);
      t.sites = [
        {
          name: 'OnPrem',
          gatewayAddress: '203.0.113.10',
          addressSpace: ['10.41.0.0/24'],
          bgp: { asn: 65010, peeringAddress: '10.41.0.1' },
        },
      ];
      t.connections = [
        { from: 'VNet1', toSite: 'OnPrem', enableBgp: true },
        { from: 'VNet1', to: 'VNet4', enableBgp: true },
      ];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'sites[0].addressSpace[0]',
        message:
          'site "OnPrem": address space 10.41.0.0/24 overlaps 10.41.0.0/16 of network "VNet4", which it reaches through BGP transit; choose ranges that do not overlap',
      },
    ]);
  });
});

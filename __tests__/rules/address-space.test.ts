import { TerraformStack, Testing } from 'cdktf';
import { Network, VnetToVnetConnection, VpnGateway } from '../../constructs';
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
});

import type { TopologyFileInput } from '../../topology/schema';
import { findingsOf, seedWith } from '../support/topologies';

/** A network whose address space is `space`, with its subnets inside it. */
const withSpace = (space: string) =>
  seedWith((t) => {
    const n = t.networks[1];
    n.addressSpace = [space, '10.41.0.0/16'];
  });
const at = (input: TopologyFileInput, path: string) => findingsOf(input).filter((f) => f.path === path);

describe('address ranges Azure refuses in a virtual network, through the topology file', () => {
  it.each([
    ['224.0.0.0/4', '224.0.0.0/4 (multicast)'],
    ['239.1.0.0/16', '224.0.0.0/4 (multicast)'],
    ['255.255.255.255/32', '255.255.255.255/32 (broadcast)'],
    ['127.0.0.0/8', '127.0.0.0/8 (loopback)'],
    ['169.254.0.0/16', '169.254.0.0/16 (link-local)'],
    ['168.63.129.0/24', "168.63.129.16/32 (Azure's internal DNS and health probes)"],
    [
      '128.0.0.0/1',
      "224.0.0.0/4 (multicast), 255.255.255.255/32 (broadcast), 169.254.0.0/16 (link-local), 168.63.129.16/32 (Azure's internal DNS and health probes)",
    ],
  ])('refuses %s', (space, refused) => {
    expect(at(withSpace(space), 'networks[1].addressSpace[0]')).toEqual([
      {
        severity: 'error',
        path: 'networks[1].addressSpace[0]',
        message: `network "VNet4": address space ${space} overlaps ${refused}, which Azure does not allow in a virtual network; use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`,
      },
    ]);
  });

  it.each([
    '168.63.128.0/24',
    '168.63.129.17/32',
    '169.253.0.0/16',
    '223.255.255.0/24',
    '126.0.0.0/8',
    '100.64.0.0/10',
  ])('takes %s, next to a refused range', (space) => {
    expect(at(withSpace(space), 'networks[1].addressSpace[0]')).toEqual([]);
  });

  it('warns about 0.0.0.0/8, which Microsoft does not list but no packet can reach', () => {
    expect(at(withSpace('0.0.0.0/8'), 'networks[1].addressSpace[0]')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('0.0.0.0/8 ("this network"') as string,
      }),
    ]);
    expect(at(withSpace('1.0.0.0/8'), 'networks[1].addressSpace[0]')).toEqual([]);
  });
});

describe("a site's gatewayAddress, through the topology file", () => {
  const withAddress = (gatewayAddress: string) =>
    seedWith((t) => {
      t.sites = [{ name: 'OnPrem', gatewayAddress, addressSpace: ['192.168.0.0/16'] }];
      t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
    });

  it.each(['999.1.2.3', '1.2.3', '203.0.113.010', '1a.2.3.4', '203.0.113.10/32', 'vpn.example.com', '::1'])(
    'refuses %j, which is not an IPv4 address',
    (address) => {
      expect(at(withAddress(address), 'sites[0].gatewayAddress')).toEqual([
        {
          severity: 'error',
          path: 'sites[0].gatewayAddress',
          message: `site "OnPrem": gatewayAddress "${address}" is not an IPv4 address (four decimal numbers 0-255 without leading zeros); write the public IPv4 address of the on-premises VPN device, e.g. 203.0.113.10, or give gatewayFqdn instead`,
        },
      ]);
    },
  );

  it.each([
    ['0.0.0.0', '"this network" (0.0.0.0/8)'],
    ['127.0.0.1', 'loopback (127.0.0.0/8)'],
    ['224.0.0.1', 'multicast (224.0.0.0/4)'],
    ['239.255.255.255', 'multicast (224.0.0.0/4)'],
    ['240.0.0.1', 'reserved or broadcast (240.0.0.0/4)'],
    ['255.255.255.255', 'reserved or broadcast (240.0.0.0/4)'],
  ])('refuses %s, which is %s', (address, what) => {
    expect(at(withAddress(address), 'sites[0].gatewayAddress')).toEqual([
      {
        severity: 'error',
        path: 'sites[0].gatewayAddress',
        message: `site "OnPrem": gatewayAddress ${address} is ${what}, not a unicast address a VPN device can have; write the public IPv4 address of the on-premises VPN device`,
      },
    ]);
  });

  it.each(['1.0.0.0', '203.0.113.10', '223.255.255.255', '126.255.255.255'])('takes %s', (address) => {
    expect(at(withAddress(address), 'sites[0].gatewayAddress')).toEqual([]);
  });
});

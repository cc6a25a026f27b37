import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { collectTopology, VpnGateway } from '../../constructs';
import { checkTopology } from '../../rules';
import type { TopologyFileInput } from '../../topology/schema';
import { articleGateway } from '../support/fixtures';
import { findingsOf, network, seedWith } from '../support/topologies';

type Change = (t: TopologyFileInput) => void;

const ASN_FIX = 'use a private ASN in 64512-65514 or 65521-65534';
const gatewayAsn =
  (asn: number): Change =>
  (t) =>
    (t.networks[0].gateway = { bgp: { asn } });
const siteAsn =
  (asn: number): Change =>
  (t) => {
    t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', bgp: { asn, peeringAddress: '192.168.0.1' } }];
    t.connections!.push({ from: 'VNet1', toSite: 'OnPrem', enableBgp: false });
  };
const apipa =
  (address: string): Change =>
  (t) =>
    (t.networks[0].gateway = { bgp: { asn: 65010, peeringAddresses: [{ apipaAddresses: [address] }] } });

/** Rules of bgp.ts, through the topology file. */
describe('BGP ASNs, at both ends of every range', () => {
  it.each<[string, Change, string]>([
    ['gateway ASN 0', gatewayAsn(0), 'BGP ASN 0 is not an AS number (1-4294967295)'],
    ['gateway ASN 4294967296', gatewayAsn(4294967296), 'BGP ASN 4294967296 is not an AS number (1-4294967295)'],
    ['gateway ASN 8074, Azure', gatewayAsn(8074), 'BGP ASN 8074 is reserved by Azure'],
    ['gateway ASN 65517, Azure', gatewayAsn(65517), 'BGP ASN 65517 is reserved by Azure'],
    ['gateway ASN 65520, Azure', gatewayAsn(65520), 'BGP ASN 65520 is reserved by Azure'],
    ['gateway ASN 23456, IANA', gatewayAsn(23456), 'BGP ASN 23456 is reserved by IANA'],
    ['gateway ASN 64496, IANA', gatewayAsn(64496), 'BGP ASN 64496 is reserved by IANA'],
    ['gateway ASN 64511, IANA', gatewayAsn(64511), 'BGP ASN 64511 is reserved by IANA'],
    ['gateway ASN 65535, IANA', gatewayAsn(65535), 'BGP ASN 65535 is reserved by IANA'],
    ['gateway ASN 65551, IANA', gatewayAsn(65551), 'BGP ASN 65551 is reserved by IANA'],
  ])('%s is refused', (_, change, problem) => {
    expect(findingsOf(seedWith(change))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gateway.bgp.asn',
        message: `network "VNet1": gateway "VNet1GW": ${problem}; ${ASN_FIX}`,
      },
    ]);
  });

  it.each([1, 23455, 23457, 64495, 64512, 65514, 65515, 65521, 65534, 65552, 4294967295])(
    'gateway ASN %d is taken (65515 is the default ASN of an Azure gateway)',
    (asn) => {
      expect(findingsOf(seedWith(gatewayAsn(asn)))).toEqual([]);
    },
  );

  it.each<[number, string]>([
    [0, 'is not an AS number (1-4294967295)'],
    [4294967296, 'is not an AS number (1-4294967295)'],
    [65515, "is reserved by Azure (it is the ASN of Azure's own gateways)"],
    [65520, 'is reserved by Azure'],
    [64496, 'is reserved by IANA'],
  ])('site ASN %d is refused', (asn, problem) => {
    expect(findingsOf(seedWith(siteAsn(asn)))).toEqual([
      { severity: 'error', path: 'sites[0].bgp.asn', message: `site "OnPrem": BGP ASN ${asn} ${problem}; ${ASN_FIX}` },
    ]);
  });

  it.each([1, 64512, 65514, 65521, 4294967295])('site ASN %d is taken', (asn) => {
    expect(findingsOf(seedWith(siteAsn(asn)))).toEqual([]);
  });
});

describe('custom APIPA addresses', () => {
  it.each(['169.254.20.255', '169.254.23.0', '169.254.21', '10.1.0.1'])('%s is refused', (address) => {
    expect(findingsOf(seedWith(apipa(address)))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gateway.bgp.peeringAddresses[0].apipaAddresses[0]',
        message: `network "VNet1": gateway "VNet1GW": APIPA BGP address "${address}" is outside 169.254.21.0-169.254.22.255, the range Azure takes for custom BGP addresses; choose an address in it, e.g. 169.254.21.1`,
      },
    ]);
  });

  it.each(['169.254.21.0', '169.254.21.1', '169.254.22.255'])('%s is taken', (address) => {
    expect(findingsOf(seedWith(apipa(address)))).toEqual([]);
  });

  it('an ip configuration the gateway does not have is refused, by the path of the second address', () => {
    const input = seedWith(
      (t) =>
        (t.networks[0].gateway = {
          bgp: {
            asn: 65010,
            peeringAddresses: [
              { apipaAddresses: ['169.254.21.1'] },
              { ipConfigurationName: 'vnetGatewayConfig9', apipaAddresses: ['169.254.21.5', '169.254.1.1'] },
            ],
          },
        }),
    );
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gateway.bgp.peeringAddresses[1].ipConfigurationName',
        message:
          'network "VNet1": gateway "VNet1GW": BGP peering address names ip configuration "vnetGatewayConfig9", which the gateway does not have; use one of ipconfig1, ipconfig2',
      },
      {
        severity: 'error',
        path: 'networks[0].gateway.bgp.peeringAddresses[1].apipaAddresses[1]',
        message:
          'network "VNet1": gateway "VNet1GW": APIPA BGP address "169.254.1.1" is outside 169.254.21.0-169.254.22.255, the range Azure takes for custom BGP addresses; choose an address in it, e.g. 169.254.21.1',
      },
    ]);
  });
});

describe('BGP on connections', () => {
  const bgp = (asn: number) => ({ bgp: { asn } });

  it.each<[string, Change, string]>([
    [
      'enableBgp with neither gateway speaking BGP',
      (t) => (t.connections![0].enableBgp = true),
      'connection "VNet1-to-VNet4": enableBgp is true but the gateway of network "VNet1" and the gateway of network "VNet4" have no BGP settings; add bgp to both or set enableBgp to false',
    ],
    [
      'enableBgp with one gateway speaking BGP',
      (t) => {
        t.networks[0].gateway = bgp(65001);
        t.connections![0].enableBgp = true;
      },
      'connection "VNet1-to-VNet4": enableBgp is true but the gateway of network "VNet4" has no BGP settings; add bgp to it or set enableBgp to false',
    ],
    [
      'enableBgp to a site without BGP',
      (t) => {
        t.networks[0].gateway = bgp(65001);
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] }];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem', enableBgp: true });
      },
      'connection "VNet1-to-OnPrem": enableBgp is true but site "OnPrem" has no BGP settings; add bgp to it or set enableBgp to false',
    ],
  ])('%s is refused', (_, change, message) => {
    const path = message.includes('OnPrem') ? 'connections[1].enableBgp' : 'connections[0].enableBgp';
    expect(findingsOf(seedWith(change))).toEqual([{ severity: 'error', path, message }]);
  });

  it('both gateways on the same ASN is a warning', () => {
    const input = seedWith((t) => {
      t.networks[0].gateway = bgp(65001);
      t.networks[1].gateway = bgp(65001);
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'warning',
        path: 'connections[0].enableBgp',
        message:
          'connection "VNet1-to-VNet4": networks "VNet1" and "VNet4" both use BGP ASN 65001; BGP between VNets expects a different ASN on each side; give each gateway its own private ASN',
      },
    ]);
  });

  it('a site named like a network is not taken for it: no warning of one ASN on both sides', () => {
    const input = seedWith((t) => {
      t.networks[0].gateway = bgp(65001);
      t.networks[1].gateway = bgp(65001);
      t.sites = [
        {
          name: 'VNet4',
          gatewayAddress: '203.0.113.10',
          addressSpace: ['192.168.0.0/16'],
          bgp: { asn: 65010, peeringAddress: '192.168.0.1' },
        },
      ];
      t.connections = [{ from: 'VNet1', toSite: 'VNet4', enableBgp: true }];
    });
    expect(findingsOf(input)).toEqual([]);
  });

  it('a network connected to itself is reported once, not as two gateways on one ASN', () => {
    const input = seedWith((t) => {
      t.networks[0].gateway = bgp(65001);
      t.connections = [{ from: 'VNet1', to: 'VNet1', bidirectional: false, enableBgp: true }];
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'connections[0].to',
        message: 'connection "VNet1-to-VNet1": connects network "VNet1" to itself; name two different networks',
      },
    ]);
  });

  it.each<[string, Change]>([
    [
      'different ASNs',
      (t) => {
        t.networks[0].gateway = bgp(65001);
        t.networks[1].gateway = bgp(65004);
      },
    ],
    [
      'the same ASN with BGP off',
      (t) => {
        t.networks[0].gateway = bgp(65001);
        t.networks[1].gateway = bgp(65001);
        t.connections![0].enableBgp = false;
      },
    ],
  ])('two BGP gateways with %s have no findings', (_, change) => {
    expect(findingsOf(seedWith(change))).toEqual([]);
  });
});

describe('hub-and-spoke transit', () => {
  const hub =
    (spokes: number, bgp?: boolean): Change =>
    (t) => {
      t.networks = [1, 2, 3, 4].slice(0, spokes + 1).map((n) => network(n));
      t.connections = [];
      t.hubAndSpoke = { hub: 'VNet1', spokes: t.networks.slice(1).map((n) => n.name), bgp };
    };

  it('two spokes without BGP do not reach each other: a warning', () => {
    expect(findingsOf(seedWith(hub(2)))).toEqual([
      {
        severity: 'warning',
        path: 'hubAndSpoke.bgp',
        message:
          'hub-and-spoke around "VNet1": bgp is false, so spokes will not reach each other through the hub (transit needs BGP on every connection of the path); set bgp to true and give every gateway bgp settings, or connect spokes that must talk directly',
      },
    ]);
  });

  it('one spoke has nothing to reach: no findings', () => {
    expect(findingsOf(seedWith(hub(1)))).toEqual([]);
  });

  it('a mesh without BGP needs no transit: no findings', () => {
    const input = seedWith((t) => {
      t.networks = [1, 2, 3].map((n) => network(n));
      t.connections = [];
      t.mesh = ['VNet1', 'VNet2', 'VNet3'];
    });
    expect(findingsOf(input)).toEqual([]);
  });
});

describe('BGP with gateways that exist already, through the constructs', () => {
  const SUB = '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
  const existing = (stack: TerraformStack, name: string, bgp?: { asn: number }) =>
    VpnGateway.fromGatewayAttributes(stack, name, {
      gatewayId: `/subscriptions/${SUB}/resourceGroups/${name}RG/providers/Microsoft.Network/virtualNetworkGateways/${name}GW`,
      name: `${name}GW`,
      resourceGroupName: `${name}RG`,
      location: 'westus2',
      networkName: `${name}Net`,
      bgp,
    });

  it('enableBgp to an existing gateway without BGP is refused, and only for that gateway', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const other = existing(stack, 'Other');
    const hub = existing(stack, 'Hub', { asn: 65002 });
    const vnet1 = articleGateway(stack, 'VNet1', 1, { bgp: { asn: 65001 } });
    vnet1.connectTo(hub, { enableBgp: true });
    vnet1.connectTo(other, { enableBgp: true });
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'error',
        path: 'test/VNet1/Gateway/To-OtherNet',
        message:
          'connection "VNet1-to-OtherNet": enableBgp is true but existing gateway "OtherGW" has no BGP settings; add bgp to it or set enableBgp to false',
      },
    ]);
  });

  it("warns of an existing gateway on this gateway's ASN, and only of that one", () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const other = existing(stack, 'Other', { asn: 65001 });
    const hub = existing(stack, 'Hub', { asn: 65002 });
    const vnet1 = articleGateway(stack, 'VNet1', 1, { bgp: { asn: 65001 } });
    vnet1.connectTo(hub, { enableBgp: true });
    vnet1.connectTo(other, { enableBgp: true });
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'warning',
        path: 'test/VNet1/Gateway/To-OtherNet',
        message:
          'connection "VNet1-to-OtherNet": networks "VNet1" and "OtherNet" both use BGP ASN 65001; BGP between VNets expects a different ASN on each side; give each gateway its own private ASN',
      },
    ]);
  });
});

describe('custom APIPA addresses, through the constructs', () => {
  it('leaves APIPA addresses known only at apply time (Terraform variables) alone', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const list = new TerraformVariable(stack, 'apipaList', { type: 'list(string)' });
    const one = new TerraformVariable(stack, 'apipa', { type: 'string' });
    articleGateway(stack, 'VNet1', 1, {
      bgp: {
        asn: 65001,
        peeringAddresses: [{ apipaAddresses: Token.asList(list.value) }, { apipaAddresses: [one.stringValue] }],
      },
    });
    expect(checkTopology(collectTopology(stack))).toEqual([]);
  });
});

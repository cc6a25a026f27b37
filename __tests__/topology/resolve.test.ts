import { parseTopology } from '../../topology/load';
import type { TopologyFileInput } from '../../topology/schema';
import { loadTopology, resourcesOf, synthJson, TerraformJson } from '../support/synth';
import { network, seedWith } from '../support/topologies';

type Change = (t: TopologyFileInput) => void;
type Body = Record<string, unknown>;

/** Synthesizes the seed with one change, the way `npm run synth` does. */
const synth = (change: Change) => synthJson(loadTopology(seedWith(change)));

/** Resource bodies of a type by their Azure name. */
const named = (json: TerraformJson, type: string): Record<string, Body> =>
  Object.fromEntries(Object.values(resourcesOf(json, type)).map((body) => [body.name as string, body]));

const connections = (json: TerraformJson) => named(json, 'azurerm_virtual_network_gateway_connection');
const gateways = (json: TerraformJson) => named(json, 'azurerm_virtual_network_gateway');
const publicIps = (json: TerraformJson) => named(json, 'azurerm_public_ip');
/** enable_bgp of every connection, by name; absent reads as false, as it does to the provider. */
const bgpByConnection = (json: TerraformJson) =>
  Object.fromEntries(Object.entries(connections(json)).map(([name, body]) => [name, body.enable_bgp ?? false]));

const bgp = (asn: number) => ({ bgp: { asn } });
const threeNetworks = (t: TopologyFileInput) => {
  t.networks = [network(1, { gateway: bgp(65001) }), network(2, { gateway: bgp(65002) }), network(3)];
  t.connections = [];
};

/** The topology file's defaults, each seen in the Terraform it synthesizes. */
describe('enableBgp: true when both gateways have BGP settings', () => {
  it.each<[string, Change, Record<string, boolean>]>([
    [
      'a connection between two BGP gateways',
      (t) => {
        t.networks[0].gateway = bgp(65001);
        t.networks[1].gateway = bgp(65004);
      },
      { 'VNet1-to-VNet4': true, 'VNet4-to-VNet1': true },
    ],
    [
      'a connection where one gateway has no BGP settings',
      (t) => (t.networks[0].gateway = bgp(65001)),
      { 'VNet1-to-VNet4': false, 'VNet4-to-VNet1': false },
    ],
    [
      'a connection between two BGP gateways, enableBgp false',
      (t) => {
        t.networks[0].gateway = bgp(65001);
        t.networks[1].gateway = bgp(65004);
        t.connections![0].enableBgp = false;
      },
      { 'VNet1-to-VNet4': false, 'VNet4-to-VNet1': false },
    ],
    [
      'a mesh written as a list',
      (t) => {
        threeNetworks(t);
        t.mesh = ['VNet3', 'VNet2', 'VNet1'];
      },
      {
        'VNet1-to-VNet2': true,
        'VNet2-to-VNet1': true,
        'VNet1-to-VNet3': false,
        'VNet3-to-VNet1': false,
        'VNet2-to-VNet3': false,
        'VNet3-to-VNet2': false,
      },
    ],
    [
      'a mesh with enableBgp false',
      (t) => {
        threeNetworks(t);
        t.networks[2].gateway = bgp(65003);
        t.mesh = { networks: ['VNet1', 'VNet2', 'VNet3'], enableBgp: false };
      },
      {
        'VNet1-to-VNet2': false,
        'VNet2-to-VNet1': false,
        'VNet1-to-VNet3': false,
        'VNet3-to-VNet1': false,
        'VNet2-to-VNet3': false,
        'VNet3-to-VNet2': false,
      },
    ],
    [
      'a hub and spoke with bgp true',
      (t) => {
        threeNetworks(t);
        t.networks[2].gateway = bgp(65003);
        t.hubAndSpoke = { hub: 'VNet1', spokes: ['VNet2', 'VNet3'], bgp: true };
      },
      { 'VNet1-to-VNet2': true, 'VNet2-to-VNet1': true, 'VNet1-to-VNet3': true, 'VNet3-to-VNet1': true },
    ],
    [
      'a hub and spoke without bgp, between BGP gateways',
      (t) => {
        threeNetworks(t);
        t.networks[2].gateway = bgp(65003);
        t.hubAndSpoke = { hub: 'VNet1', spokes: ['VNet2'] };
      },
      { 'VNet1-to-VNet2': false, 'VNet2-to-VNet1': false },
    ],
    [
      'a site connection, both ends with BGP settings',
      (t) => {
        t.networks[0].gateway = bgp(65001);
        t.sites = [
          { name: 'OnPrem', gatewayAddress: '203.0.113.10', bgp: { asn: 65050, peeringAddress: '10.50.0.1' } },
        ];
        t.connections = [{ from: 'VNet1', toSite: 'OnPrem' }];
      },
      // The one default of every link, from the file as from the constructs: BGP when both ends have it.
      { 'VNet1-to-OnPrem': true },
    ],
  ])('%s', (_, change, expected) => {
    expect(bgpByConnection(synth(change))).toEqual(expected);
  });
});

describe('gateway defaults', () => {
  it('active-standby: one public IP, named <gateway>pip1, and one ip configuration', () => {
    const json = synth((t) => (t.networks[0].gateway = { activeActive: false }));
    expect(Object.keys(publicIps(json)).sort()).toEqual(['VNet1GWpip1', 'VNet4GWpip1', 'VNet4GWpip2']);
    expect(gateways(json).VNet1GW).toMatchObject({
      active_active: false,
      ip_configuration: [expect.objectContaining({ name: 'ipconfig1' })],
    });
    expect(gateways(json).VNet1GW.ip_configuration).toHaveLength(1);
  });

  it('active-active by default: <gateway>pip1 and pip2, zone-redundant for an AZ SKU, BGP peering on ipconfig1', () => {
    const json = synth(
      (t) =>
        (t.networks[0].gateway = { bgp: { asn: 65001, peeringAddresses: [{ apipaAddresses: ['169.254.21.1'] }] } }),
    );
    expect(gateways(json).VNet1GW).toMatchObject({
      sku: 'VpnGw2AZ',
      generation: 'Generation2',
      active_active: true,
      vpn_type: 'RouteBased',
      ip_configuration: [
        expect.objectContaining({ name: 'ipconfig1' }),
        expect.objectContaining({ name: 'ipconfig2' }),
      ],
      bgp_settings: {
        asn: 65001,
        peering_addresses: [{ ip_configuration_name: 'ipconfig1', apipa_addresses: ['169.254.21.1'] }],
      },
    });
    expect(publicIps(json).VNet1GWpip2.zones).toEqual(['1', '2', '3']);
  });

  it.each<[string, Change, unknown]>([
    ['zones given', (t) => (t.networks[0].gateway = { name: 'Edge', zones: ['2'] }), ['2']],
    [
      'a SKU without zones',
      (t) => (t.networks[0].gateway = { name: 'Edge', sku: 'Basic', generation: 'Generation1', activeActive: false }),
      [],
    ],
  ])('%s: the public IPs are in those zones', (_, change, zones) => {
    expect(publicIps(synth(change)).Edgepip1.zones ?? []).toEqual(zones);
  });
});

describe('connection defaults', () => {
  it('a generated key of 64 characters, and one connection a direction named <from>-to-<to>', () => {
    const json = synth(() => undefined);
    expect(Object.values(resourcesOf(json, 'random_password')).map((p) => p.length)).toEqual([64]);
    expect(Object.keys(connections(json)).sort()).toEqual(['VNet1-to-VNet4', 'VNet4-to-VNet1']);
  });

  it.each<[string, Change, string[]]>([
    ['one name given', (t) => (t.connections![0].names = ['Out']), ['Out', 'VNet4-to-VNet1']],
    ['not bidirectional', (t) => (t.connections![0].bidirectional = false), ['VNet1-to-VNet4']],
  ])('%s', (_, change, names) => {
    expect(Object.keys(connections(synth(change))).sort()).toEqual(names);
  });
});

/** The model the rules check and the stack builds, of the seed with one change. */
const model = (change: Change) => parseTopology(JSON.stringify(seedWith(change)), 'test').model;
const generatedKey = { kind: 'generate', length: 64 };
/** A two-way link of the model, as a mesh or a hub and spoke makes it. */
const link = (path: string, from: string, to: string) => ({
  path,
  kind: 'vnet',
  from,
  to,
  bidirectional: true,
  names: [`${from}-to-${to}`, `${to}-to-${from}`],
  protocol: 'IKEv2',
  sharedKey: generatedKey,
  enableBgp: false,
});

describe('the model of a file', () => {
  it('a site connection: one direction, named <network>-to-<site>, BGP only when the site has BGP settings too', () => {
    const { connections } = model((t) => {
      t.networks[0].gateway!.bgp = { asn: 65001 };
      t.sites = [
        { name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] },
        { name: 'Branch', gatewayAddress: '203.0.113.20', bgp: { asn: 65050, peeringAddress: '10.50.0.1' } },
      ];
      t.connections = [
        { from: 'VNet1', toSite: 'OnPrem' },
        { from: 'VNet1', toSite: 'Branch' },
      ];
    });
    const toSite = (i: number, site: string, enableBgp: boolean) => ({
      path: `connections[${i}]`,
      kind: 'site',
      from: 'VNet1',
      to: site,
      bidirectional: false,
      names: [`VNet1-to-${site}`],
      protocol: 'IKEv2',
      sharedKey: generatedKey,
      enableBgp,
    });
    expect(connections).toEqual([toSite(0, 'OnPrem', false), toSite(1, 'Branch', true)]);
  });

  it('a mesh written as a list: one group without BGP, and a two-way link a pair, in sorted order', () => {
    const { groups, connections } = model((t) => {
      threeNetworks(t);
      t.mesh = ['VNet3', 'VNet1', 'VNet2'];
    });
    expect(groups).toEqual([{ path: 'mesh', kind: 'mesh', networks: ['VNet3', 'VNet1', 'VNet2'], bgp: false }]);
    expect(connections).toEqual([
      { ...link('mesh', 'VNet1', 'VNet2'), enableBgp: true },
      link('mesh', 'VNet1', 'VNet3'),
      link('mesh', 'VNet2', 'VNet3'),
    ]);
  });

  it('a hub and spoke: one group without BGP, and a two-way link a spoke, at the spoke in the file', () => {
    const { groups, connections } = model((t) => {
      threeNetworks(t);
      t.hubAndSpoke = { hub: 'VNet1', spokes: ['VNet3', 'VNet2'] };
    });
    expect(groups).toEqual([
      { path: 'hubAndSpoke', kind: 'hubAndSpoke', hub: 'VNet1', networks: ['VNet1', 'VNet3', 'VNet2'], bgp: false },
    ]);
    expect(connections).toEqual([
      link('hubAndSpoke.spokes[0]', 'VNet1', 'VNet3'),
      link('hubAndSpoke.spokes[1]', 'VNet1', 'VNet2'),
    ]);
  });
});

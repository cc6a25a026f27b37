import { HubAndSpoke, Mesh } from '../../constructs';
import { collectTopology } from '../../constructs/topology-rules';
import { articleGateway, articleNetwork } from '../support/fixtures';
import { addresses, resourcesOf, synthScope } from '../support/synth';

const NAMES = ['VNet1', 'VNet4', 'VNet5', 'VNet6'];

describe('Mesh', () => {
  const build = (order: string[]) =>
    synthScope((scope) => {
      const gateways = Object.fromEntries(NAMES.map((name, i) => [name, articleGateway(scope, name, i + 1)]));
      new Mesh(scope, 'Mesh', { gateways: order.map((name) => gateways[name]) });
    });

  it('joins every pair both ways, each pair with a key of its own', () => {
    const json = build(NAMES);
    const connections = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'));
    expect(connections).toHaveLength(12);
    expect(Object.keys(resourcesOf(json, 'random_password'))).toHaveLength(6);
    expect(new Set(connections.map((c) => c.shared_key)).size).toBe(6);
    expect(connections.map((c) => c.name).sort()).toContain('VNet5-to-VNet1');
  });

  it('gives the same addresses whatever order the gateways are listed in', () => {
    expect(addresses(build([...NAMES].reverse())).sort()).toEqual(addresses(build(NAMES)).sort());
  });

  it('orders networks by name before construct path, whatever order they are listed in', () => {
    // East holds VNet2 and West VNet1: by name West comes first, by construct path East would.
    const build = (order: string[]) => {
      let keys: string[] = [];
      const json = synthScope((scope) => {
        const gateways = Object.fromEntries(
          [
            ['East', 'VNet2'],
            ['West', 'VNet1'],
          ].map(([id, name], i) => [id, articleNetwork(scope, id, i + 1, { name }).addVpnGateway()]),
        );
        keys = [...new Mesh(scope, 'Mesh', { gateways: order.map((id) => gateways[id]) }).connections.keys()];
      });
      return { json, keys };
    };
    const [listed, reversed] = [build(['East', 'West']), build(['West', 'East'])];
    expect([listed.keys, reversed.keys]).toEqual([['VNet1-VNet2'], ['VNet1-VNet2']]);
    expect(reversed.json).toEqual(listed.json);
  });

  it('tells the rules its networks as listed, with BGP only when every link runs it', () => {
    /** A mesh of VNet4, VNet1 and VNet5, the gateways named in `bgp` running BGP. */
    const groups = (bgp: string[]) => {
      let result: unknown;
      synthScope((scope) => {
        const gateways = ['VNet4', 'VNet1', 'VNet5'].map((name, i) =>
          articleGateway(scope, name, i + 1, bgp.includes(name) ? { bgp: { asn: 65011 + i } } : {}),
        );
        new Mesh(scope, 'Mesh', { gateways });
        result = collectTopology(scope).groups;
      });
      return result;
    };
    const group = (bgp: boolean) => [
      { path: 'test/Mesh', kind: 'mesh', networks: ['test/VNet4', 'test/VNet1', 'test/VNet5'], bgp },
    ];
    expect(groups(['VNet4', 'VNet1', 'VNet5'])).toEqual(group(true));
    // VNet1-VNet4 runs BGP, the links to VNet5 do not.
    expect(groups(['VNet4', 'VNet1'])).toEqual(group(false));
  });

  it('orders two networks of one name by construct path, whatever order they are listed in', () => {
    const build = (order: string[]) =>
      synthScope((scope) => {
        const gateways = Object.fromEntries(
          ['Prod', 'Dr'].map((id, i) => [
            id,
            articleNetwork(scope, id, i + 1, { name: 'VNet1', resourceGroupName: `${id}-rg` }).addVpnGateway(),
          ]),
        );
        new Mesh(scope, 'Mesh', { gateways: order.map((id) => gateways[id]) });
      });
    const json = build(['Prod', 'Dr']);
    expect(build(['Dr', 'Prod'])).toEqual(json);
    // test/Dr sorts before test/Prod: the link starts from Dr.
    const forward = Object.entries(resourcesOf(json, 'azurerm_virtual_network_gateway_connection')).find(([address]) =>
      /^Mesh_VNet1-VNet1_VNet1-to-VNet1_[0-9A-F]{8}$/.test(address),
    )![1];
    expect(forward.virtual_network_gateway_id).toMatch(
      /^\$\{azurerm_virtual_network_gateway\.Dr_Gateway_[0-9A-F]{8}\.id\}$/,
    );
  });
});

describe('HubAndSpoke', () => {
  /** A hub and spokes whose gateways all run BGP; `bgp` is the hub-and-spoke's own setting, left out when undefined. */
  const build = (spokes: string[], bgp: boolean | undefined) =>
    synthScope((scope) => {
      const hub = articleGateway(scope, 'Hub', 0, { bgp: { asn: 65010 } });
      new HubAndSpoke(scope, 'Star', {
        hub,
        spokes: spokes.map((name, i) => articleGateway(scope, name, i + 11, { bgp: { asn: 65011 + i } })),
        ...(bgp === undefined ? {} : { bgp }),
      });
      expect(collectTopology(scope).groups).toEqual([
        // Groups refer to networks by construct path: two topologies in one stack may each hold a "Hub".
        {
          path: 'test/Star',
          kind: 'hubAndSpoke',
          hub: 'test/Hub',
          networks: ['test/Hub', ...spokes.map((s) => `test/${s}`)],
          bgp: bgp === true,
        },
      ]);
    });

  it('joins each spoke to the hub both ways with BGP on', () => {
    const connections = Object.values(
      resourcesOf(build(['Spoke1', 'Spoke2', 'Spoke3'], true), 'azurerm_virtual_network_gateway_connection'),
    );
    expect(connections).toHaveLength(6);
    for (const c of connections) expect(c.enable_bgp).toBe(true);
  });

  it('leaves BGP off on every connection by default, even between gateways that run BGP', () => {
    const connections = Object.values(
      resourcesOf(build(['Spoke1', 'Spoke2'], undefined), 'azurerm_virtual_network_gateway_connection'),
    );
    expect(connections.map((c) => [c.name, c.enable_bgp])).toEqual([
      ['Hub-to-Spoke1', false],
      ['Spoke1-to-Hub', false],
      ['Hub-to-Spoke2', false],
      ['Spoke2-to-Hub', false],
    ]);
  });

  it('leaves every existing address unchanged when a spoke is added', () => {
    const before = addresses(build(['Spoke1', 'Spoke2'], true));
    const after = addresses(build(['Spoke1', 'Spoke2', 'Spoke3'], true));
    expect(after).toEqual(expect.arrayContaining(before));
  });
});

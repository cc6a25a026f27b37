import { TerraformStack, Testing, Token } from 'cdktf';
import type { VpnGatewaySku } from '../../azure/skus';
import { collectTopology } from '../../constructs';
import { checkTopology } from '../../rules';
import type { TopologyFileInput } from '../../topology/schema';
import { articleGateway } from '../support/fixtures';
import { findingsOf, network, seedWith } from '../support/topologies';

/** A hub with `spokes` spokes (and `sites` sites connected to it), every gateway of `sku`. */
const hub = (spokes: number, sku: string, sites = 0) =>
  seedWith((t) => {
    const hubGateway = { sku } as NonNullable<TopologyFileInput['networks'][number]['gateway']>;
    t.networks = [network(0, { gateway: hubGateway }), ...Array.from({ length: spokes }, (_, i) => network(i + 1))];
    t.connections = [];
    t.hubAndSpoke = { hub: 'VNet0', spokes: t.networks.slice(1).map((n) => n.name) };
    t.sites = Array.from({ length: sites }, (_, i) => ({
      name: `Site${i}`,
      gatewayAddress: `203.0.113.${i + 1}`,
      addressSpace: [`192.168.${i}.0/24`],
    }));
    t.sites.forEach((s) => t.connections!.push({ from: 'VNet0', toSite: s.name }));
  });

const tunnelErrors = (input: TopologyFileInput) =>
  findingsOf(input).filter((f) => f.path === 'networks[0].gateway.sku');

/** Rule 10 of tunnels.ts at both ends: tunnels a gateway holds, one per connected gateway or site. */
describe('tunnels per gateway, through the topology file', () => {
  it.each([
    [
      31,
      0,
      'VpnGw2AZ',
      'needs 31 tunnels (one per connected gateway or site) but SKU VpnGw2AZ holds 30; use VpnGw4AZ, which holds 100',
    ],
    [
      29,
      2,
      'VpnGw2AZ',
      'needs 31 tunnels (one per connected gateway or site) but SKU VpnGw2AZ holds 30; use VpnGw4AZ, which holds 100',
    ],
    [
      30,
      0,
      'Basic',
      'needs 30 tunnels (one per connected gateway or site) but SKU Basic holds 10; use VpnGw1AZ, which holds 30',
    ],
    [
      99,
      2,
      'VpnGw4AZ',
      'needs 101 tunnels (one per connected gateway or site) but SKU VpnGw4AZ holds 100; no SKU holds that many; split the topology (hub-and-spoke instead of a mesh)',
    ],
  ])('%d spokes and %d sites on %s are too many', (spokes, sites, sku, message) => {
    expect(tunnelErrors(hub(spokes, sku, sites))).toEqual([
      { severity: 'error', path: 'networks[0].gateway.sku', message: `network "VNet0": gateway "VNet0GW": ${message}` },
    ]);
  });

  it.each<[number, number, string]>([
    [30, 0, 'VpnGw2AZ'],
    [28, 2, 'VpnGw2AZ'],
    [10, 0, 'Basic'],
  ])('%d spokes and %d sites on %s fit', (spokes, sites, sku) => {
    expect(tunnelErrors(hub(spokes, sku, sites))).toEqual([]);
  });

  it('a bidirectional pair is one tunnel on each gateway, whichever side declared it', () => {
    const input = seedWith((t) => {
      t.networks = Array.from({ length: 31 }, (_, i) => network(i + 1));
      t.connections = t.networks.slice(1).map((n) => ({ from: n.name, to: 'VNet1' }));
      t.connections.push({ from: 'VNet1', to: 'VNet2', bidirectional: false, names: ['Again'] });
    });
    expect(findingsOf(input).filter((f) => f.message.includes('tunnels'))).toEqual([]);
  });

  /** VNet0 and `spokes` spokes, each spoke declaring its connection to VNet0, then `extra` connections. */
  const declaredBySpokes = (spokes: number, extra: NonNullable<TopologyFileInput['connections']> = []) =>
    seedWith((t) => {
      t.networks = [network(0), ...Array.from({ length: spokes }, (_, i) => network(i + 1))];
      t.connections = [...t.networks.slice(1).map((n) => ({ from: n.name, to: 'VNet0' })), ...extra];
    });

  it('counts the connections that end at a gateway as well as those it declares', () => {
    expect(tunnelErrors(declaredBySpokes(31))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gateway.sku',
        message:
          'network "VNet0": gateway "VNet0GW": needs 31 tunnels (one per connected gateway or site) but SKU VpnGw2AZ holds 30; use VpnGw4AZ, which holds 100',
      },
    ]);
  });

  it('counts no tunnel for a connection of a network to itself (refused on its own)', () => {
    expect(tunnelErrors(declaredBySpokes(30, [{ from: 'VNet0', to: 'VNet0', names: ['Self'] }]))).toEqual([]);
  });

  it('counts a site and a network of one name as two tunnels', () => {
    const input = seedWith((t) => {
      t.networks = [network(0), ...Array.from({ length: 30 }, (_, i) => network(i + 1))];
      t.connections = t.networks.slice(1).map((n) => ({ from: n.name, to: 'VNet0' }));
      t.sites = [{ name: 'VNet1', gatewayAddress: '203.0.113.1', addressSpace: ['192.168.0.0/24'] }];
      t.connections.push({ from: 'VNet0', toSite: 'VNet1' });
    });
    expect(tunnelErrors(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].gateway.sku',
        message:
          'network "VNet0": gateway "VNet0GW": needs 31 tunnels (one per connected gateway or site) but SKU VpnGw2AZ holds 30; use VpnGw4AZ, which holds 100',
      },
    ]);
  });
});

describe('tunnels per gateway, from code', () => {
  /** VNet1, its gateway of `sku`, connected to VNet2. */
  const linkedWith = (sku: string) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    articleGateway(stack, 'VNet1', 1, { sku: sku as VpnGatewaySku }).connectTo(articleGateway(stack, 'VNet2', 2));
    return checkTopology(collectTopology(stack)).filter((f) => f.message.includes('tunnels'));
  };

  it('says nothing of a SKU known only at apply time', () => {
    expect(linkedWith(Token.asString({ sku: 'VpnGw1' }))).toEqual([]);
  });

  it.each(['VpnGw9', 'constructor'])("leaves a SKU outside Azure's list (%s) to the SKU rule", (sku) => {
    expect(linkedWith(sku)).toEqual([]);
  });
});

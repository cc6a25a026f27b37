import type { TopologyFileInput } from '../../topology/schema';
import { seedWith, shapeErrors } from '../support/topologies';

type GatewayInput = NonNullable<TopologyFileInput['networks'][number]['gateway']>;
const withGateway = (gateway: Record<string, unknown>) =>
  shapeErrors(seedWith((t) => Object.assign(t.networks[0].gateway!, gateway as Partial<GatewayInput>)));

describe('a value outside a fixed list', () => {
  it('names the value and every value the field takes', () => {
    expect(withGateway({ vpnType: 'Policy' })).toEqual([
      'error: (topology): networks[0].gateway.vpnType: "Policy" is not a VPN type; use one of RouteBased, PolicyBased',
    ]);
  });

  it('quotes a value that is not a string as JSON, cut after 64 characters', () => {
    const list = (length: number) => ['x'.repeat(length - 4)]; // ["x…x"]: its JSON is `length` characters
    expect(withGateway({ vpnType: list(64) })).toEqual([
      `error: (topology): networks[0].gateway.vpnType: ["${'x'.repeat(60)}"] is not a VPN type; use one of RouteBased, PolicyBased`,
    ]);
    expect(withGateway({ vpnType: list(65) })).toEqual([
      `error: (topology): networks[0].gateway.vpnType: ["${'x'.repeat(61)}"… is not a VPN type; use one of RouteBased, PolicyBased`,
    ]);
  });
});

describe('a connection and a site name exactly one of two fields', () => {
  const connections = (...list: Record<string, unknown>[]) =>
    shapeErrors(seedWith((t) => (t.connections = list as unknown as TopologyFileInput['connections'])));
  const sites = (...list: Record<string, unknown>[]) =>
    shapeErrors(seedWith((t) => (t.sites = list as unknown as TopologyFileInput['sites'])));

  it('a connection with "to" or "toSite" alone has the right shape', () => {
    expect(connections({ from: 'VNet1', to: 'VNet4' })).toEqual([]);
    expect(
      shapeErrors(
        seedWith((t) => {
          t.sites = [{ name: 'Office', gatewayAddress: '203.0.113.1', addressSpace: ['192.168.0.0/16'] }];
          t.connections!.push({ from: 'VNet1', toSite: 'Office' });
        }),
      ),
    ).toEqual([]);
  });

  it('a connection with neither, or with both, is refused', () => {
    expect(connections({ from: 'VNet1' }, { from: 'VNet1', to: 'VNet4', toSite: 'Office' })).toEqual([
      'error: (topology): connections[0]: a connection names exactly one of "to" (a network) or "toSite" (a site)',
      'error: (topology): connections[1]: a connection names exactly one of "to" (a network) or "toSite" (a site)',
    ]);
  });

  it('a site with neither gateway field, or with both, is refused', () => {
    expect(
      sites(
        { name: 'Office', addressSpace: ['192.168.0.0/16'] },
        {
          name: 'Depot',
          gatewayAddress: '203.0.113.2',
          gatewayFqdn: 'vpn.example.com',
          addressSpace: ['192.169.0.0/16'],
        },
      ),
    ).toEqual([
      'error: (topology): sites[0]: a site names exactly one of "gatewayAddress" or "gatewayFqdn"',
      'error: (topology): sites[1]: a site names exactly one of "gatewayAddress" or "gatewayFqdn"',
    ]);
  });
});

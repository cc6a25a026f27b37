import { VpnGateway } from '../../constructs';
import { articleGateway, articleNetwork } from '../support/fixtures';
import { ref, resourcesOf, synthScope } from '../support/synth';

const only = (json: ReturnType<typeof synthScope>, type: string) => {
  const bodies = Object.values(resourcesOf(json, type));
  expect(bodies).toHaveLength(1);
  return bodies[0];
};

describe('VpnGateway', () => {
  it("defaults to the article's gateway: VpnGw2AZ, Generation2, active-active, two zoned Standard static IPs", () => {
    const json = synthScope((scope) => articleGateway(scope, 'VNet1', 1));
    expect(only(json, 'azurerm_virtual_network_gateway')).toMatchObject({
      name: 'VNet1GW',
      type: 'Vpn',
      vpn_type: 'RouteBased',
      sku: 'VpnGw2AZ',
      generation: 'Generation2',
      active_active: true,
      enable_bgp: false,
      timeouts: { create: '120m', update: '120m', delete: '90m' },
    });
    const ips = Object.values(resourcesOf(json, 'azurerm_public_ip'));
    expect(ips.map((ip) => [ip.name, ip.sku, ip.allocation_method, ip.zones])).toEqual([
      ['VNet1GWpip1', 'Standard', 'Static', ['1', '2', '3']],
      ['VNet1GWpip2', 'Standard', 'Static', ['1', '2', '3']],
    ]);
  });

  it('gives a single-instance gateway one public IP and one ip_configuration', () => {
    const json = synthScope((scope) => articleGateway(scope, 'VNet1', 1, { activeActive: false }));
    const gateway = only(json, 'azurerm_virtual_network_gateway');
    expect(gateway.active_active).toBe(false);
    expect(gateway.ip_configuration).toHaveLength(1);
    expect(Object.keys(resourcesOf(json, 'azurerm_public_ip'))).toHaveLength(1);
  });

  it('leaves zones off the public IPs of a non-AZ SKU', () => {
    const json = synthScope((scope) =>
      articleGateway(scope, 'VNet1', 1, { sku: 'Basic', generation: 'Generation1', activeActive: false }),
    );
    for (const ip of Object.values(resourcesOf(json, 'azurerm_public_ip'))) expect(ip.zones).toBeUndefined();
  });

  it('takes overridden names', () => {
    const json = synthScope((scope) => articleGateway(scope, 'VNet1', 1, { name: 'gw', publicIpNames: ['a', 'b'] }));
    expect(only(json, 'azurerm_virtual_network_gateway').name).toBe('gw');
    expect(Object.values(resourcesOf(json, 'azurerm_public_ip')).map((ip) => ip.name)).toEqual(['a', 'b']);
  });

  it('sets BGP with custom APIPA addresses per ip_configuration', () => {
    const json = synthScope((scope) =>
      articleGateway(scope, 'VNet1', 1, {
        bgp: {
          asn: 65010,
          peeringAddresses: [{ apipaAddresses: ['169.254.21.1'] }, { apipaAddresses: ['169.254.22.1'] }],
        },
      }),
    );
    expect(only(json, 'azurerm_virtual_network_gateway')).toMatchObject({
      enable_bgp: true,
      bgp_settings: {
        asn: 65010,
        peering_addresses: [
          { ip_configuration_name: 'ipconfig1', apipa_addresses: ['169.254.21.1'] },
          { ip_configuration_name: 'ipconfig2', apipa_addresses: ['169.254.22.1'] },
        ],
      },
    });
  });

  it('puts a CanNotDelete lock on the gateway when deleteProtection is lock, and none otherwise', () => {
    const locked = synthScope((scope) => articleGateway(scope, 'VNet1', 1, { deleteProtection: 'lock' }));
    const [gatewayAddress] = Object.keys(resourcesOf(locked, 'azurerm_virtual_network_gateway'));
    expect(only(locked, 'azurerm_management_lock')).toMatchObject({
      name: 'VNet1GW-cannot-delete',
      lock_level: 'CanNotDelete',
      scope: ref(`azurerm_virtual_network_gateway.${gatewayAddress}`, 'id'),
    });
    const open = synthScope((scope) => articleGateway(scope, 'VNet1', 1));
    expect(open.resource.azurerm_management_lock).toBeUndefined();
    expect(only(open, 'azurerm_virtual_network_gateway').lifecycle).toBeUndefined();
  });

  it('sets prevent_destroy when deleteProtection is preventDestroy', () => {
    const json = synthScope((scope) => articleGateway(scope, 'VNet1', 1, { deleteProtection: 'preventDestroy' }));
    expect(only(json, 'azurerm_virtual_network_gateway').lifecycle).toEqual({ prevent_destroy: true });
    expect(json.resource.azurerm_management_lock).toBeUndefined();
  });

  it('refuses a network without a GatewaySubnet, saying how to fix it', () => {
    expect(() =>
      synthScope((scope) => {
        const network = articleNetwork(scope, 'VNet1', 1, { gatewaySubnetPrefix: undefined });
        new VpnGateway(network, 'Gateway', { network });
      }),
    ).toThrow('network "VNet1": a VPN gateway needs a GatewaySubnet; set gatewaySubnetPrefix');
  });
});

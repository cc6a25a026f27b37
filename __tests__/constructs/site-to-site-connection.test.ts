import { LocalSite } from '../../constructs';
import { articleGateway } from '../support/fixtures';
import { addressOf, ref, resourcesOf, synthScope } from '../support/synth';

describe('LocalSite and SiteToSiteConnection', () => {
  it('creates a local network gateway and an IPsec connection to it with a generated key', () => {
    const json = synthScope((scope) => {
      const gateway = articleGateway(scope, 'VNet1', 1);
      const site = new LocalSite(scope, 'OnPrem1', {
        location: 'East US',
        resourceGroupName: 'VNet1-rg',
        gatewayAddress: '203.0.113.10',
        addressSpace: ['192.168.0.0/16'],
        bgp: { asn: 65050, peeringAddress: '192.168.255.1' },
      });
      gateway.connectToSite(site);
    });
    expect(Object.values(resourcesOf(json, 'azurerm_local_network_gateway'))).toEqual([
      expect.objectContaining({
        name: 'OnPrem1',
        location: 'eastus',
        gateway_address: '203.0.113.10',
        address_space: ['192.168.0.0/16'],
        bgp_settings: { asn: 65050, bgp_peering_address: '192.168.255.1' },
      }),
    ]);
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'))).toEqual([
      expect.objectContaining({
        name: 'VNet1-to-OnPrem1',
        type: 'IPsec',
        enable_bgp: false,
        local_network_gateway_id: ref(addressOf(json, 'azurerm_local_network_gateway', 'OnPrem1'), 'id'),
        virtual_network_gateway_id: ref(addressOf(json, 'azurerm_virtual_network_gateway', 'VNet1GW'), 'id'),
        shared_key: expect.stringMatching(/^\$\{random_password\..+\.result\}$/),
      }),
    ]);
  });

  it('takes its resource group as a reference, so that Terraform creates the group first', () => {
    const json = synthScope((scope) => {
      const gateway = articleGateway(scope, 'VNet1', 1);
      const site = new LocalSite(scope, 'OnPrem1', {
        location: 'eastus',
        resourceGroup: gateway.network.resourceGroup,
        gatewayAddress: '203.0.113.10',
        addressSpace: ['192.168.0.0/16'],
      });
      gateway.connectToSite(site);
    });
    const [site] = Object.values(resourcesOf(json, 'azurerm_local_network_gateway'));
    expect(site.resource_group_name).toBe(ref(addressOf(json, 'azurerm_resource_group', 'VNet1-rg'), 'name'));
  });

  it('describes a BGP-only site, with no prefixes of its own, to the rules with an empty address space', () => {
    synthScope((scope) => {
      const site = new LocalSite(scope, 'OnPrem1', {
        location: 'East US',
        resourceGroupName: 'VNet1-rg',
        gatewayFqdn: 'vpn.example.com',
        bgp: { asn: 65050, peeringAddress: '192.168.255.1' },
      });
      expect(site.toModel()).toEqual({
        path: 'test/OnPrem1',
        name: 'OnPrem1',
        gatewayAddress: undefined,
        gatewayFqdn: 'vpn.example.com',
        addressSpace: [],
        bgp: { asn: 65050, peeringAddress: '192.168.255.1' },
        resourceGroup: 'VNet1-rg',
        location: 'East US',
        tags: undefined,
      });
    });
  });

  it('refuses a site with neither resourceGroup nor resourceGroupName', () => {
    expect(() =>
      synthScope((scope) => new LocalSite(scope, 'OnPrem1', { location: 'eastus', gatewayAddress: '203.0.113.10' })),
    ).toThrow(
      'site "OnPrem1": no resource group; set resourceGroup to the group the stack creates (e.g. network.resourceGroup) or resourceGroupName to an existing one',
    );
  });
});

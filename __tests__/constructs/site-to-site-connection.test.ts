import { TerraformStack, Testing } from 'cdktf';
import { collectTopology, LocalSite, LocalSiteProps } from '../../constructs';
import { checkTopology } from '../../rules';
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

  it('turns BGP on for a link by default only when both the gateway and the site speak BGP', () => {
    let sites: LocalSite[] = [];
    const json = synthScope((scope) => {
      const gateway = articleGateway(scope, 'VNet1', 1, { bgp: { asn: 65010 } });
      sites = [
        new LocalSite(scope, 'Bgp', {
          location: 'eastus',
          resourceGroupName: 'VNet1-rg',
          gatewayAddress: '203.0.113.10',
          bgp: { asn: 65050, peeringAddress: '192.168.255.1' },
        }),
        new LocalSite(scope, 'Static', {
          location: 'eastus',
          resourceGroupName: 'VNet1-rg',
          gatewayAddress: '203.0.113.20',
          addressSpace: ['192.168.20.0/24'],
        }),
      ];
      sites.forEach((site) => gateway.connectToSite(site));
    });
    expect(sites.map((site) => site.bgpEnabled)).toEqual([true, false]);
    const links = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'));
    expect(links.map((c) => [c.name, c.enable_bgp])).toEqual([
      ['VNet1-to-Bgp', true],
      ['VNet1-to-Static', false],
    ]);
  });

  it('is one site to the rules when one device has a local network gateway in each of two groups, two otherwise', () => {
    const device: LocalSiteProps = {
      name: 'Hq',
      location: 'eastus',
      gatewayAddress: '203.0.113.10',
      addressSpace: ['192.168.1.0/24'],
      bgp: { asn: 65050, peeringAddress: '192.168.1.254' },
    };
    /** The paths of the sites the rules see, one local network gateway per group (rg0, rg1, …). */
    const sitesSeen = (...gateways: LocalSiteProps[]) => {
      const stack = new TerraformStack(Testing.app(), 'test');
      gateways.forEach((props, i) => new LocalSite(stack, `Lng${i}`, { ...props, resourceGroupName: `rg${i}` }));
      return collectTopology(stack).sites.map((site) => site.path);
    };
    expect(sitesSeen(device, device)).toEqual(['test/Lng0']);
    const fqdnDevice = { ...device, gatewayAddress: undefined, gatewayFqdn: 'a.example.com' };
    for (const other of [
      { ...device, name: 'Branch' },
      { ...device, gatewayAddress: '203.0.113.11' },
      { ...device, addressSpace: ['192.168.2.0/24'] },
      { ...device, bgp: { asn: 65051, peeringAddress: '192.168.1.254' } },
      { ...device, bgp: undefined },
    ]) {
      expect(sitesSeen(device, other)).toEqual(['test/Lng0', 'test/Lng1']);
    }
    expect(sitesSeen(fqdnDevice, { ...fqdnDevice, gatewayFqdn: 'b.example.com' })).toEqual(['test/Lng0', 'test/Lng1']);
  });

  it('refuses two devices under one site name, and takes one device in two groups', () => {
    const site = (stack: TerraformStack, id: string, group: string, gatewayAddress: string) =>
      new LocalSite(stack, id, {
        name: 'Hq',
        location: 'eastus',
        resourceGroupName: group,
        gatewayAddress,
        addressSpace: ['192.168.1.0/24'],
      });
    const oneDevice = new TerraformStack(Testing.app(), 'test');
    site(oneDevice, 'HqA', 'rg-a', '203.0.113.10');
    site(oneDevice, 'HqB', 'rg-b', '203.0.113.10');
    expect(checkTopology(collectTopology(oneDevice))).toEqual([]);
    const twoDevices = new TerraformStack(Testing.app(), 'test');
    site(twoDevices, 'HqA', 'rg-a', '203.0.113.10');
    site(twoDevices, 'HqB', 'rg-b', '203.0.113.11');
    expect(checkTopology(collectTopology(twoDevices))).toEqual([
      {
        severity: 'error',
        path: 'test/HqB',
        message: 'site "Hq" is declared twice (also test/HqA); give each site a name of its own',
      },
    ]);
  });

  it('describes its link to the rules: one direction, one name, from the network to the site', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const gateway = articleGateway(stack, 'VNet1', 1);
    const site = new LocalSite(stack, 'OnPrem1', {
      location: 'eastus',
      resourceGroupName: 'VNet1-rg',
      gatewayAddress: '203.0.113.10',
      addressSpace: ['192.168.0.0/16'],
    });
    const link = gateway.connectToSite(site, { name: 'Hq-link', dpdTimeoutSeconds: 45 });
    const model = {
      path: link.node.path,
      kind: 'site',
      from: gateway.network.node.path,
      to: 'OnPrem1',
      bidirectional: false,
      names: ['Hq-link'],
      protocol: 'IKEv2',
      sharedKey: { kind: 'generate', length: 64 },
      enableBgp: false,
      ipsecPolicy: undefined,
      dpdTimeoutSeconds: 45,
    };
    expect(link.toModel()).toEqual(model);
    expect(collectTopology(stack).connections).toEqual([model]);
  });

  it('refuses a site with neither resourceGroup nor resourceGroupName', () => {
    expect(() =>
      synthScope((scope) => new LocalSite(scope, 'OnPrem1', { location: 'eastus', gatewayAddress: '203.0.113.10' })),
    ).toThrow(
      'site "OnPrem1": no resource group; set resourceGroup to the group the stack creates (e.g. network.resourceGroup) or resourceGroupName to an existing one',
    );
  });
});

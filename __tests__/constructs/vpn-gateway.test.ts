import { Fn, TerraformStack, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { collectTopology, VpnGateway, VpnGatewayAttributes } from '../../constructs';
import { checkTopology } from '../../rules';
import { articleGateway, articleNetwork } from '../support/fixtures';
import { addressOf, ref, resourcesOf, synthScope } from '../support/synth';

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
      timeouts: { create: '120m', update: '120m', delete: '120m' },
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

  it('leaves zones off the public IPs of an AZ SKU in a region without availability zones', () => {
    const json = synthScope((scope) => {
      const network = articleNetwork(scope, 'VNet1', 1, { location: 'West US' });
      new VpnGateway(network, 'Gateway', { network });
    });
    const ips = Object.values(resourcesOf(json, 'azurerm_public_ip'));
    expect(ips).toHaveLength(2);
    for (const ip of ips) expect(ip.zones).toBeUndefined();
  });

  it('refuses zones given for a region without availability zones', () => {
    expect(() =>
      synthScope((scope) => {
        const network = articleNetwork(scope, 'VNet1', 1, { location: 'westus' });
        new VpnGateway(network, 'Gateway', { network, zones: ['1', '2', '3'] });
      }),
    ).toThrow('region westus has no availability zones, so Azure refuses zoned public IPs there');
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

  it('has the rules check the ip configuration a BGP peering address names, ipconfig<n> by its position when unset', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const gateway = articleGateway(stack, 'VNet1', 1, {
      bgp: {
        asn: 65010,
        peeringAddresses: [
          { apipaAddresses: ['169.254.21.1'] },
          { ipConfigurationName: 'ipconfig3', apipaAddresses: ['169.254.22.1'] },
        ],
      },
    });
    expect(gateway.toModel().gateway?.bgp?.peeringAddresses.map((p) => p.ipConfigurationName)).toEqual([
      'ipconfig1',
      'ipconfig3',
    ]);
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'error',
        path: 'test/VNet1/Gateway',
        message:
          'network "VNet1": gateway "VNet1GW": BGP peering address names ip configuration "ipconfig3", which the gateway does not have; use one of ipconfig1, ipconfig2',
      },
    ]);
  });

  it('puts a CanNotDelete lock on the gateway when deleteProtection is lock, and none otherwise', () => {
    const locked = synthScope((scope) => articleGateway(scope, 'VNet1', 1, { deleteProtection: 'lock' }));
    const [gatewayAddress] = Object.keys(resourcesOf(locked, 'azurerm_virtual_network_gateway'));
    expect(only(locked, 'azurerm_management_lock')).toMatchObject({
      name: 'VNet1GW-cannot-delete',
      lock_level: 'CanNotDelete',
      notes: 'A VPN gateway takes 45 minutes or more to rebuild. Remove deleteProtection to lift this lock.',
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
        articleNetwork(scope, 'VNet1', 1, { gatewaySubnetPrefix: undefined }).addVpnGateway();
      }),
    ).toThrow(
      'network "VNet1": a VPN gateway needs a GatewaySubnet; set gatewaySubnetPrefix (a /27, e.g. the top /27 of the address space) on the network',
    );
  });

  it('is added by network.addVpnGateway under the id Gateway, once per network', () => {
    synthScope((scope) => {
      const network = articleNetwork(scope, 'VNet1', 1);
      expect(network.addVpnGateway().node.path).toBe('test/VNet1/Gateway');
      expect(() => network.addVpnGateway()).toThrow(
        'network "VNet1" already has a VPN gateway; a virtual network holds one VPN gateway',
      );
    });
  });
});

describe('VpnGateway.fromGatewayAttributes: a gateway that exists already', () => {
  const HUB_ID =
    '/subscriptions/0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/resourceGroups/HubRG/providers/Microsoft.Network/virtualNetworkGateways/HubGW';
  const hub = (scope: Construct, bgp?: { asn: number }) =>
    VpnGateway.fromGatewayAttributes(scope, 'Hub', {
      gatewayId: HUB_ID,
      name: 'HubGW',
      resourceGroupName: 'HubRG',
      location: 'West US 2',
      subscriptionId: '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      networkName: 'HubNet',
      bgp,
    });

  it("creates this side's connection only, to the gateway's id, and nothing for the gateway", () => {
    const json = synthScope((scope) => articleGateway(scope, 'VNet1', 1).connectTo(hub(scope)));
    const connections = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'));
    expect(connections).toEqual([
      expect.objectContaining({
        name: 'VNet1-to-HubNet',
        type: 'Vnet2Vnet',
        peer_virtual_network_gateway_id: HUB_ID,
        resource_group_name: ref(addressOf(json, 'azurerm_resource_group', 'VNet1-rg'), 'name'),
      }),
    ]);
    expect(Object.keys(resourcesOf(json, 'azurerm_virtual_network_gateway'))).toHaveLength(1);
  });

  it('turns BGP on for a link by default when it has bgp, as a new gateway does, and off when it has none', () => {
    const enableBgp = (bgp?: { asn: number }) => {
      const json = synthScope((scope) => {
        const existing = hub(scope, bgp);
        expect(existing.bgpEnabled).toBe(bgp !== undefined);
        articleGateway(scope, 'VNet1', 1, { bgp: { asn: 65010 } }).connectTo(existing);
      });
      return only(json, 'azurerm_virtual_network_gateway_connection').enable_bgp;
    };
    expect(enableBgp({ asn: 65001 })).toBe(true);
    expect(enableBgp(undefined)).toBe(false);
  });

  it("refuses to create the other side's connection, which belongs to the gateway's owner", () => {
    expect(() =>
      synthScope((scope) => articleGateway(scope, 'VNet1', 1).connectTo(hub(scope), { bidirectional: true })),
    ).toThrow(
      'connection test/VNet1/Gateway/To-HubNet: gateway "HubGW" exists outside this stack, so its connection back belongs to its owner; leave bidirectional unset (or false) and ask its owner for the connection from their side',
    );
  });

  it.each([
    [
      'BGP on a link to a gateway without BGP',
      undefined,
      'error',
      'connection "VNet1-to-HubNet": enableBgp is true but existing gateway "HubGW" has no BGP settings; add bgp to it or set enableBgp to false',
    ],
    [
      'the same ASN on both ends',
      { asn: 65001 },
      'warning',
      'connection "VNet1-to-HubNet": networks "VNet1" and "HubNet" both use BGP ASN 65001; BGP between VNets expects a different ASN on each side; give each gateway its own private ASN',
    ],
  ])('is checked by the rules: %s', (_title, bgp, severity, message) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    articleGateway(stack, 'VNet1', 1, { bgp: { asn: 65001 } }).connectTo(hub(stack, bgp), { enableBgp: true });
    expect(checkTopology(collectTopology(stack))).toEqual([
      { severity, path: 'test/VNet1/Gateway/To-HubNet', message },
    ]);
  });

  it('has its region and subscription id checked by the rules', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const hubInTypo = VpnGateway.fromGatewayAttributes(stack, 'Hub', {
      gatewayId: HUB_ID.replace('0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', 'not-a-guid'),
      name: 'HubGW',
      resourceGroupName: 'HubRG',
      location: 'westus22',
      subscriptionId: 'not-a-guid',
    });
    articleGateway(stack, 'VNet1', 1).connectTo(hubInTypo);
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'warning',
        path: 'test/Hub',
        message:
          'existing gateway "HubGW": location "westus22" is not a known Azure public-cloud region; did you mean "westus2"?',
      },
      {
        severity: 'error',
        path: 'test/Hub',
        message: expect.stringContaining(
          'existing gateway "HubGW": subscriptionId "not-a-guid" is not a subscription id',
        ),
      },
    ]);
  });

  describe('its gatewayId', () => {
    const SUB = '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    const OTHER = '11111111-2222-3333-4444-555555555555';
    const findings = (attrs: Partial<VpnGatewayAttributes>) => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const existing = VpnGateway.fromGatewayAttributes(stack, 'Hub', {
        gatewayId: HUB_ID,
        name: 'HubGW',
        resourceGroupName: 'HubRG',
        location: 'westus2',
        ...attrs,
      });
      articleGateway(stack, 'VNet1', 1).connectTo(existing);
      return { existing, findings: checkTopology(collectTopology(stack)) };
    };

    it('gives the subscription when subscriptionId is left out', () => {
      const { existing, findings: found } = findings({});
      expect(existing.subscriptionId).toBe(SUB);
      expect(found).toEqual([]);
    });

    it('agrees with the attributes without case, as Azure compares them', () => {
      expect(
        findings({ subscriptionId: SUB.toUpperCase(), resourceGroupName: 'hubrg', name: 'HUBGW' }).findings,
      ).toEqual([]);
    });

    it('is not read when it is a token (known only after apply)', () => {
      const { existing, findings: found } = findings({ gatewayId: Token.asString(Fn.lower('x')) });
      expect(existing.subscriptionId).toBeUndefined();
      expect(found).toEqual([]);
    });

    it('keeps a subscriptionId that is given', () => {
      expect(findings({ subscriptionId: SUB }).existing.subscriptionId).toBe(SUB);
    });

    it.each([
      [
        'a subscription other than subscriptionId',
        { subscriptionId: OTHER },
        `existing gateway "HubGW": gatewayId names subscription "${SUB}" but subscriptionId is "${OTHER}"; make them the same, or leave subscriptionId out (it is read from gatewayId)`,
      ],
      [
        'a subscription that is not a GUID, without subscriptionId',
        { gatewayId: HUB_ID.replace(SUB, 'my-sub') },
        'existing gateway "HubGW": gatewayId names subscription "my-sub", which is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000); copy the id from `az network vnet-gateway show --query id`',
      ],
      [
        'another resource group',
        { resourceGroupName: 'SpokeRG' },
        'existing gateway "HubGW": gatewayId names resource group "HubRG" but resourceGroupName is "SpokeRG"; make them the same',
      ],
      [
        'another gateway name',
        { name: 'HubGW2' },
        'existing gateway "HubGW2": gatewayId names gateway "HubGW" but name is "HubGW2"; make them the same',
      ],
      [
        'a form the provider refuses (resourcegroups in lower case)',
        { gatewayId: HUB_ID.replace('resourceGroups', 'resourcegroups') },
        `existing gateway "HubGW": gatewayId "${HUB_ID.replace('resourceGroups', 'resourcegroups')}" is not a VPN gateway's resource id; write it as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworkGateways/<name> (segments in that case), as \`az network vnet-gateway show --query id\` prints it`,
      ],
      [
        'a path after the gateway name',
        { gatewayId: `${HUB_ID}/ipConfigurations/default` },
        `existing gateway "HubGW": gatewayId "${HUB_ID}/ipConfigurations/default" is not a VPN gateway's resource id; write it as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworkGateways/<name> (segments in that case), as \`az network vnet-gateway show --query id\` prints it`,
      ],
    ])('names %s: an error', (_title, attrs, message) => {
      expect(findings(attrs).findings).toEqual([{ severity: 'error', path: 'test/Hub', message }]);
    });
  });

  it('does not share its name with a new gateway in its resource group', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const hubName = VpnGateway.fromGatewayAttributes(stack, 'Hub', {
      gatewayId: HUB_ID.replace('/HubRG/', '/vnet1-RG/').replace(/HubGW$/, 'VNet1GW'),
      name: 'VNet1GW',
      resourceGroupName: 'vnet1-RG',
      location: 'eastus',
    });
    articleGateway(stack, 'VNet1', 1).connectTo(hubName);
    expect(checkTopology(collectTopology(stack))).toContainEqual({
      severity: 'error',
      path: 'test/VNet1/Gateway',
      message:
        'network "VNet1": gateway name "VNet1GW" is used also by existing gateway "VNet1GW" in resource group "VNet1-rg"; give each gateway a name of its own',
    });
  });

  it('takes an id for each link, so one gateway connects to two networks of one name (prod and test)', () => {
    const json = synthScope((scope) => {
      const gateway = articleGateway(scope, 'VNet1', 1);
      for (const env of ['Prod', 'Test']) {
        const scopeOfEnv = new Construct(scope, env);
        const other = articleNetwork(scopeOfEnv, 'VNet4', env === 'Prod' ? 41 : 42, {
          resourceGroupName: `VNet4-${env}-rg`,
        }).addVpnGateway();
        gateway.connectTo(other, { id: `To-${env}-VNet4`, names: [`VNet1-to-${env}`, `${env}-to-VNet1`] });
      }
    });
    expect(
      Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'))
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Prod-to-VNet1', 'Test-to-VNet1', 'VNet1-to-Prod', 'VNet1-to-Test']);
  });
});

import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VPN_GATEWAY_SKUS, VpnGatewayGeneration, VpnGatewaySku } from '../../azure/skus';
import { collectTopology, Network, VpnGateway } from '../../constructs';
import { checkTopology } from '../../rules';
import type { TopologyFileInput } from '../../topology/schema';
import { findingsOf, network, seedWith } from '../support/topologies';

type Row = [string, (t: TopologyFileInput) => void, 'error' | 'warning', string, string];

const gw = (t: TopologyFileInput, i = 0) => t.networks[i].gateway!;
const basic = { sku: 'Basic', generation: 'Generation1', activeActive: false } as const;

/** Rules of gateway-subnet.ts, gateway.ts, tunnels.ts and bgp.ts. */
describe('gateway rules, through the topology file', () => {
  it.each<Row>([
    [
      'gateway without gatewaySubnetPrefix',
      (t) => delete t.networks[0].gatewaySubnetPrefix,
      'error',
      'networks[0].gatewaySubnetPrefix',
      'network "VNet1": gateway "VNet1GW" needs a GatewaySubnet but the network has no gatewaySubnetPrefix; set gatewaySubnetPrefix to a /27 inside the address space, e.g. 10.1.255.224/27',
    ],
    [
      'a workload subnet named GatewaySubnet',
      (t) => t.networks[0].subnets!.push({ name: 'gatewaysubnet', addressPrefix: '10.1.1.0/27' }),
      'error',
      'networks[0].subnets[1].name',
      'network "VNet1": subnet "gatewaysubnet" in subnets is the gateway\'s subnet, which the network creates itself; remove it from subnets and set gatewaySubnetPrefix to 10.1.1.0/27',
    ],
    [
      'GatewaySubnet smaller than /29',
      (t) => (t.networks[0].gatewaySubnetPrefix = '10.1.255.0/30'),
      'error',
      'networks[0].gatewaySubnetPrefix',
      'network "VNet1": gatewaySubnetPrefix 10.1.255.0/30 is a /30, smaller than the /29 Azure requires for GatewaySubnet; use a /27 or larger',
    ],
    [
      'GatewaySubnet of /28',
      (t) => (t.networks[0].gatewaySubnetPrefix = '10.1.255.0/28'),
      'warning',
      'networks[0].gatewaySubnetPrefix',
      'network "VNet1": gatewaySubnetPrefix 10.1.255.0/28 is a /28, which Azure accepts but leaves no room for more gateway instances or features; use a /27 or larger',
    ],
    [
      'SKU in a generation it does not come in',
      (t) => (gw(t).sku = 'VpnGw1AZ'),
      'error',
      'networks[0].gateway.generation',
      'network "VNet1": gateway "VNet1GW": SKU VpnGw1AZ comes only in Generation1, not Generation2; set generation to Generation1',
    ],
    [
      'a non-AZ VpnGw SKU',
      (t) => Object.assign(gw(t), { sku: 'VpnGw2', zones: [] }),
      'error',
      'networks[0].gateway.sku',
      'network "VNet1": gateway "VNet1GW": SKU VpnGw2 is no longer created for new gateways (Azure creates only the AZ VpnGw SKUs since 1 November 2025); use VpnGw2AZ',
    ],
    [
      'an AZ SKU without zones',
      (t) => (gw(t).zones = []),
      'error',
      'networks[0].gateway.zones',
      'network "VNet1": gateway "VNet1GW": SKU VpnGw2AZ needs zoned public IPs but zones is empty; set zones to ["1","2","3"] or leave zones out',
    ],
    [
      'a non-AZ SKU with zones',
      (t) => Object.assign(gw(t), { sku: 'VpnGw3', zones: ['1'] }),
      'error',
      'networks[0].gateway.zones',
      'network "VNet1": gateway "VNet1GW": SKU VpnGw3 takes public IPs without zones, but zones is ["1"]; remove zones or use VpnGw3AZ',
    ],
    [
      'active-active with one public IP',
      (t) => (gw(t).publicIpNames = ['VNet1GWpip1']),
      'error',
      'networks[0].gateway.publicIpNames',
      'network "VNet1": gateway "VNet1GW": is active-active and needs exactly two public IPs, but publicIpNames has 1 (VNet1GWpip1); name two',
    ],
    [
      'not active-active with two public IPs',
      (t) => (gw(t).activeActive = false),
      'error',
      'networks[0].gateway.publicIpNames',
      'network "VNet1": gateway "VNet1GW": is not active-active and takes exactly one public IP, but publicIpNames has 2 (VNet1GWpip1, VNet1GWpip2); name one',
    ],
    [
      'active-active on Basic',
      (t) => Object.assign(gw(t), { sku: 'Basic', generation: 'Generation1' }),
      'error',
      'networks[0].gateway.activeActive',
      'network "VNet1": gateway "VNet1GW": SKU Basic does not support active-active; set activeActive to false or use VpnGw1AZ or larger',
    ],
    [
      'BGP on Basic',
      (t) =>
        Object.assign(gw(t), {
          sku: 'Basic',
          generation: 'Generation1',
          activeActive: false,
          publicIpNames: ['VNet1GWpip1'],
          bgp: { asn: 65010 },
        }),
      'error',
      'networks[0].gateway.bgp',
      'network "VNet1": gateway "VNet1GW": SKU Basic does not support BGP; remove bgp or use VpnGw1AZ or larger',
    ],
    [
      'a policy-based gateway on a VNet-to-VNet connection',
      (t) =>
        Object.assign(gw(t), {
          sku: 'Basic',
          generation: 'Generation1',
          activeActive: false,
          publicIpNames: ['VNet1GWpip1'],
          vpnType: 'PolicyBased',
        }),
      'error',
      'networks[0].gateway.vpnType',
      'network "VNet1": gateway "VNet1GW": vpnType PolicyBased cannot take a VNet-to-VNet connection (connection "VNet1-to-VNet4"); set vpnType to RouteBased',
    ],
    [
      'a policy-based gateway on a SKU other than Basic',
      (t) => (gw(t).vpnType = 'PolicyBased'),
      'error',
      'networks[0].gateway.vpnType',
      'network "VNet1": gateway "VNet1GW": vpnType PolicyBased exists only on the Basic SKU, not VpnGw2AZ; set vpnType to RouteBased',
    ],
    [
      'a 32-network mesh on VpnGw2AZ',
      (t) => {
        t.networks = Array.from({ length: 32 }, (_, i) => network(i + 1));
        t.connections = [];
        t.mesh = t.networks.map((n) => n.name);
      },
      'error',
      'networks[0].gateway.sku',
      'network "VNet1": gateway "VNet1GW": needs 31 tunnels (one per connected gateway or site) but SKU VpnGw2AZ holds 30; use VpnGw4AZ, which holds 100',
    ],
    [
      'a reserved ASN on a gateway',
      (t) => (gw(t).bgp = { asn: 65517 }),
      'error',
      'networks[0].gateway.bgp.asn',
      'network "VNet1": gateway "VNet1GW": BGP ASN 65517 is reserved by Azure; use a private ASN in 64512-65514 or 65521-65534',
    ],
    [
      'an IANA-reserved ASN on a site',
      (t) =>
        (t.sites = [
          { name: 'OnPrem', gatewayAddress: '203.0.113.10', bgp: { asn: 23456, peeringAddress: '10.99.0.1' } },
        ]),
      'error',
      'sites[0].bgp.asn',
      'site "OnPrem": BGP ASN 23456 is reserved by IANA; use a private ASN in 64512-65514 or 65521-65534',
    ],
    [
      "Azure's own ASN on a site",
      (t) =>
        (t.sites = [
          { name: 'OnPrem', gatewayAddress: '203.0.113.10', bgp: { asn: 65515, peeringAddress: '10.99.0.1' } },
        ]),
      'error',
      'sites[0].bgp.asn',
      'site "OnPrem": BGP ASN 65515 is reserved by Azure (it is the ASN of Azure\'s own gateways); use a private ASN in 64512-65514 or 65521-65534',
    ],
    [
      'an APIPA address outside the range',
      (t) => (gw(t).bgp = { asn: 65010, peeringAddresses: [{ apipaAddresses: ['169.254.20.1'] }] }),
      'error',
      'networks[0].gateway.bgp.peeringAddresses[0].apipaAddresses[0]',
      'network "VNet1": gateway "VNet1GW": APIPA BGP address "169.254.20.1" is outside 169.254.21.0-169.254.22.255, the range Azure takes for custom BGP addresses; choose an address in it, e.g. 169.254.21.1',
    ],
    [
      'a peering address naming an unknown ip configuration',
      (t) =>
        (gw(t).bgp = {
          asn: 65010,
          peeringAddresses: [{ ipConfigurationName: 'ipconfig3', apipaAddresses: ['169.254.21.1'] }],
        }),
      'error',
      'networks[0].gateway.bgp.peeringAddresses[0].ipConfigurationName',
      'network "VNet1": gateway "VNet1GW": BGP peering address names ip configuration "ipconfig3", which the gateway does not have; use one of ipconfig1, ipconfig2',
    ],
    [
      'BGP on a connection whose gateway lacks it',
      (t) => {
        gw(t).bgp = { asn: 65010 };
        t.connections![0].enableBgp = true;
      },
      'error',
      'connections[0].enableBgp',
      'connection "VNet1-to-VNet4": enableBgp is true but the gateway of network "VNet4" has no BGP settings; add bgp to it or set enableBgp to false',
    ],
    [
      'hub-and-spoke without BGP',
      (t) => {
        t.networks.push(network(5));
        t.connections = [];
        t.hubAndSpoke = { hub: 'VNet1', spokes: ['VNet4', 'VNet5'] };
      },
      'warning',
      'hubAndSpoke.bgp',
      'hub-and-spoke around "VNet1": bgp is false, so spokes will not reach each other through the hub (transit needs BGP on every connection of the path); set bgp to true and give every gateway bgp settings, or connect spokes that must talk directly',
    ],
  ])('%s', (_, mutate, severity, path, message) => {
    expect(findingsOf(seedWith(mutate))).toContainEqual({ severity, path, message });
  });

  it.each<[string, (t: TopologyFileInput) => void, { severity: string; path: string; message: string }[]]>([
    [
      'zones in a region without availability zones',
      (t) => {
        t.networks[0].location = 'northcentralus';
        gw(t).zones = ['1', '2', '3'];
      },
      [
        {
          severity: 'error',
          path: 'networks[0].gateway.zones',
          message:
            'network "VNet1": gateway "VNet1GW": region northcentralus has no availability zones, so Azure refuses zoned public IPs there, but zones is ["1","2","3"]; remove zones (VpnGw2AZ then deploys as a regional gateway) or choose a region with zones',
        },
      ],
    ],
    [
      'an AZ SKU without zones in a region without availability zones (a regional gateway)',
      (t) => (t.networks[0].location = 'northcentralus'),
      [],
    ],
    [
      'zones on Basic',
      (t) => (t.networks[0].gateway = { ...basic, zones: ['1'] }),
      [
        {
          severity: 'error',
          path: 'networks[0].gateway.zones',
          message:
            'network "VNet1": gateway "VNet1GW": SKU Basic takes public IPs without zones, but zones is ["1"]; remove zones',
        },
      ],
    ],
    [
      'a policy-based Basic gateway at the to end of a VNet-to-VNet connection',
      (t) => (t.networks[1].gateway = { ...basic, vpnType: 'PolicyBased' }),
      [
        {
          severity: 'error',
          path: 'networks[1].gateway.vpnType',
          message:
            'network "VNet4": gateway "VNet4GW": vpnType PolicyBased cannot take a VNet-to-VNet connection (connection "VNet1-to-VNet4"); set vpnType to RouteBased',
        },
      ],
    ],
    [
      'a policy-based Basic gateway with a site-to-site connection only, beside a VNet-to-VNet pair',
      (t) => {
        t.networks.push(network(5, { gateway: { ...basic, vpnType: 'PolicyBased' } }));
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] }];
        t.connections!.push({ from: 'VNet5', toSite: 'OnPrem' });
      },
      [],
    ],
  ])('%s', (_, change, expected) => {
    expect(findingsOf(seedWith(change))).toEqual(expected);
  });

  it('a 31-network mesh fits VpnGw2AZ', () => {
    const input = seedWith((t) => {
      t.networks = Array.from({ length: 31 }, (_, i) => network(i + 1));
      t.connections = [];
      t.mesh = t.networks.map((n) => n.name);
    });
    expect(findingsOf(input)).toEqual([]);
  });
});

describe('gateway rules, through the constructs', () => {
  const stackWith = (build: (stack: TerraformStack, network: Network) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const vnet = new Network(stack, 'VNet1', {
      location: 'eastus',
      addressSpace: ['10.1.0.0/16'],
      gatewaySubnetPrefix: '10.1.255.0/27',
    });
    build(stack, vnet);
    return stack;
  };

  it.each<[string, (stack: TerraformStack, network: Network) => void, string]>([
    [
      'SKU in a generation it does not come in',
      (stack, vnet) => new VpnGateway(stack, 'Gw', { network: vnet, sku: 'VpnGw1AZ' }),
      'test/Gw: network "VNet1": gateway "VNet1GW": SKU VpnGw1AZ comes only in Generation1, not Generation2; set generation to Generation1',
    ],
    [
      'an NSG on GatewaySubnet',
      (stack, vnet) => {
        new VpnGateway(stack, 'Gw', { network: vnet });
        new SubnetNetworkSecurityGroupAssociation(stack, 'Nsg', {
          subnetId: vnet.gatewaySubnet!.id,
          networkSecurityGroupId: '/subscriptions/x/nsg',
        });
      },
      'test/Nsg: network "VNet1": a network security group is associated with GatewaySubnet; Azure blocks gateways in a subnet with an NSG; remove the association',
    ],
  ])('%s refuses to synthesize', (_, build, message) => {
    expect(() => Testing.synth(stackWith(build), true)).toThrow(message);
  });

  const findingsWith = (
    options: (stack: TerraformStack) => Omit<ConstructorParameters<typeof VpnGateway>[2], 'network'>,
  ) =>
    checkTopology(
      collectTopology(stackWith((stack, vnet) => new VpnGateway(stack, 'Gw', { network: vnet, ...options(stack) }))),
    );
  const variable = (stack: TerraformStack, type: string) => new TerraformVariable(stack, 'value', { type });

  it.each<[string, (stack: TerraformStack) => Omit<ConstructorParameters<typeof VpnGateway>[2], 'network'>]>([
    ['a generation', (stack) => ({ generation: variable(stack, 'string').stringValue as VpnGatewayGeneration })],
    [
      'a SKU, with zones',
      (stack) => ({ sku: variable(stack, 'string').stringValue as VpnGatewaySku, zones: ['1', '2', '3'] }),
    ],
    [
      'the public IP names of an active-active gateway',
      (stack) => ({ publicIpNames: variable(stack, 'list(string)').listValue }),
    ],
  ])('leaves %s known only at plan time unchecked', (_, options) => {
    expect(findingsWith(options)).toEqual([]);
  });

  describe('a region known only at apply time', () => {
    const inRegion = (options: Omit<ConstructorParameters<typeof VpnGateway>[2], 'network'>) => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const vnet = new Network(stack, 'VNet1', {
        location: new TerraformVariable(stack, 'region', { type: 'string' }).stringValue,
        addressSpace: ['10.1.0.0/16'],
        gatewaySubnetPrefix: '10.1.255.0/27',
      });
      new VpnGateway(stack, 'Gw', { network: vnet, ...options });
      return checkTopology(collectTopology(stack));
    };

    it.each([
      ['the default zones of an AZ SKU', undefined, '["1","2","3"]'],
      ['one zone', ['2'], '["2"]'],
      ['no zones', [], '[]'],
    ])('warns that zones cannot be checked, with %s', (_, zones, written) => {
      expect(inRegion({ zones })).toEqual([
        {
          severity: 'warning',
          path: 'test/Gw',
          message: `network "VNet1": gateway "VNet1GW": the region is known only at apply time, so zones cannot be checked: SKU VpnGw2AZ needs zoned public IPs in a region with availability zones and takes none in a region without them (18 regions, westus and northcentralus among them), and zones is ${written}; make sure it matches the region, or give the region as text`,
        },
      ]);
    });

    it('says nothing of a SKU without zones, which deploys in any region', () => {
      expect(inRegion({ sku: 'Basic', generation: 'Generation1', activeActive: false })).toEqual([]);
    });
  });

  it.each(['VpnGw9', 'vpngw2az', 'constructor', 'toString', ''])(
    "refuses a SKU outside Azure's list (as JavaScript may pass): %j, once, and no other gateway rule reads it",
    (sku) => {
      expect(findingsWith(() => ({ sku: sku as VpnGatewaySku, zones: ['1'] }))).toEqual([
        {
          severity: 'error',
          path: 'test/Gw',
          message: `network "VNet1": gateway "VNet1GW": "${sku}" is not a VPN gateway SKU; use one of ${VPN_GATEWAY_SKUS.join(', ')}`,
        },
      ]);
    },
  );

  it.each(VPN_GATEWAY_SKUS)("takes SKU %s as one of Azure's", (sku) => {
    expect(findingsWith(() => ({ sku })).filter((f) => f.message.includes('is not a VPN gateway SKU'))).toEqual([]);
  });

  it('refuses a generation outside the two (as JavaScript may pass), naming both of the SKU', () => {
    expect(findingsWith(() => ({ generation: 'Gen2' as VpnGatewayGeneration }))).toEqual([
      {
        severity: 'error',
        path: 'test/Gw',
        message:
          'network "VNet1": gateway "VNet1GW": SKU VpnGw2AZ comes only in Generation1 and Generation2, not Gen2; set generation to Generation1 or Generation2',
      },
    ]);
  });
});

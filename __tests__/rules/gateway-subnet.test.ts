import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { TerraformStack, Testing } from 'cdktf';
import { collectTopology, Network } from '../../constructs';
import { checkTopology } from '../../rules';
import { findingsOf, seedWith } from '../support/topologies';

/** Rule 5 of gateway-subnet.ts at both ends: /29 is the smallest GatewaySubnet Azure takes, /27 the recommended. */
describe('GatewaySubnet size, through the topology file', () => {
  const withPrefix = (prefix: string) => seedWith((t) => (t.networks[0].gatewaySubnetPrefix = prefix));

  it.each([
    ['10.1.255.0/30', 'error', 'smaller than the /29 Azure requires for GatewaySubnet; use a /27 or larger'],
    ['10.1.255.0/32', 'error', 'smaller than the /29 Azure requires for GatewaySubnet; use a /27 or larger'],
    [
      '10.1.255.0/29',
      'warning',
      'which Azure accepts but leaves no room for more gateway instances or features; use a /27 or larger',
    ],
    [
      '10.1.255.0/28',
      'warning',
      'which Azure accepts but leaves no room for more gateway instances or features; use a /27 or larger',
    ],
  ])('%s: %s', (prefix, severity, why) => {
    const size = prefix.split('/')[1];
    expect(findingsOf(withPrefix(prefix))).toEqual([
      {
        severity,
        path: 'networks[0].gatewaySubnetPrefix',
        message: `network "VNet1": gatewaySubnetPrefix ${prefix} is a /${size}, ${why}`,
      },
    ]);
  });

  it.each(['10.1.255.0/27', '10.1.254.0/26', '10.1.252.0/24'])('%s has no findings', (prefix) => {
    expect(findingsOf(withPrefix(prefix))).toEqual([]);
  });

  it.each([
    ['10.1.0.0/16', 'e.g. 10.1.255.224/27'],
    ['10.1.0.0/27', 'e.g. 10.1.0.0/27'],
    ['10.1.0.0/28', ''],
  ])('without gatewaySubnetPrefix, address space %s: the suggestion is %j', (space, example) => {
    const input = seedWith((t) => {
      t.networks[0].addressSpace = [space];
      t.networks[0].subnets = [];
      delete t.networks[0].gatewaySubnetPrefix;
    });
    expect(findingsOf(input)).toContainEqual({
      severity: 'error',
      path: 'networks[0].gatewaySubnetPrefix',
      message: `network "VNet1": gateway "VNet1GW" needs a GatewaySubnet but the network has no gatewaySubnetPrefix; set gatewaySubnetPrefix to a /27 inside the address space${example ? `, ${example}` : ''}`,
    });
  });
});

/** Rule 6 of gateway-subnet.ts: what is attached to GatewaySubnet from outside the network construct. */
describe('GatewaySubnet attachments, through the constructs', () => {
  it('a route table with a 0.0.0.0/0 route on GatewaySubnet is refused, at the association', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const vnet = new Network(stack, 'VNet1', {
      location: 'eastus',
      addressSpace: ['10.1.0.0/16'],
      gatewaySubnetPrefix: '10.1.255.0/27',
    });
    vnet.addVpnGateway();
    const table = new RouteTable(stack, 'Routes', {
      name: 'ToFirewall',
      location: 'eastus',
      resourceGroupName: vnet.resourceGroupName,
      route: [
        {
          name: 'Default',
          addressPrefix: '0.0.0.0/0',
          nextHopType: 'VirtualAppliance',
          nextHopInIpAddress: '10.9.0.4',
        },
      ],
    });
    new SubnetRouteTableAssociation(stack, 'RoutesOnGatewaySubnet', {
      subnetId: vnet.gatewaySubnet!.id,
      routeTableId: table.id,
    });
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'error',
        path: 'test/RoutesOnGatewaySubnet',
        message:
          'network "VNet1": a route table with a 0.0.0.0/0 route is associated with GatewaySubnet; Azure blocks creating a gateway with that route; remove the 0.0.0.0/0 route or the association',
      },
    ]);
  });
});

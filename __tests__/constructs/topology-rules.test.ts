import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Route } from '@cdktf/provider-azurerm/lib/route';
import { RouteTable, RouteTableRoute } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { TerraformStack, Testing } from 'cdktf';
import { collectTopology, Network } from '../../constructs';
import { checkTopology } from '../../rules';

/**
 * What the stack's rules see attached to a network's GatewaySubnet from outside the network construct: network
 * security group associations, and route table associations whose table holds a 0.0.0.0/0 route, inline or as an
 * `azurerm_route` naming the table.
 */
describe('GatewaySubnet attachments from other constructs', () => {
  const nsgMessage = (network: string) =>
    `network "${network}": a network security group is associated with GatewaySubnet; Azure blocks gateways in a subnet with an NSG; remove the association`;
  const routeMessage = (network: string) =>
    `network "${network}": a route table with a 0.0.0.0/0 route is associated with GatewaySubnet; Azure blocks creating a gateway with that route; remove the 0.0.0.0/0 route or the association`;

  /** Two networks with gateways, VNet1 with a workload subnet FrontEnd. */
  const twoNetworks = () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const [vnet1, vnet2] = [1, 2].map((n) => {
      const vnet = new Network(stack, `VNet${n}`, {
        location: 'eastus',
        addressSpace: [`10.${n}.0.0/16`],
        subnets: n === 1 ? [{ name: 'FrontEnd', addressPrefix: '10.1.0.0/24' }] : [],
        gatewaySubnetPrefix: `10.${n}.255.0/27`,
      });
      vnet.addVpnGateway();
      return vnet;
    });
    return { stack, vnet1, vnet2 };
  };
  const table = (stack: TerraformStack, id: string, vnet: Network, route?: RouteTableRoute[]) =>
    new RouteTable(stack, id, { name: id, location: 'eastus', resourceGroupName: vnet.resourceGroupName, route });
  const hop = (name: string, addressPrefix: string): RouteTableRoute => ({
    name,
    addressPrefix,
    nextHopType: 'VirtualAppliance',
    nextHopInIpAddress: '10.9.0.4',
  });
  const findings = (stack: TerraformStack) => checkTopology(collectTopology(stack));

  it('an NSG on a GatewaySubnet is refused at the association, under the network it is on', () => {
    const { stack, vnet1, vnet2 } = twoNetworks();
    new SubnetNetworkSecurityGroupAssociation(stack, 'NsgOnFrontEnd', {
      subnetId: vnet1.subnets.FrontEnd.id,
      networkSecurityGroupId: '/subscriptions/x/nsg',
    });
    new SubnetNetworkSecurityGroupAssociation(stack, 'NsgOnVNet2', {
      subnetId: vnet2.gatewaySubnet!.id,
      networkSecurityGroupId: '/subscriptions/x/nsg',
    });
    new SubnetNetworkSecurityGroupAssociation(stack, 'NsgOnVNet1', {
      subnetId: vnet1.gatewaySubnet!.id,
      networkSecurityGroupId: '/subscriptions/x/nsg',
    });
    expect(findings(stack)).toEqual([
      { severity: 'error', path: 'test/NsgOnVNet1', message: nsgMessage('VNet1') },
      { severity: 'error', path: 'test/NsgOnVNet2', message: nsgMessage('VNet2') },
    ]);
    expect(collectTopology(stack).networks.map((n) => n.gatewaySubnetAttachments)).toEqual([
      { networkSecurityGroups: ['test/NsgOnVNet1'], defaultRoutes: [] },
      { networkSecurityGroups: ['test/NsgOnVNet2'], defaultRoutes: [] },
    ]);
  });

  it('an NSG and a route table on workload subnets are not findings', () => {
    const { stack, vnet1 } = twoNetworks();
    new SubnetNetworkSecurityGroupAssociation(stack, 'Nsg', {
      subnetId: vnet1.subnets.FrontEnd.id,
      networkSecurityGroupId: '/subscriptions/x/nsg',
    });
    new SubnetRouteTableAssociation(stack, 'Routes', {
      subnetId: vnet1.subnets.FrontEnd.id,
      routeTableId: table(stack, 'Table', vnet1, [hop('Default', '0.0.0.0/0')]).id,
    });
    expect(findings(stack)).toEqual([]);
    // Nothing on either GatewaySubnet: the networks carry no attachments at all.
    expect(collectTopology(stack).networks.map((n) => 'gatewaySubnetAttachments' in n)).toEqual([false, false]);
  });

  it('a route table with an inline 0.0.0.0/0 route among others is refused on GatewaySubnet; one without is not', () => {
    const { stack, vnet1, vnet2 } = twoNetworks();
    new SubnetRouteTableAssociation(stack, 'DefaultOnVNet2', {
      subnetId: vnet2.gatewaySubnet!.id,
      routeTableId: table(stack, 'WithDefault', vnet2, [hop('OnPrem', '10.9.0.0/16'), hop('Default', '0.0.0.0/0')]).id,
    });
    new SubnetRouteTableAssociation(stack, 'OtherOnVNet1', {
      subnetId: vnet1.gatewaySubnet!.id,
      routeTableId: table(stack, 'WithoutDefault', vnet1, [hop('OnPrem', '10.9.0.0/16')]).id,
    });
    expect(findings(stack)).toEqual([
      { severity: 'error', path: 'test/DefaultOnVNet2', message: routeMessage('VNet2') },
    ]);
  });

  it('a route table with no routes on GatewaySubnet is not a finding', () => {
    const { stack, vnet1 } = twoNetworks();
    new SubnetRouteTableAssociation(stack, 'Empty', {
      subnetId: vnet1.gatewaySubnet!.id,
      routeTableId: table(stack, 'NoRoutes', vnet1).id,
    });
    expect(findings(stack)).toEqual([]);
  });

  it('a 0.0.0.0/0 azurerm_route names its table by reference or by name; another prefix or table is not a finding', () => {
    const { stack, vnet1, vnet2 } = twoNetworks();
    const byReference = table(stack, 'ByReference', vnet1);
    const byName = table(stack, 'ByName', vnet2);
    const otherPrefix = table(stack, 'OtherPrefix', vnet1);
    const untouched = table(stack, 'Untouched', vnet1);
    const route = (id: string, routeTableName: string, addressPrefix: string) =>
      new Route(stack, id, {
        name: id,
        resourceGroupName: vnet1.resourceGroupName,
        routeTableName,
        addressPrefix,
        nextHopType: 'Internet',
      });
    route('DefaultByReference', byReference.name, '0.0.0.0/0');
    route('DefaultByName', 'ByName', '0.0.0.0/0');
    route('OnPrem', otherPrefix.name, '10.9.0.0/16');
    route('DefaultElsewhere', 'NoSuchTable', '0.0.0.0/0');
    const associate = (id: string, vnet: Network, routeTable: RouteTable) =>
      new SubnetRouteTableAssociation(stack, id, { subnetId: vnet.gatewaySubnet!.id, routeTableId: routeTable.id });
    associate('ByReferenceOnVNet1', vnet1, byReference);
    associate('ByNameOnVNet2', vnet2, byName);
    associate('OtherPrefixOnVNet1', vnet1, otherPrefix);
    associate('UntouchedOnVNet1', vnet1, untouched);
    expect(findings(stack)).toEqual([
      { severity: 'error', path: 'test/ByReferenceOnVNet1', message: routeMessage('VNet1') },
      { severity: 'error', path: 'test/ByNameOnVNet2', message: routeMessage('VNet2') },
    ]);
  });
});

describe('the stack checking itself when it synthesizes', () => {
  it('fails once on each error and warns once on each warning, on the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    // A /28 GatewaySubnet is a warning, a /30 an error.
    new Network(stack, 'VNet1', {
      location: 'eastus',
      addressSpace: ['10.1.0.0/16'],
      gatewaySubnetPrefix: '10.1.255.0/28',
    });
    new Network(stack, 'VNet2', {
      location: 'eastus',
      addressSpace: ['10.2.0.0/16'],
      gatewaySubnetPrefix: '10.2.255.0/30',
    });
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    // cdktf lists each failed validation as `[<construct path>] <error>`.
    expect(message.split('\n').filter((line) => line.startsWith('  ['))).toEqual([
      '  [test] error: test/VNet2: network "VNet2": gatewaySubnetPrefix 10.2.255.0/30 is a /30, smaller than the /29 Azure requires for GatewaySubnet; use a /27 or larger',
    ]);
    const annotations = stack.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata.filter((m) => m.type.startsWith('@cdktf/')).map((m) => [c.node.path, m.type, m.data]),
      );
    expect(annotations).toEqual([
      [
        'test',
        '@cdktf/warn',
        'warning: test/VNet1: network "VNet1": gatewaySubnetPrefix 10.1.255.0/28 is a /28, which Azure accepts but leaves no room for more gateway instances or features; use a /27 or larger',
      ],
    ]);
  });
});

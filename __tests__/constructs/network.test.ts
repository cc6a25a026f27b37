import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { collectTopology, Network, VpnGateway } from '../../constructs';
import { checkTopology } from '../../rules';
import { articleNetwork } from '../support/fixtures';
import { addresses, resourcesOf, synthScope } from '../support/synth';

describe('Network', () => {
  it('creates its resource group, virtual network, subnets and GatewaySubnet, in the canonical region', () => {
    const json = synthScope((scope) => articleNetwork(scope, 'VNet1', 1, { location: 'East US' }));
    expect(Object.values(resourcesOf(json, 'azurerm_resource_group'))).toEqual([
      expect.objectContaining({ name: 'VNet1-rg', location: 'eastus' }),
    ]);
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network'))).toEqual([
      expect.objectContaining({ name: 'VNet1', location: 'eastus', address_space: ['10.1.0.0/16'] }),
    ]);
    const subnets = Object.values(resourcesOf(json, 'azurerm_subnet')).map((s) => [s.name, s.address_prefixes]);
    expect(Object.fromEntries(subnets)).toEqual({ FrontEnd: ['10.1.0.0/24'], GatewaySubnet: ['10.1.255.0/27'] });
  });

  it('names the resource group it creates after the network when given no name', () => {
    const json = synthScope(
      (scope) => new Network(scope, 'VNet1', { location: 'eastus', addressSpace: ['10.1.0.0/16'] }),
    );
    expect(Object.values(resourcesOf(json, 'azurerm_resource_group'))).toEqual([
      expect.objectContaining({ name: 'VNet1-rg', location: 'eastus' }),
    ]);
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network'))[0].resource_group_name).toMatch(
      /^\$\{azurerm_resource_group\.VNet1_ResourceGroup_[0-9A-F]{8}\.name\}$/,
    );
  });

  it('uses an existing resource group by name when asked not to create one', () => {
    const json = synthScope((scope) =>
      articleNetwork(scope, 'VNet1', 1, { resourceGroupName: 'Shared', createResourceGroup: false }),
    );
    expect(json.resource.azurerm_resource_group).toBeUndefined();
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network'))[0].resource_group_name).toBe('Shared');
  });

  it('places the network in a resource group created elsewhere in the stack', () => {
    const json = synthScope((scope) => {
      const group = new ResourceGroup(scope, 'Group', { name: 'Shared', location: 'eastus' });
      articleNetwork(scope, 'VNet1', 1, { resourceGroup: group });
      articleNetwork(scope, 'VNet2', 2, { resourceGroup: group });
    });
    expect(Object.keys(resourcesOf(json, 'azurerm_resource_group'))).toEqual(['Group']);
    const groups = Object.values(resourcesOf(json, 'azurerm_virtual_network')).map((n) => n.resource_group_name);
    expect(groups).toEqual(['${azurerm_resource_group.Group.name}', '${azurerm_resource_group.Group.name}']);
  });

  it('takes networks of two regions in a resource group created elsewhere in the stack, at the location given it', () => {
    let stack: TerraformStack | undefined;
    const json = synthScope((scope) => {
      stack = scope as TerraformStack;
      const group = new ResourceGroup(scope, 'Group', { name: 'Shared', location: 'eastus' });
      articleNetwork(scope, 'VNet1', 1, { resourceGroup: group });
      articleNetwork(scope, 'VNet2', 2, { resourceGroup: group, location: 'westus' });
      // Two networks in an existing group, in two regions: the group is not this stack's to place either.
      articleNetwork(scope, 'VNet3', 3, { resourceGroupName: 'Existing', createResourceGroup: false });
      articleNetwork(scope, 'VNet4', 4, {
        resourceGroupName: 'Existing',
        createResourceGroup: false,
        location: 'westus',
      });
    });
    // Azure places resources of any region in a group: its location is only where the group's metadata lives.
    expect(checkTopology(collectTopology(stack!))).toEqual([]);
    expect(resourcesOf(json, 'azurerm_resource_group')).toEqual({
      Group: expect.objectContaining({ name: 'Shared', location: 'eastus' }),
    });
    const networks = Object.values(resourcesOf(json, 'azurerm_virtual_network'));
    expect(networks.map((n) => [n.name, n.location, n.resource_group_name])).toEqual([
      ['VNet1', 'eastus', '${azurerm_resource_group.Group.name}'],
      ['VNet2', 'westus', '${azurerm_resource_group.Group.name}'],
      ['VNet3', 'eastus', 'Existing'],
      ['VNet4', 'westus', 'Existing'],
    ]);
  });

  it('adds no location finding for a network that names such a group without creating it, in a third region', () => {
    const scope = new TerraformStack(Testing.app(), 'test');
    articleNetwork(scope, 'VNet3', 3, {
      resourceGroupName: 'Shared',
      createResourceGroup: false,
      location: 'centralus',
    });
    const group = new ResourceGroup(scope, 'Group', { name: 'Shared', location: 'eastus' });
    articleNetwork(scope, 'VNet1', 1, { resourceGroup: group });
    articleNetwork(scope, 'VNet2', 2, { resourceGroup: group, location: 'westus2' });
    // Only that it does not wait for the group, which the stack creates (rules/placement.ts).
    expect(checkTopology(collectTopology(scope))).toEqual([
      {
        severity: 'error',
        path: 'test/VNet3',
        message:
          'network "VNet3": resource group "Shared" is created by test/Group for network "VNet1", but createResourceGroup is false here, so nothing makes this network wait for the group and the first apply can fail; pass network "VNet1"\'s resourceGroup to this network, so that it refers to the group and Terraform creates the group first',
      },
    ]);
  });

  it('tells the rules which construct creates its resource group, with which aliased provider, and who chose where', () => {
    const scope = new TerraformStack(Testing.app(), 'test');
    const stackDefault = new AzurermProvider(scope, 'azurerm', { features: [{}] });
    const other = new AzurermProvider(scope, 'Other', { alias: 'other', features: [{}] });
    const group = new ResourceGroup(scope, 'Group', { name: 'Shared', location: 'eastus', provider: other });
    articleNetwork(scope, 'VNet1', 1);
    articleNetwork(scope, 'VNet2', 2, { resourceGroup: group });
    articleNetwork(scope, 'VNet3', 3, { provider: other });
    articleNetwork(scope, 'VNet4', 4, { provider: stackDefault });
    articleNetwork(scope, 'VNet5', 5, { createResourceGroup: false });
    expect(collectTopology(scope).networks.map((n) => [n.name, n.resourceGroupCreator])).toEqual([
      ['VNet1', { path: 'test/VNet1/ResourceGroup', provider: undefined }],
      ['VNet2', { path: 'test/Group', provider: 'test/Other' }],
      ['VNet3', { path: 'test/VNet3/ResourceGroup', provider: 'test/Other' }],
      // The stack's default provider, given as it is, is the one a group without a provider is created with.
      ['VNet4', { path: 'test/VNet4/ResourceGroup', provider: undefined }],
      ['VNet5', undefined],
    ]);
    // Only the group passed in has a location of its own; a network's own group is where the network is.
    expect(collectTopology(scope).networks.map((n) => [n.name, n.resourceGroupLocationChosen])).toEqual([
      ['VNet1', false],
      ['VNet2', true],
      ['VNet3', false],
      ['VNet4', false],
      ['VNet5', false],
    ]);
  });

  it('associates a network security group and a route table with a workload subnet', () => {
    const json = synthScope((scope) =>
      articleNetwork(scope, 'VNet1', 1, {
        subnets: [
          { name: 'FrontEnd', addressPrefix: '10.1.0.0/24', networkSecurityGroupId: 'nsg-id', routeTableId: 'rt-id' },
        ],
      }),
    );
    expect(Object.values(resourcesOf(json, 'azurerm_subnet_network_security_group_association'))).toEqual([
      expect.objectContaining({ network_security_group_id: 'nsg-id' }),
    ]);
    expect(Object.values(resourcesOf(json, 'azurerm_subnet_route_table_association'))).toEqual([
      expect.objectContaining({ route_table_id: 'rt-id' }),
    ]);
  });

  it('names an existing resource group after the network when asked not to create one and given no name', () => {
    const json = synthScope(
      (scope) =>
        new Network(scope, 'VNet1', { location: 'eastus', addressSpace: ['10.1.0.0/16'], createResourceGroup: false }),
    );
    expect(json.resource.azurerm_resource_group).toBeUndefined();
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network'))[0].resource_group_name).toBe('VNet1-rg');
  });

  it("gives an association another id when a subnet is named like the association's own", () => {
    const json = synthScope((scope) =>
      articleNetwork(scope, 'VNet1', 1, {
        subnets: [
          { name: 'A', addressPrefix: '10.1.0.0/24', networkSecurityGroupId: 'nsg-id', routeTableId: 'rt-id' },
          { name: 'A-Nsg', addressPrefix: '10.1.1.0/24' },
          { name: 'B', addressPrefix: '10.1.2.0/24', networkSecurityGroupId: 'nsg-id', routeTableId: 'rt-id' },
        ],
      }),
    );
    expect(
      addresses(json)
        .filter((a) => a.includes('_association.'))
        .map((a) => a.replace(/_[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([
      'azurerm_subnet_network_security_group_association.VNet1_Subnet-B-Nsg',
      // `Subnet:A:Nsg`: `Subnet-A-Nsg` is the subnet A-Nsg's id.
      'azurerm_subnet_network_security_group_association.VNet1_SubnetANsg',
      'azurerm_subnet_route_table_association.VNet1_Subnet-A-RouteTable',
      'azurerm_subnet_route_table_association.VNet1_Subnet-B-RouteTable',
    ]);
  });

  it('keys subnets by name, so adding one leaves the others where they are', () => {
    const before = synthScope((scope) => articleNetwork(scope, 'VNet1', 1));
    const after = synthScope((scope) =>
      articleNetwork(scope, 'VNet1', 1, {
        subnets: [
          { name: 'BackEnd', addressPrefix: '10.1.1.0/24' },
          { name: 'FrontEnd', addressPrefix: '10.1.0.0/24' },
        ],
      }),
    );
    expect(addresses(after)).toEqual(expect.arrayContaining(addresses(before)));
    expect(addresses(after)).toHaveLength(addresses(before).length + 1);
  });

  it('is described to the rules with its gateway, even when the gateway sits earlier in the tree', () => {
    synthScope((scope) => {
      const [gateways, networks] = [new Construct(scope, 'Gateways'), new Construct(scope, 'Networks')];
      const network = articleNetwork(networks, 'VNet1', 1);
      new VpnGateway(gateways, 'Gw', { network });
      expect(collectTopology(scope).networks.map((n) => [n.path, n.gateway?.name])).toEqual([
        ['test/Networks/VNet1', 'VNet1GW'],
      ]);
    });
  });

  it("is checked without a gateway too, a subnet finding under the subnet's construct path", () => {
    const scope = new TerraformStack(Testing.app(), 'test');
    new Network(scope, 'VNet1', {
      location: 'eastus',
      addressSpace: ['10.1.0.0/16'],
      subnets: [{ name: 'FrontEnd', addressPrefix: '10.2.0.0/24' }],
    });
    expect(checkTopology(collectTopology(scope))).toEqual([
      {
        severity: 'error',
        path: 'test/VNet1/Subnet-FrontEnd',
        message:
          'network "VNet1": subnet "FrontEnd" 10.2.0.0/24 is outside the address space 10.1.0.0/16; choose a prefix inside it',
      },
    ]);
  });

  it('has no GatewaySubnet without a prefix', () => {
    let network: Network | undefined;
    synthScope((scope) => {
      network = articleNetwork(scope, 'VNet1', 1, { gatewaySubnetPrefix: undefined });
    });
    expect(network?.gatewaySubnet).toBeUndefined();
  });
});

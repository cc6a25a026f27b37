// A cdktf app of another team's, as it would use the package: its own stack with its own azurerm and random
// providers, the article's two gateways built in code, connected both ways. scripts/consumer-test.mjs compiles it
// with the cdktf TypeScript template's tsconfig.json against the packed package, synthesizes it and compares the
// resources with the project's own synth of topologies/vnet1-vnet4.json.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Network } from 'vnet-to-vnet-cdktf';

const app = new App();
const stack = new TerraformStack(app, 'consumer');
new AzurermProvider(stack, 'team-azurerm', { features: [{}] });
new RandomProvider(stack, 'team-random');

const vnet1 = new Network(stack, 'VNet1', {
  location: 'eastus',
  resourceGroupName: 'TestRG1',
  addressSpace: ['10.1.0.0/16'],
  subnets: [{ name: 'FrontEnd', addressPrefix: '10.1.0.0/24' }],
  gatewaySubnetPrefix: '10.1.255.0/27',
});
const vnet4 = new Network(stack, 'VNet4', {
  location: 'West US 2',
  resourceGroupName: 'TestRG4',
  addressSpace: ['10.41.0.0/16'],
  subnets: [{ name: 'FrontEnd', addressPrefix: '10.41.0.0/24' }],
  gatewaySubnetPrefix: '10.41.255.0/27',
});
vnet1.addVpnGateway().connectTo(vnet4.addVpnGateway());
app.synth();

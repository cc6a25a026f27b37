// The README's example of the constructs used from code: `node scripts/run-ts.mjs examples/from-code.ts`.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { HubAndSpoke, LocalSite, Network } from 'vnet-to-vnet-cdktf';

const app = new App();
const stack = new TerraformStack(app, 'network');
new AzurermProvider(stack, 'azurerm', { features: [{}] });

const vnet = (name: string, second: number, location: string) =>
  new Network(stack, name, {
    location,
    resourceGroupName: `${name}-rg`,
    addressSpace: [`10.${second}.0.0/16`],
    subnets: [{ name: 'FrontEnd', addressPrefix: `10.${second}.0.0/24` }],
    gatewaySubnetPrefix: `10.${second}.255.0/27`,
  }).addVpnGateway({ bgp: { asn: 65000 + second } }); // VpnGw2AZ, Gen2, active-active

const vnet1 = vnet('VNet1', 1, 'eastus');
const vnet4 = vnet('VNet4', 41, 'westus2');
vnet1.connectTo(vnet4); // VNet1-to-VNet4 and VNet4-to-VNet1, one generated key

new HubAndSpoke(stack, 'Star', { hub: vnet1, spokes: [vnet('Spoke1', 11, 'eastus')], bgp: true });

const site = new LocalSite(stack, 'OnPrem1', {
  location: 'eastus',
  resourceGroup: vnet1.network.resourceGroup, // a reference: Terraform creates the group first
  gatewayAddress: '203.0.113.10',
  addressSpace: ['192.168.0.0/16'],
});
vnet1.connectToSite(site); // an IPsec connection
app.synth();

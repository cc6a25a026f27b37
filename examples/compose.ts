// The README's example of composition: `node scripts/run-ts.mjs examples/compose.ts`.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { loadTopologyFile, SharedKey, Topology, VpnGateway } from 'vnet-to-vnet-cdktf';

const app = new App();
const stack = new TerraformStack(app, 'platform');
new AzurermProvider(stack, 'azurerm', { features: [{}] });

// The same topology twice, in other resource groups: ids come from each scope ('Prod/VNet1', 'Test/VNet1'). The
// path is this repository's example, from the folder the app runs in: give your own file's.
const { model } = loadTopologyFile('topologies/vnet1-vnet4.json');
const inGroupsOf = (env: string) => ({
  ...model,
  networks: model.networks.map((n) => ({ ...n, resourceGroup: `${n.resourceGroup}-${env}` })),
});
const prod = new Topology(stack, 'Prod', { topology: inGroupsOf('prod') });
new Topology(stack, 'Test', { topology: inGroupsOf('test') });

// A gateway another team owns: this stack creates its side's connection, the owner creates theirs with the same key
// (here a sensitive variable both sides set; a Key Vault secret works too).
const hub = VpnGateway.fromGatewayAttributes(stack, 'SharedHub', {
  gatewayId:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/HubRG/providers/Microsoft.Network/virtualNetworkGateways/HubGW',
  name: 'HubGW',
  resourceGroupName: 'HubRG',
  location: 'eastus',
});
const sharedKey = new SharedKey(stack, 'HubKey', { source: { variable: 'hub_shared_key' } });
prod.gateways.get('VNet1')!.connectTo(hub, { sharedKey }); // VNet1-to-HubGW, in TestRG1-prod
app.synth();

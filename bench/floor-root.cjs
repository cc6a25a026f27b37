// The floor importing from the provider packages' roots, which load every resource module of the package (1,527 for
// azurerm). Same stack as floor-deep.cjs: the difference in time and memory is the cost of the import alone.
//   node bench/floor-root.cjs   (writes to CDKTF_OUTDIR, else a temp dir)
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, run by node as it is */
const azurerm = require('@cdktf/provider-azurerm');
const random = require('@cdktf/provider-random');
const { synthFloor } = require('./floor-stack.cjs');

synthFloor({
  AzurermProvider: azurerm.provider.AzurermProvider,
  ResourceGroup: azurerm.resourceGroup.ResourceGroup,
  VirtualNetwork: azurerm.virtualNetwork.VirtualNetwork,
  Subnet: azurerm.subnet.Subnet,
  PublicIp: azurerm.publicIp.PublicIp,
  VirtualNetworkGateway: azurerm.virtualNetworkGateway.VirtualNetworkGateway,
  VirtualNetworkGatewayConnection: azurerm.virtualNetworkGatewayConnection.VirtualNetworkGatewayConnection,
  RandomProvider: random.provider.RandomProvider,
  Password: random.password.Password,
});

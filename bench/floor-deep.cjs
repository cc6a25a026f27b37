// The floor with deep imports, as the project imports: only the modules of the resources it uses are loaded.
//   node bench/floor-deep.cjs   (writes to CDKTF_OUTDIR, else a temp dir)
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, run by node as it is */
const { synthFloor } = require('./floor-stack.cjs');

synthFloor({
  AzurermProvider: require('@cdktf/provider-azurerm/lib/provider').AzurermProvider,
  ResourceGroup: require('@cdktf/provider-azurerm/lib/resource-group').ResourceGroup,
  VirtualNetwork: require('@cdktf/provider-azurerm/lib/virtual-network').VirtualNetwork,
  Subnet: require('@cdktf/provider-azurerm/lib/subnet').Subnet,
  PublicIp: require('@cdktf/provider-azurerm/lib/public-ip').PublicIp,
  VirtualNetworkGateway: require('@cdktf/provider-azurerm/lib/virtual-network-gateway').VirtualNetworkGateway,
  VirtualNetworkGatewayConnection: require('@cdktf/provider-azurerm/lib/virtual-network-gateway-connection')
    .VirtualNetworkGatewayConnection,
  RandomProvider: require('@cdktf/provider-random/lib/provider').RandomProvider,
  Password: require('@cdktf/provider-random/lib/password').Password,
});

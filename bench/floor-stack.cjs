// The floor: the seed topology (topologies/vnet1-vnet4.json) written with the raw provider classes, no project
// constructs, no topology file, no rules. Its resources, providers, backend and outputs match what the app synthesizes
// for the seed (the bench checks the resource counts by type). floor-deep.cjs and floor-root.cjs differ only in how
// they import the provider classes.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, run by node as it is */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { App, LocalBackend, TerraformOutput, TerraformStack } = require('cdktf');

/**
 * Synthesizes the seed with the given classes into CDKTF_OUTDIR, else a fresh temp dir (never the repo's cdktf.out).
 * @param {Record<string, Function>} c AzurermProvider, ResourceGroup, VirtualNetwork, Subnet, PublicIp,
 *   VirtualNetworkGateway, VirtualNetworkGatewayConnection, RandomProvider, Password
 */
function synthFloor(c) {
  const outdir = process.env.CDKTF_OUTDIR || mkdtempSync(join(tmpdir(), 'vnet2vnet-floor-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'vnet1-vnet4');
  new LocalBackend(stack, { path: '../../../vnet1-vnet4.tfstate' });
  new c.AzurermProvider(stack, 'azurerm', { features: [{}] });
  new c.RandomProvider(stack, 'random');

  const gateways = {};
  for (const [name, group, location, octet] of [
    ['VNet1', 'TestRG1', 'eastus', 1],
    ['VNet4', 'TestRG4', 'westus2', 41],
  ]) {
    const rg = new c.ResourceGroup(stack, `ResourceGroup-${group}`, { name: group, location });
    const common = { location, resourceGroupName: rg.name };
    const vnet = new c.VirtualNetwork(stack, `${name}_VirtualNetwork`, {
      ...common,
      name,
      addressSpace: [`10.${octet}.0.0/16`],
    });
    const subnet = (id, subnetName, prefix) =>
      new c.Subnet(stack, `${name}_${id}`, {
        name: subnetName,
        resourceGroupName: rg.name,
        virtualNetworkName: vnet.name,
        addressPrefixes: [prefix],
      });
    subnet('Subnet-FrontEnd', 'FrontEnd', `10.${octet}.0.0/24`);
    const gatewaySubnet = subnet('GatewaySubnet', 'GatewaySubnet', `10.${octet}.255.0/27`);
    const ips = [1, 2].map(
      (i) =>
        new c.PublicIp(stack, `${name}_Gateway_PublicIp${i}`, {
          ...common,
          name: `${name}GWpip${i}`,
          sku: 'Standard',
          allocationMethod: 'Static',
          zones: ['1', '2', '3'],
        }),
    );
    const gateway = new c.VirtualNetworkGateway(stack, `${name}_Gateway`, {
      ...common,
      name: `${name}GW`,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku: 'VpnGw2AZ',
      generation: 'Generation2',
      activeActive: true,
      enableBgp: false,
      ipConfiguration: ips.map((ip, i) => ({
        name: `ipconfig${i + 1}`,
        publicIpAddressId: ip.id,
        privateIpAddressAllocation: 'Dynamic',
        subnetId: gatewaySubnet.id,
      })),
      timeouts: { create: '120m', update: '120m', delete: '90m' },
    });
    gateways[name] = { gateway, location, resourceGroupName: rg.name };
    new TerraformOutput(stack, `${name}-gateway-public-ips`, {
      description: `Public IP addresses of ${name}GW`,
      value: ips.map((ip) => ip.ipAddress),
    });
  }

  const key = new c.Password(stack, 'SharedKey-VNet1-VNet4_Generated', {
    length: 64,
    special: true,
    overrideSpecial: '!#%&()*+,.:;<=>?@[]^_{|}',
    minLower: 1,
    minUpper: 1,
    minNumeric: 1,
  });
  for (const [a, b] of [
    ['VNet1', 'VNet4'],
    ['VNet4', 'VNet1'],
  ]) {
    const connection = new c.VirtualNetworkGatewayConnection(stack, `Connection-VNet1-VNet4_${a}-to-${b}`, {
      name: `${a}-to-${b}`,
      location: gateways[a].location,
      resourceGroupName: gateways[a].resourceGroupName,
      type: 'Vnet2Vnet',
      virtualNetworkGatewayId: gateways[a].gateway.id,
      peerVirtualNetworkGatewayId: gateways[b].gateway.id,
      sharedKey: key.result,
      connectionProtocol: 'IKEv2',
      enableBgp: false,
      timeouts: { create: '60m', update: '60m', delete: '60m' },
    });
    new TerraformOutput(stack, `${a}-to-${b}-id`, {
      description: `Id of connection ${a}-to-${b}`,
      value: connection.id,
    });
  }
  app.synth();
}

module.exports = { synthFloor };

import { TerraformStack, Testing } from 'cdktf';
import { collectTopology, VpnGateway } from '../../constructs';
import { checkTopology } from '../../rules';
import { articleGateway } from '../support/fixtures';
import { findingsOf, network, seedWith } from '../support/topologies';

/** What the rules share: which of two things of one name they look at, and how a message names a peer. */
describe('the first of two things of one name is the one connections reach', () => {
  it('a network declared twice: connections reach the first (with its gateway); the second is reported as a duplicate', () => {
    const input = seedWith((t) => t.networks.push(network(5, { name: 'VNet1', gateway: undefined })));
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[2].name',
        message: 'network "VNet1" is declared twice (also networks[0]); give each network a name of its own',
      },
    ]);
  });

  it('a site declared twice: a BGP connection reaches the first (with BGP); the second is reported as a duplicate', () => {
    const input = seedWith((t) => {
      t.networks[0].gateway!.bgp = { asn: 65001 };
      t.sites = [
        { name: 'OnPrem', gatewayAddress: '203.0.113.10', bgp: { asn: 65010, peeringAddress: '192.168.0.1' } },
        { name: 'OnPrem', gatewayAddress: '203.0.113.11', addressSpace: ['192.168.1.0/24'] },
      ];
      t.connections!.push({ from: 'VNet1', toSite: 'OnPrem', enableBgp: true });
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'sites[1].name',
        message: 'site "OnPrem" is declared twice (also sites[0]); give each site a name of its own',
      },
    ]);
  });
});

describe('an existing gateway in a message', () => {
  it('is named by the network name given for it, of the gateway the connection ends at', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const existing = (n: number) =>
      VpnGateway.fromGatewayAttributes(stack, `Hub${n}`, {
        gatewayId: `/subscriptions/0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/resourceGroups/HubRG/providers/Microsoft.Network/virtualNetworkGateways/Hub${n}GW`,
        name: `Hub${n}GW`,
        resourceGroupName: 'HubRG',
        location: 'westus2',
        networkName: `HubNet${n}`,
        bgp: { asn: 65001 },
      });
    existing(1);
    articleGateway(stack, 'VNet1', 1, { bgp: { asn: 65001 } }).connectTo(existing(2), { enableBgp: true });
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'warning',
        path: 'test/VNet1/Gateway/To-HubNet2',
        message:
          'connection "VNet1-to-HubNet2": networks "VNet1" and "HubNet2" both use BGP ASN 65001; BGP between VNets expects a different ASN on each side; give each gateway its own private ASN',
      },
    ]);
  });
});

import { SharedKey, VnetToVnetConnection } from '../../constructs';
import { articleGateway, articleNetwork } from '../support/fixtures';
import { addresses, addressOf, ref, resourcesOf, synthScope } from '../support/synth';

const connections = (json: ReturnType<typeof synthScope>): Record<string, Record<string, unknown>> =>
  Object.fromEntries(
    Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection')).map((c) => [c.name, c]),
  );

describe('VnetToVnetConnection', () => {
  it('creates both directions by default, each from its own gateway, in its own group and region', () => {
    const json = synthScope((scope) => {
      const from = articleGateway(scope, 'VNet1', 1);
      const to = articleGateway(scope, 'VNet4', 41);
      new VnetToVnetConnection(scope, 'Link', { from, to });
    });
    const byName = connections(json);
    expect(Object.keys(byName).sort()).toEqual(['VNet1-to-VNet4', 'VNet4-to-VNet1']);
    expect(byName['VNet1-to-VNet4']).toMatchObject({
      type: 'Vnet2Vnet',
      connection_protocol: 'IKEv2',
      enable_bgp: false,
      virtual_network_gateway_id: ref(addressOf(json, 'azurerm_virtual_network_gateway', 'VNet1GW'), 'id'),
      peer_virtual_network_gateway_id: ref(addressOf(json, 'azurerm_virtual_network_gateway', 'VNet4GW'), 'id'),
      resource_group_name: ref(addressOf(json, 'azurerm_resource_group', 'VNet1-rg'), 'name'),
    });
    expect(byName['VNet4-to-VNet1']).toMatchObject({
      virtual_network_gateway_id: ref(addressOf(json, 'azurerm_virtual_network_gateway', 'VNet4GW'), 'id'),
      peer_virtual_network_gateway_id: ref(addressOf(json, 'azurerm_virtual_network_gateway', 'VNet1GW'), 'id'),
      resource_group_name: ref(addressOf(json, 'azurerm_resource_group', 'VNet4-rg'), 'name'),
    });
  });

  it('creates one direction when not bidirectional, with the names given', () => {
    const json = synthScope((scope) => {
      const from = articleGateway(scope, 'VNet1', 1);
      from.connectTo(articleGateway(scope, 'VNet4', 41), { bidirectional: false, names: ['east-west'] });
    });
    expect(Object.keys(connections(json))).toEqual(['east-west']);
  });

  it('turns BGP on when both gateways have it, and passes IPsec policy and DPD timeout to both sides', () => {
    const ipsecPolicy = {
      dhGroup: 'DHGroup14',
      ikeEncryption: 'AES256',
      ikeIntegrity: 'SHA256',
      ipsecEncryption: 'GCMAES256',
      ipsecIntegrity: 'GCMAES256',
      pfsGroup: 'PFS2048',
      saLifetime: 27000,
    };
    const json = synthScope((scope) => {
      const from = articleGateway(scope, 'VNet1', 1, { bgp: { asn: 65010 } });
      from.connectTo(articleGateway(scope, 'VNet4', 41, { bgp: { asn: 65040 } }), {
        ipsecPolicy,
        dpdTimeoutSeconds: 30,
      });
    });
    for (const connection of Object.values(connections(json))) {
      expect(connection).toMatchObject({
        enable_bgp: true,
        dpd_timeout_seconds: 30,
        ipsec_policy: { dh_group: 'DHGroup14', ike_encryption: 'AES256', sa_lifetime: 27000 },
      });
    }
  });

  it('uses a key it is given instead of generating one', () => {
    const json = synthScope((scope) => {
      const sharedKey = new SharedKey(scope, 'Key', { source: { variable: 'pair_key' } });
      articleGateway(scope, 'VNet1', 1).connectTo(articleGateway(scope, 'VNet4', 41), { sharedKey });
    });
    for (const connection of Object.values(connections(json))) expect(connection.shared_key).toBe('${var.pair_key}');
    expect(json.resource.random_password).toBeUndefined();
  });

  it('links two networks of one name in two resource groups, each connection in its own group', () => {
    const json = synthScope((scope) => {
      const from = articleNetwork(scope, 'Prod', 1, { name: 'VNet1', resourceGroupName: 'Prod-rg' }).addVpnGateway();
      const to = articleNetwork(scope, 'Dr', 2, { name: 'VNet1', resourceGroupName: 'Dr-rg' }).addVpnGateway();
      new VnetToVnetConnection(scope, 'Link', { from, to });
    });
    // Both gateways are VNet1GW and both connections VNet1-to-VNet1: resources are told apart by address.
    const at = (prefix: string) => addresses(json).find((a) => a.startsWith(prefix))!;
    const [prod, dr] = ['Prod', 'Dr'].map((network) => ({
      group: ref(at(`azurerm_resource_group.${network}_`), 'name'),
      gateway: ref(at(`azurerm_virtual_network_gateway.${network}_`), 'id'),
    }));
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'))).toEqual([
      expect.objectContaining({
        name: 'VNet1-to-VNet1',
        resource_group_name: prod.group,
        virtual_network_gateway_id: prod.gateway,
        peer_virtual_network_gateway_id: dr.gateway,
      }),
      expect.objectContaining({
        name: 'VNet1-to-VNet1',
        resource_group_name: dr.group,
        virtual_network_gateway_id: dr.gateway,
        peer_virtual_network_gateway_id: prod.gateway,
      }),
    ]);
    expect(addresses(json).filter((a) => a.startsWith('azurerm_virtual_network_gateway_connection.'))).toEqual([
      expect.stringMatching(/^azurerm_virtual_network_gateway_connection\.Link_VNet1-to-VNet1_[0-9A-F]{8}$/),
      expect.stringMatching(/^azurerm_virtual_network_gateway_connection\.Link_VNet1-to-VNet1reverse_[0-9A-F]{8}$/),
    ]);
  });

  it('describes itself to the rules', () => {
    synthScope((scope) => {
      const link = articleGateway(scope, 'VNet1', 1).connectTo(articleGateway(scope, 'VNet4', 41));
      expect(link.toModel()).toMatchObject({
        kind: 'vnet',
        // Networks by construct path, which no other network in the stack shares.
        from: 'test/VNet1',
        to: 'test/VNet4',
        bidirectional: true,
        names: ['VNet1-to-VNet4', 'VNet4-to-VNet1'],
        sharedKey: { kind: 'generate', length: 64 },
      });
    });
  });
});

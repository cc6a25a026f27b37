import {
  VirtualNetworkGatewayConnection,
  VirtualNetworkGatewayConnectionIpsecPolicy,
} from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import type { ConnectionProtocol } from '../azure/skus';
import type { ConnectionModel } from '../topology/model';
import type { SharedKey } from './shared-key';
import type { VpnGateway } from './vpn-gateway';

/** What every VPN connection takes, whatever its peer: options of VNet-to-VNet and site-to-site links alike. */
export interface ConnectionOptions {
  /** IKE version. @default 'IKEv2' */
  readonly protocol?: ConnectionProtocol;
  /** The link's pre-shared key. @default - a key generated for this link */
  readonly sharedKey?: SharedKey;
  /** Exchange routes over BGP. @default - true when both ends have BGP on */
  readonly enableBgp?: boolean;
  /** Custom IPsec/IKE policy (every field set). @default - Azure's default policy set */
  readonly ipsecPolicy?: VirtualNetworkGatewayConnectionIpsecPolicy;
  /** Dead peer detection timeout in seconds (9-3600). @default - Azure's default, 45 */
  readonly dpdTimeoutSeconds?: number;
  /** Tags on the connection resources. @default - the tags of the gateway each is created from */
  readonly tags?: Record<string, string>;
}

/** The peer of one connection resource: another gateway, or an on-premises site's local network gateway. */
export type ConnectionPeer =
  | { readonly type: 'Vnet2Vnet'; readonly peerVirtualNetworkGatewayId: string }
  | { readonly type: 'IPsec'; readonly localNetworkGatewayId: string };

/**
 * One `azurerm_virtual_network_gateway_connection`, created from `local`'s side: in its gateway's resource group,
 * region and subscription (provider).
 */
export function gatewayConnection(
  scope: Construct,
  id: string,
  name: string,
  local: VpnGateway,
  peer: ConnectionPeer,
  sharedKey: SharedKey,
  enableBgp: boolean,
  options: ConnectionOptions,
): VirtualNetworkGatewayConnection {
  return new VirtualNetworkGatewayConnection(scope, id, {
    provider: local.provider,
    name,
    location: local.location,
    resourceGroupName: local.resourceGroupName,
    virtualNetworkGatewayId: local.gatewayId,
    ...peer,
    sharedKey: sharedKey.value,
    connectionProtocol: options.protocol ?? 'IKEv2',
    enableBgp,
    ipsecPolicy: options.ipsecPolicy,
    dpdTimeoutSeconds: options.dpdTimeoutSeconds,
    tags: options.tags ?? local.tags,
    timeouts: { create: '60m', update: '60m', delete: '60m' },
  });
}

/** The options as the rules see them. */
export function connectionOptionsModel(
  options: ConnectionOptions,
): Pick<ConnectionModel, 'protocol' | 'ipsecPolicy' | 'dpdTimeoutSeconds'> {
  const policy = options.ipsecPolicy;
  return {
    protocol: options.protocol ?? 'IKEv2',
    ipsecPolicy: policy && {
      dhGroup: policy.dhGroup,
      ikeEncryption: policy.ikeEncryption,
      ikeIntegrity: policy.ikeIntegrity,
      ipsecEncryption: policy.ipsecEncryption,
      ipsecIntegrity: policy.ipsecIntegrity,
      pfsGroup: policy.pfsGroup,
      saLifetime: policy.saLifetime,
      saDatasize: policy.saDatasize,
    },
    dpdTimeoutSeconds: options.dpdTimeoutSeconds,
  };
}

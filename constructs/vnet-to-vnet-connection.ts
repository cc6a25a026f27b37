import {
  VirtualNetworkGatewayConnection,
  VirtualNetworkGatewayConnectionIpsecPolicy,
} from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import type { ConnectionProtocol } from '../azure/skus';
import { ConnectionModel, defaultNames } from '../topology/model';
import { SharedKey } from './shared-key';
import { registerTopologyRules } from './topology-rules';
import { VpnGateway } from './vpn-gateway';

export interface ConnectionOptions {
  /** Also create the connection from the other gateway back to this one. @default true */
  readonly bidirectional?: boolean;
  /** Connection names: this side's, then the other side's. @default [`${from}-to-${to}`, `${to}-to-${from}`] */
  readonly names?: string[];
  /** IKE version. @default 'IKEv2' */
  readonly protocol?: ConnectionProtocol;
  /** The pair's pre-shared key. @default - a key generated for this pair */
  readonly sharedKey?: SharedKey;
  /** Exchange routes over BGP. @default - true when both gateways have BGP on */
  readonly enableBgp?: boolean;
  /** Custom IPsec/IKE policy, applied to both directions. @default - Azure's default policy set */
  readonly ipsecPolicy?: VirtualNetworkGatewayConnectionIpsecPolicy;
  /** Dead peer detection timeout in seconds (9-3600). @default - Azure's default, 45 */
  readonly dpdTimeoutSeconds?: number;
  /** Tags on the connection resources. @default - each side's network tags */
  readonly tags?: Record<string, string>;
}

export interface VnetToVnetConnectionProps extends ConnectionOptions {
  /** The gateway this connection starts from. */
  readonly from: VpnGateway;
  /** The peer gateway. */
  readonly to: VpnGateway;
}

/**
 * A VNet-to-VNet link between two gateways: a `Vnet2Vnet` connection created from `from`'s side, and by default its
 * twin from `to`'s side, each in its own gateway's resource group, region and subscription, both with one shared key.
 */
export class VnetToVnetConnection extends Construct {
  public readonly from: VpnGateway;
  public readonly to: VpnGateway;
  public readonly sharedKey: SharedKey;
  /** The connection created from `from`'s gateway. */
  public readonly forward: VirtualNetworkGatewayConnection;
  /** The connection created from `to`'s gateway, when bidirectional. */
  public readonly reverse?: VirtualNetworkGatewayConnection;
  private readonly spec: Omit<ConnectionModel, 'path' | 'sharedKey'>;

  constructor(scope: Construct, id: string, props: VnetToVnetConnectionProps) {
    super(scope, id);
    this.from = props.from;
    this.to = props.to;
    const a = props.from.network.name;
    const b = props.to.network.name;
    const bidirectional = props.bidirectional ?? true;
    const names = props.names ?? [defaultNames.connection(a, b), defaultNames.connection(b, a)];
    const enableBgp = props.enableBgp ?? (props.from.bgpEnabled && props.to.bgpEnabled);
    this.sharedKey = props.sharedKey ?? new SharedKey(this, 'SharedKey');

    const connect = (id: string, name: string, local: VpnGateway, peer: VpnGateway) =>
      new VirtualNetworkGatewayConnection(this, id, {
        provider: local.network.provider,
        name,
        location: local.network.location,
        resourceGroupName: local.network.resourceGroupName,
        type: 'Vnet2Vnet',
        virtualNetworkGatewayId: local.gateway.id,
        peerVirtualNetworkGatewayId: peer.gateway.id,
        sharedKey: this.sharedKey.value,
        connectionProtocol: props.protocol ?? 'IKEv2',
        enableBgp,
        ipsecPolicy: props.ipsecPolicy,
        dpdTimeoutSeconds: props.dpdTimeoutSeconds,
        tags: props.tags ?? local.network.tags,
        timeouts: { create: '60m', update: '60m', delete: '60m' },
      });

    // Ids come from the network names, not from the Azure names, so renaming a connection is the only thing that
    // replaces it.
    this.forward = connect(`${a}-to-${b}`, names[0], props.from, props.to);
    if (bidirectional) {
      this.reverse = connect(`${b}-to-${a}`, names[1] ?? defaultNames.connection(b, a), props.to, props.from);
    }

    this.spec = {
      kind: 'vnet',
      from: a,
      to: b,
      bidirectional,
      names: bidirectional ? [names[0], names[1] ?? defaultNames.connection(b, a)] : [names[0]],
      protocol: props.protocol ?? 'IKEv2',
      enableBgp,
      ipsecPolicy: props.ipsecPolicy && {
        dhGroup: props.ipsecPolicy.dhGroup,
        ikeEncryption: props.ipsecPolicy.ikeEncryption,
        ikeIntegrity: props.ipsecPolicy.ikeIntegrity,
        ipsecEncryption: props.ipsecPolicy.ipsecEncryption,
        ipsecIntegrity: props.ipsecPolicy.ipsecIntegrity,
        pfsGroup: props.ipsecPolicy.pfsGroup,
        saLifetime: props.ipsecPolicy.saLifetime,
        saDatasize: props.ipsecPolicy.saDatasize,
      },
      dpdTimeoutSeconds: props.dpdTimeoutSeconds,
    };
    registerTopologyRules(this, (draft) => draft.connections.push(this.toModel()));
  }

  /** What the rules check about this link. */
  public toModel(): ConnectionModel {
    return { path: this.node.path, ...this.spec, sharedKey: this.sharedKey.toModel() };
  }
}

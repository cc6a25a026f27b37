import type { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { ConnectionModel, defaultNames } from '../topology/model';
import { ConnectionOptions, connectionOptionsModel, gatewayConnection } from './gateway-connection';
import { SharedKey } from './shared-key';
import { registerTopologyRules } from './topology-rules';
import type { VpnGateway } from './vpn-gateway';

export interface VnetToVnetOptions extends ConnectionOptions {
  /** Also create the connection from the other gateway back to this one. @default true */
  readonly bidirectional?: boolean;
  /** Connection names: this side's, then the other side's. @default [`${from}-to-${to}`, `${to}-to-${from}`] */
  readonly names?: string[];
}

export interface VnetToVnetConnectionProps extends VnetToVnetOptions {
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
    keepTextLiteral(this);
    this.from = props.from;
    this.to = props.to;
    const a = props.from.network.name;
    const b = props.to.network.name;
    const bidirectional = props.bidirectional ?? true;
    const forwardName = props.names?.[0] ?? defaultNames.connection(a, b);
    const reverseName = props.names?.[1] ?? defaultNames.connection(b, a);
    const enableBgp = props.enableBgp ?? (props.from.bgpEnabled && props.to.bgpEnabled);
    this.sharedKey = props.sharedKey ?? new SharedKey(this, 'SharedKey');

    // Ids come from the network names, not from the Azure names: renaming a connection is what replaces it, nothing else.
    this.forward = gatewayConnection(
      this,
      `${a}-to-${b}`,
      forwardName,
      props.from,
      { type: 'Vnet2Vnet', peerVirtualNetworkGatewayId: props.to.gateway.id },
      this.sharedKey,
      enableBgp,
      props,
    );
    if (bidirectional) {
      this.reverse = gatewayConnection(
        this,
        `${b}-to-${a}`,
        reverseName,
        props.to,
        { type: 'Vnet2Vnet', peerVirtualNetworkGatewayId: props.from.gateway.id },
        this.sharedKey,
        enableBgp,
        props,
      );
    }

    this.spec = {
      kind: 'vnet',
      from: a,
      to: b,
      bidirectional,
      names: bidirectional ? [forwardName, reverseName] : [forwardName],
      enableBgp,
      ...connectionOptionsModel(props),
    };
    registerTopologyRules(this, (draft) => draft.connections.push(this.toModel()));
  }

  /** What the rules check about this link. */
  public toModel(): ConnectionModel {
    return { path: this.node.path, ...this.spec, sharedKey: this.sharedKey.toModel() };
  }
}

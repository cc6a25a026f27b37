import type { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { bgpByDefault, ConnectionModel, defaultNames } from '../topology/model';
import { ConnectionOptions, connectionOptionsModel, gatewayConnection } from './gateway-connection';
import { SharedKey } from './shared-key';
import { registerTopologyRules } from './topology-rules';
import { IVpnGateway, VpnGateway } from './vpn-gateway';

/** The options of a VNet-to-VNet link, as `gateway.connectTo(other, options)` takes them. */
export interface VnetToVnetOptions extends ConnectionOptions {
  /**
   * Also create the connection from the other gateway back to this one. Only for a gateway of this stack: the
   * connection from an existing gateway belongs to that gateway's owner.
   * @default - true when the other gateway is in this stack, false for an existing one
   */
  readonly bidirectional?: boolean;
  /** Connection names: this side's, then the other side's. @default [`${from}-to-${to}`, `${to}-to-${from}`] */
  readonly names?: string[];
}

/** A VNet-to-VNet link from a gateway of this stack to another gateway. */
export interface VnetToVnetConnectionProps extends VnetToVnetOptions {
  /** The gateway this connection starts from: a gateway of this stack. */
  readonly from: VpnGateway;
  /** The peer gateway: of this stack, or one that exists already (`VpnGateway.fromGatewayAttributes`). */
  readonly to: IVpnGateway;
}

/**
 * A VNet-to-VNet link between two gateways: a `Vnet2Vnet` connection created from `from`'s side, and by default its
 * twin from `to`'s side, each in its own gateway's resource group, region and subscription, both with one shared key.
 */
export class VnetToVnetConnection extends Construct {
  /** The gateway the link starts from. */
  public readonly from: VpnGateway;
  /** The peer gateway. */
  public readonly to: IVpnGateway;
  /** The pre-shared key both connections read. */
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
    const a = props.from.networkName;
    const b = props.to.networkName;
    const to = props.to;
    const owned = to instanceof VpnGateway;
    const bidirectional = props.bidirectional ?? owned;
    if (bidirectional && !owned) {
      throw new Error(
        `connection ${this.node.path}: gateway "${to.name}" exists outside this stack, so its connection back belongs ` +
          'to its owner; leave bidirectional unset (or false) and ask its owner for the connection from their side',
      );
    }
    const forwardName = props.names?.[0] ?? defaultNames.connection(a, b);
    const reverseName = props.names?.[1] ?? defaultNames.connection(b, a);
    const enableBgp = props.enableBgp ?? bgpByDefault(props.from.bgpEnabled, props.to.bgpEnabled);
    this.sharedKey = props.sharedKey ?? new SharedKey(this, 'SharedKey');

    // Ids come from the network names, not from the Azure names: renaming a connection is what replaces it, nothing else.
    this.forward = gatewayConnection(
      this,
      `${a}-to-${b}`,
      forwardName,
      props.from,
      { type: 'Vnet2Vnet', peerVirtualNetworkGatewayId: to.gatewayId },
      this.sharedKey,
      enableBgp,
      props,
    );
    if (bidirectional && owned) {
      this.reverse = gatewayConnection(
        this,
        // Two networks of one name (in two resource groups) would give both connections one id: the reverse's then
        // has a suffix, and every other link keeps its address.
        a === b ? `${b}-to-${a}:reverse` : `${b}-to-${a}`,
        reverseName,
        to,
        { type: 'Vnet2Vnet', peerVirtualNetworkGatewayId: props.from.gatewayId },
        this.sharedKey,
        enableBgp,
        props,
      );
    }

    this.spec = {
      kind: 'vnet',
      from: props.from.network.node.path,
      to: owned ? to.network.node.path : to.node.path,
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

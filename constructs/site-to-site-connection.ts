import type { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { ConnectionModel, defaultNames } from '../topology/model';
import { ConnectionOptions, connectionOptionsModel, gatewayConnection } from './gateway-connection';
import type { LocalSite } from './local-site';
import { SharedKey } from './shared-key';
import { registerTopologyRules } from './topology-rules';
import type { VpnGateway } from './vpn-gateway';

export interface SiteToSiteConnectionProps extends ConnectionOptions {
  /** The Azure side. */
  readonly from: VpnGateway;
  /** The on-premises side. */
  readonly site: LocalSite;
  /** Connection name. @default `${network}-to-${site}` */
  readonly name?: string;
}

/** A site-to-site (`IPsec`) connection from a VPN gateway to an on-premises site's local network gateway. */
export class SiteToSiteConnection extends Construct {
  public readonly sharedKey: SharedKey;
  public readonly connection: VirtualNetworkGatewayConnection;
  private readonly spec: Omit<ConnectionModel, 'path' | 'sharedKey'>;

  constructor(scope: Construct, id: string, props: SiteToSiteConnectionProps) {
    super(scope, id);
    keepTextLiteral(this);
    const network = props.from.network.name;
    const name = props.name ?? defaultNames.connection(network, props.site.name);
    const enableBgp = props.enableBgp ?? (props.from.bgpEnabled && props.site.bgpEnabled);
    this.sharedKey = props.sharedKey ?? new SharedKey(this, 'SharedKey');
    this.connection = gatewayConnection(
      this,
      `${network}-to-${props.site.name}`,
      name,
      props.from,
      { type: 'IPsec', localNetworkGatewayId: props.site.localNetworkGateway.id },
      this.sharedKey,
      enableBgp,
      props,
    );
    this.spec = {
      kind: 'site',
      from: network,
      to: props.site.name,
      bidirectional: false,
      names: [name],
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

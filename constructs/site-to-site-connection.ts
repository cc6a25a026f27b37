import type { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { bgpByDefault, ConnectionModel, defaultNames } from '../topology/model';
import { ConnectionOptions, connectionOptionsModel, gatewayConnection } from './gateway-connection';
import type { LocalSite } from './local-site';
import { SharedKey } from './shared-key';
import { registerTopologyRules } from './topology-rules';
import type { VpnGateway } from './vpn-gateway';

/** The options of a site-to-site link, as `gateway.connectToSite(site, options)` takes them. */
export interface SiteToSiteOptions extends ConnectionOptions {
  /** Connection name. @default `${network}-to-${site}` */
  readonly name?: string;
}

/** A site-to-site link from a gateway of this stack to an on-premises site. */
export interface SiteToSiteConnectionProps extends SiteToSiteOptions {
  /** The Azure side. */
  readonly from: VpnGateway;
  /** The on-premises side. */
  readonly site: LocalSite;
}

/** A site-to-site (`IPsec`) connection from a VPN gateway to an on-premises site's local network gateway. */
export class SiteToSiteConnection extends Construct {
  /** The pre-shared key of the link. */
  public readonly sharedKey: SharedKey;
  /** The `azurerm_virtual_network_gateway_connection` of type `IPsec`. */
  public readonly connection: VirtualNetworkGatewayConnection;
  private readonly spec: Omit<ConnectionModel, 'path' | 'sharedKey'>;

  constructor(scope: Construct, id: string, props: SiteToSiteConnectionProps) {
    super(scope, id);
    keepTextLiteral(this);
    const network = props.from.network.name;
    const name = props.name ?? defaultNames.connection(network, props.site.name);
    const enableBgp = props.enableBgp ?? bgpByDefault(props.from.bgpEnabled, props.site.bgpEnabled);
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
      from: props.from.network.node.path,
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

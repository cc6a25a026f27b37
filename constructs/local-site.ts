import { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
import type { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { canonicalLocation } from '../azure/regions';
import type { SiteModel } from '../topology/model';
import { registerTopologyRules } from './topology-rules';

/** An on-premises site: its VPN device's address, its prefixes, and where its local network gateway lives. */
export interface LocalSiteProps {
  /** Local network gateway name. @default - the construct id */
  readonly name?: string;
  /** Azure region of the local network gateway. */
  readonly location: string;
  /**
   * Resource group of the local network gateway, created in the stack (`network.resourceGroup`): Terraform then
   * creates the group first. Give this or `resourceGroupName`.
   * @default - see `resourceGroupName`
   */
  readonly resourceGroup?: ResourceGroup;
  /**
   * Name of a resource group that exists already, when `resourceGroup` is absent. A group the same stack creates
   * belongs in `resourceGroup`: a plain name gives Terraform no order, and the site may be created before its group.
   * @default - none: give `resourceGroup` or this
   */
  readonly resourceGroupName?: string;
  /** Public IPv4 address of the on-premises VPN device; give this or `gatewayFqdn`. @default - none */
  readonly gatewayAddress?: string;
  /** FQDN of the on-premises VPN device; give this or `gatewayAddress`. @default - none */
  readonly gatewayFqdn?: string;
  /** On-premises prefixes routed through the tunnel; may be empty with BGP. @default - none */
  readonly addressSpace?: string[];
  /** The device's BGP ASN and peering address. @default - no BGP */
  readonly bgp?: { readonly asn: number; readonly peeringAddress: string };
  /** azurerm provider. @default - the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** An on-premises site as Azure sees it: a local network gateway (the device's address and the site's prefixes). */
export class LocalSite extends Construct {
  /** Site name, as the topology calls it. */
  public readonly name: string;
  /** The `azurerm_local_network_gateway`. */
  public readonly localNetworkGateway: LocalNetworkGateway;
  /** Whether the device speaks BGP (`bgp` is set). */
  public readonly bgpEnabled: boolean;
  private readonly spec: Omit<SiteModel, 'path'>;

  constructor(scope: Construct, id: string, props: LocalSiteProps) {
    super(scope, id);
    keepTextLiteral(this);
    this.name = props.name ?? id;
    this.bgpEnabled = props.bgp !== undefined;
    const resourceGroupName = props.resourceGroup?.name ?? props.resourceGroupName;
    if (resourceGroupName === undefined) {
      throw new Error(
        `site "${this.name}": no resource group; set resourceGroup to the group the stack creates (e.g. network.resourceGroup) or resourceGroupName to an existing one`,
      );
    }
    this.localNetworkGateway = new LocalNetworkGateway(this, 'LocalNetworkGateway', {
      provider: props.provider,
      name: this.name,
      location: canonicalLocation(props.location),
      resourceGroupName,
      gatewayAddress: props.gatewayAddress,
      gatewayFqdn: props.gatewayFqdn,
      addressSpace: props.addressSpace,
      bgpSettings: props.bgp && { asn: props.bgp.asn, bgpPeeringAddress: props.bgp.peeringAddress },
      tags: props.tags,
    });
    this.spec = {
      name: this.name,
      gatewayAddress: props.gatewayAddress,
      gatewayFqdn: props.gatewayFqdn,
      addressSpace: props.addressSpace ?? [],
      bgp: props.bgp,
      resourceGroup: props.resourceGroup?.nameInput ?? props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    };
    // Local network gateways of one device in several groups (one beside each network that connects to it) are one
    // site to the rules; two different devices under one name are still a duplicate.
    registerTopologyRules(this, (draft) => {
      const model = this.toModel();
      if (!draft.sites.some((known) => sameDevice(known, model))) draft.sites.push(model);
    });
  }

  /** What the rules check about this site. */
  public toModel(): SiteModel {
    return { path: this.node.path, ...this.spec };
  }
}

function sameDevice(a: SiteModel, b: SiteModel): boolean {
  return (
    a.name === b.name &&
    a.gatewayAddress === b.gatewayAddress &&
    a.gatewayFqdn === b.gatewayFqdn &&
    JSON.stringify(a.addressSpace) === JSON.stringify(b.addressSpace) &&
    JSON.stringify(a.bgp) === JSON.stringify(b.bgp)
  );
}

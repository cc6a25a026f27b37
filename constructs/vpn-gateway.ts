import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { TerraformProvider, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { canonicalLocation } from '../azure/regions';
import { parseGatewayId } from '../azure/resource-id';
import { defaultZones, VpnGatewayGeneration, VpnGatewaySku } from '../azure/skus';
import { defaultNames, GatewayModel, NetworkModel } from '../topology/model';
import type { LocalSite } from './local-site';
import type { Network } from './network';
import { SiteToSiteConnection, SiteToSiteOptions } from './site-to-site-connection';
import { registerTopologyRules } from './topology-rules';
import { VnetToVnetConnection, VnetToVnetOptions } from './vnet-to-vnet-connection';

/**
 * What a connection needs of a VPN gateway: implemented by {@link VpnGateway} (a gateway of this stack) and by
 * {@link VpnGateway.fromGatewayAttributes} (a gateway that exists already).
 */
export interface IVpnGateway extends IConstruct {
  /** Azure resource id of the `azurerm_virtual_network_gateway` (a Terraform reference for a gateway of this stack). */
  readonly gatewayId: string;
  /** Gateway name. */
  readonly name: string;
  /** Resource group of the gateway. */
  readonly resourceGroupName: string;
  /** Canonical region of the gateway, e.g. `eastus`. */
  readonly location: string;
  /** Subscription of the gateway. @default - the provider's subscription */
  readonly subscriptionId?: string;
  /** Whether BGP is on for this gateway. */
  readonly bgpEnabled: boolean;
  /** How connection names and construct ids call this end: its network's name (`VNet1` in `VNet1-to-VNet4`). */
  readonly networkName: string;
}

/** Custom APIPA BGP addresses of one of the gateway's ip_configurations. */
export interface BgpPeeringAddress {
  /** The ip_configuration these addresses belong to. @default - the gateway's configurations in order */
  readonly ipConfigurationName?: string;
  /** Custom APIPA BGP addresses, in 169.254.21.0 - 169.254.22.255. */
  readonly apipaAddresses: string[];
}

/** A gateway's BGP settings. */
export interface GatewayBgpOptions {
  /** The gateway's autonomous system number; not one Azure or IANA reserves. */
  readonly asn: number;
  /** Custom APIPA addresses, one entry per ip_configuration. @default - Azure assigns the BGP addresses */
  readonly peeringAddresses?: BgpPeeringAddress[];
}

/** What a gateway takes besides its network: the props of {@link Network.addVpnGateway}. */
export interface VpnGatewayOptions {
  /** Gateway name. @default `${network.name}GW` */
  readonly name?: string;
  /** SKU. New gateways take AZ SKUs. @default 'VpnGw2AZ' */
  readonly sku?: VpnGatewaySku;
  /** Generation; must be one the SKU supports. @default 'Generation2' */
  readonly generation?: VpnGatewayGeneration;
  /** Two instances, two public IPs, two tunnels per connection. @default true */
  readonly activeActive?: boolean;
  /** Route-based is what VNet-to-VNet needs; policy-based exists for Basic legacy devices. @default 'RouteBased' */
  readonly vpnType?: 'RouteBased' | 'PolicyBased';
  /** Public IP names, one per ip_configuration. @default `${name}pip1`, `${name}pip2` (one when not active-active) */
  readonly publicIpNames?: string[];
  /**
   * Zones of the public IPs.
   * @default ['1','2','3'] for AZ SKUs in a region with availability zones; none otherwise
   */
  readonly zones?: string[];
  /** BGP settings; enables BGP on the gateway. @default - BGP off */
  readonly bgp?: GatewayBgpOptions;
  /**
   * Guard against deletion. `lock` adds an Azure `CanNotDelete` management lock on the gateway: Azure refuses deletes
   * from outside this stack (portal, CLI, a resource group delete), but this stack's own destroy or replacement of the
   * gateway deletes the lock first. `preventDestroy` sets Terraform's `prevent_destroy`: any plan of this stack that
   * would destroy or replace the gateway fails, while deletes outside Terraform are not stopped. See
   * docs/deploying.md.
   * @default - no protection
   */
  readonly deleteProtection?: DeleteProtection;
  /** Tags on the gateway and its public IPs. @default - the network's tags */
  readonly tags?: Record<string, string>;
}

/** A gateway's settings and its network: what `new VpnGateway(scope, id, props)` takes. */
export interface VpnGatewayProps extends VpnGatewayOptions {
  /** The network whose `GatewaySubnet` holds the gateway. */
  readonly network: Network;
}

/** `lock`: an Azure `CanNotDelete` management lock; `preventDestroy`: Terraform's `prevent_destroy`. */
export type DeleteProtection = 'lock' | 'preventDestroy';

/** A VPN gateway that exists already, made by another team or another stack: what {@link VpnGateway.fromGatewayAttributes} takes. */
export interface VpnGatewayAttributes {
  /**
   * Azure resource id of the gateway, `/subscriptions/…/providers/Microsoft.Network/virtualNetworkGateways/<name>`.
   * When it is a literal (not a token), the rules check that it is written that way and names the gateway's
   * `subscriptionId`, `resourceGroupName` and `name` (compared without case, as Azure does).
   */
  readonly gatewayId: string;
  /** Gateway name. */
  readonly name: string;
  /** Resource group of the gateway. */
  readonly resourceGroupName: string;
  /** Azure region of the gateway, canonical (`westus2`) or display (`West US 2`). */
  readonly location: string;
  /**
   * Subscription of the gateway. The rules check that it is the one `gatewayId` names.
   * @default - the subscription `gatewayId` names, when it is a literal id; else that of the gateway that connects to it
   */
  readonly subscriptionId?: string;
  /** The gateway's BGP settings, when BGP is on. @default - BGP off */
  readonly bgp?: { readonly asn: number };
  /** Name of the gateway's virtual network, for connection names (`VNet1-to-<networkName>`). @default - `name` */
  readonly networkName?: string;
}

/**
 * A route-based VPN gateway in a network's `GatewaySubnet`, with its Standard static public IPs: by default the
 * article's active-active, zone-redundant VpnGw2AZ Generation2 gateway.
 */
export class VpnGateway extends Construct implements IVpnGateway {
  /**
   * A gateway that exists already (made by another team or another stack), to connect this stack's gateways to:
   * `gateway.connectTo(existing)` creates this side's connection only. The other side's connection belongs to the
   * gateway's owner, who creates it with the same shared key; this stack never changes the existing gateway.
   * The rules check what they know about it: its region, its subscription id (given, or read from a literal
   * `gatewayId`), that a literal `gatewayId` names its subscription, resource group and name, and BGP on both ends.
   */
  public static fromGatewayAttributes(scope: Construct, id: string, attrs: VpnGatewayAttributes): IVpnGateway {
    return new ExistingVpnGateway(scope, id, attrs);
  }

  /** The network whose `GatewaySubnet` holds the gateway. */
  public readonly network: Network;
  /** Gateway name. */
  public readonly name: string;
  /** SKU. */
  public readonly sku: VpnGatewaySku;
  /** The gateway's Standard static public IPs, one per ip_configuration. */
  public readonly publicIps: readonly PublicIp[];
  /** The `azurerm_virtual_network_gateway`. */
  public readonly gateway: VirtualNetworkGateway;
  /** Azure resource id of the gateway (a Terraform reference). */
  public readonly gatewayId: string;
  /** Resource group of the gateway: its network's. */
  public readonly resourceGroupName: string;
  /** Canonical region of the gateway: its network's. */
  public readonly location: string;
  /** Subscription of the gateway: its network's. @default - the provider's subscription */
  public readonly subscriptionId?: string;
  /** The azurerm provider of the gateway and of its side's connections: its network's. @default - the stack's default */
  public readonly provider?: TerraformProvider;
  /** Tags on the gateway, its public IPs and its side's connections. @default - the network's tags */
  public readonly tags?: Record<string, string>;
  /** Its network's name. */
  public readonly networkName: string;
  /** The `CanNotDelete` lock, when `deleteProtection` is `lock`. */
  public readonly deleteLock?: ManagementLock;
  private readonly spec: Omit<GatewayModel, 'path'>;

  constructor(scope: Construct, id: string, props: VpnGatewayProps) {
    super(scope, id);
    keepTextLiteral(this);
    const network = props.network;
    if (!network.gatewaySubnet) {
      throw new Error(
        `network "${network.name}": a VPN gateway needs a GatewaySubnet; set gatewaySubnetPrefix (a /27, e.g. the ` +
          'top /27 of the address space) on the network',
      );
    }
    this.network = network;
    this.networkName = network.name;
    this.resourceGroupName = network.resourceGroupName;
    this.location = network.location;
    this.subscriptionId = network.subscriptionId;
    this.provider = network.provider;
    this.tags = props.tags ?? network.tags;
    this.name = props.name ?? defaultNames.gateway(network.name);
    this.sku = props.sku ?? 'VpnGw2AZ';
    const activeActive = props.activeActive ?? true;
    const publicIpNames = props.publicIpNames ?? defaultNames.publicIps(this.name, activeActive ? 2 : 1);
    const zones = props.zones ?? defaultZones(this.sku, network.location);
    const ipConfigurationNames = publicIpNames.map((_, i) => defaultNames.ipConfiguration(i));
    const common = {
      provider: network.provider,
      location: network.location,
      resourceGroupName: network.resourceGroupName,
      tags: props.tags ?? network.tags,
    };

    this.publicIps = publicIpNames.map(
      (name, i) =>
        new PublicIp(this, `PublicIp${i + 1}`, {
          ...common,
          name,
          sku: 'Standard',
          allocationMethod: 'Static',
          zones: zones.length > 0 ? zones : undefined,
        }),
    );

    const peeringAddresses = props.bgp?.peeringAddresses ?? [];
    this.gateway = new VirtualNetworkGateway(this, 'Gateway', {
      ...common,
      name: this.name,
      type: 'Vpn',
      vpnType: props.vpnType ?? 'RouteBased',
      sku: this.sku,
      generation: props.generation ?? 'Generation2',
      activeActive,
      enableBgp: props.bgp !== undefined,
      ipConfiguration: this.publicIps.map((ip, i) => ({
        name: ipConfigurationNames[i],
        publicIpAddressId: ip.id,
        privateIpAddressAllocation: 'Dynamic',
        subnetId: network.gatewaySubnet!.id,
      })),
      bgpSettings: props.bgp && {
        asn: props.bgp.asn,
        peeringAddresses:
          peeringAddresses.length > 0
            ? peeringAddresses.map((p, i) => ({
                ipConfigurationName: p.ipConfigurationName ?? ipConfigurationNames[i],
                apipaAddresses: p.apipaAddresses,
              }))
            : undefined,
      },
      // Creating a gateway takes 45 minutes or more, and so can an update; deletion is slow too. Never below the
      // provider's own defaults (azurerm 4.55.0 virtual_network_gateway_resource.go: create 90m, update 60m,
      // delete 120m): a shorter timeout only fails a run that Azure would have finished.
      timeouts: { create: '120m', update: '120m', delete: '120m' },
      lifecycle: props.deleteProtection === 'preventDestroy' ? { preventDestroy: true } : undefined,
    });
    this.gatewayId = this.gateway.id;
    if (props.deleteProtection === 'lock') {
      this.deleteLock = new ManagementLock(this, 'DeleteLock', {
        provider: network.provider,
        name: `${this.name}-cannot-delete`,
        scope: this.gateway.id,
        lockLevel: 'CanNotDelete',
        notes: 'A VPN gateway takes 45 minutes or more to rebuild. Remove deleteProtection to lift this lock.',
      });
    }

    this.spec = {
      name: this.name,
      sku: this.sku,
      generation: props.generation ?? 'Generation2',
      activeActive,
      vpnType: props.vpnType ?? 'RouteBased',
      publicIpNames,
      zones,
      ipConfigurationNames,
      deleteProtection: props.deleteProtection,
      bgp: props.bgp && {
        asn: props.bgp.asn,
        peeringAddresses: peeringAddresses.map((p, i) => ({
          ipConfigurationName: p.ipConfigurationName ?? ipConfigurationNames[i],
          apipaAddresses: p.apipaAddresses,
        })),
      },
    };
    registerTopologyRules(this, (draft) => draft.networks.set(network.node.path, this.toModel()));
  }

  /**
   * Joins this gateway to another: `new VnetToVnetConnection(this, id, { from: this, to: other, … })`. Both sides'
   * connections when `other` is a gateway of this stack; only this side's when it exists already.
   * @param options `id` (default `To-<other network>`) names the link in the construct tree: give a second link
   *   between the same two gateways an id of its own.
   */
  public connectTo(other: IVpnGateway, options: VnetToVnetOptions & ConnectOptions = {}): VnetToVnetConnection {
    const { id, ...rest } = options;
    return new VnetToVnetConnection(this, id ?? `To-${other.networkName}`, { ...rest, from: this, to: other });
  }

  /**
   * Joins this gateway to an on-premises site: `new SiteToSiteConnection(this, id, { from: this, site, … })`.
   * @param options `id` (default `To-<site>`) names the link in the construct tree.
   */
  public connectToSite(site: LocalSite, options: SiteToSiteOptions & ConnectOptions = {}): SiteToSiteConnection {
    const { id, ...rest } = options;
    return new SiteToSiteConnection(this, id ?? `To-${site.name}`, { ...rest, from: this, site });
  }

  /** The gateway's public IP addresses (known after apply). */
  public get publicIpAddresses(): string[] {
    return this.publicIps.map((ip) => ip.ipAddress);
  }

  /** Whether BGP is on for this gateway. */
  public get bgpEnabled(): boolean {
    return this.spec.bgp !== undefined;
  }

  /** The network's model with this gateway in it, for the rules. */
  public toModel(): NetworkModel {
    return { ...this.network.toModel(), gateway: { path: this.node.path, ...this.spec } };
  }
}

/** The construct id of a link that a `connectTo` helper creates. */
export interface ConnectOptions {
  /** Construct id of the link, unique among the gateway's links. @default `To-<peer name>` */
  readonly id?: string;
}

/** A gateway outside this stack: connections end at it; nothing is created for it. */
class ExistingVpnGateway extends Construct implements IVpnGateway {
  public readonly gatewayId: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly location: string;
  public readonly subscriptionId?: string;
  public readonly bgpEnabled: boolean;
  public readonly networkName: string;

  constructor(scope: Construct, id: string, attrs: VpnGatewayAttributes) {
    super(scope, id);
    this.gatewayId = attrs.gatewayId;
    this.name = attrs.name;
    this.resourceGroupName = attrs.resourceGroupName;
    this.location = canonicalLocation(attrs.location);
    // A literal id says the subscription; a token (`data.x.id`) says nothing before apply.
    const parsed = Token.isUnresolved(attrs.gatewayId) ? undefined : parseGatewayId(attrs.gatewayId);
    this.subscriptionId = attrs.subscriptionId ?? parsed?.subscriptionId;
    this.bgpEnabled = attrs.bgp !== undefined;
    this.networkName = attrs.networkName ?? attrs.name;
    registerTopologyRules(this, (draft) =>
      draft.existingGateways.push({
        path: this.node.path,
        name: attrs.name,
        networkName: this.networkName,
        resourceGroup: attrs.resourceGroupName,
        location: attrs.location,
        gatewayId: attrs.gatewayId,
        subscriptionId: attrs.subscriptionId,
        bgp: attrs.bgp,
      }),
    );
  }
}

import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { isZoneRedundantSku, VpnGatewayGeneration, VpnGatewaySku, ZONE_REDUNDANT } from '../azure/skus';
import { defaultNames, GatewayModel, NetworkModel } from '../topology/model';
import type { LocalSite } from './local-site';
import { Network } from './network';
import { SiteToSiteConnection, SiteToSiteConnectionProps } from './site-to-site-connection';
import { registerTopologyRules } from './topology-rules';
import { VnetToVnetConnection, VnetToVnetOptions } from './vnet-to-vnet-connection';

export interface BgpPeeringAddress {
  /** The ip_configuration these addresses belong to. @default - the gateway's configurations in order */
  readonly ipConfigurationName?: string;
  /** Custom APIPA BGP addresses, in 169.254.21.0 - 169.254.22.255. */
  readonly apipaAddresses: string[];
}

export interface GatewayBgpOptions {
  /** The gateway's autonomous system number; not one Azure or IANA reserves. */
  readonly asn: number;
  /** Custom APIPA addresses, one entry per ip_configuration. @default - Azure assigns the BGP addresses */
  readonly peeringAddresses?: BgpPeeringAddress[];
}

export interface VpnGatewayProps {
  /** The network whose `GatewaySubnet` holds the gateway. */
  readonly network: Network;
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
  /** Zones of the public IPs. @default ['1','2','3'] for AZ SKUs, none otherwise */
  readonly zones?: string[];
  /** BGP settings; enables BGP on the gateway. @default - BGP off */
  readonly bgp?: GatewayBgpOptions;
  /**
   * Guard against deletion: `lock` adds an Azure `CanNotDelete` management lock on the gateway (it stops deletes from
   * any tool, Terraform included, until the lock is removed); `preventDestroy` sets Terraform's `prevent_destroy`
   * (any plan that would destroy the gateway fails).
   * @default - no protection
   */
  readonly deleteProtection?: DeleteProtection;
  /** Tags on the gateway and its public IPs. @default - the network's tags */
  readonly tags?: Record<string, string>;
}

export type DeleteProtection = 'lock' | 'preventDestroy';

/**
 * A route-based VPN gateway in a network's `GatewaySubnet`, with its Standard static public IPs: by default the
 * article's active-active, zone-redundant VpnGw2AZ Generation2 gateway.
 */
export class VpnGateway extends Construct {
  public readonly network: Network;
  /** Gateway name. */
  public readonly name: string;
  public readonly sku: VpnGatewaySku;
  public readonly publicIps: readonly PublicIp[];
  public readonly gateway: VirtualNetworkGateway;
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
    this.name = props.name ?? defaultNames.gateway(network.name);
    this.sku = props.sku ?? 'VpnGw2AZ';
    const activeActive = props.activeActive ?? true;
    const publicIpNames = props.publicIpNames ?? defaultNames.publicIps(this.name, activeActive ? 2 : 1);
    const zones = props.zones ?? (isZoneRedundantSku(this.sku) ? [...ZONE_REDUNDANT] : []);
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
      // Creating a gateway takes 45 minutes or more, and so can an update; deletion is slow too.
      timeouts: { create: '120m', update: '120m', delete: '90m' },
      lifecycle: props.deleteProtection === 'preventDestroy' ? { preventDestroy: true } : undefined,
    });
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

  /** Joins this gateway to another: `new VnetToVnetConnection(this, 'To-<network>', …)`. */
  public connectTo(other: VpnGateway, options: VnetToVnetOptions = {}): VnetToVnetConnection {
    return new VnetToVnetConnection(this, `To-${other.network.name}`, { ...options, from: this, to: other });
  }

  /** Joins this gateway to an on-premises site: `new SiteToSiteConnection(this, 'To-<site>', …)`. */
  public connectToSite(
    site: LocalSite,
    options: Omit<SiteToSiteConnectionProps, 'from' | 'site'> = {},
  ): SiteToSiteConnection {
    return new SiteToSiteConnection(this, `To-${site.name}`, { ...options, from: this, site });
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

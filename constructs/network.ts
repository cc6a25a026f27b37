import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { TerraformProvider } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { canonicalLocation } from '../azure/regions';
import type { NetworkModel } from '../topology/model';
import { registerTopologyRules } from './topology-rules';
import { VpnGateway, VpnGatewayOptions } from './vpn-gateway';

/** What other constructs need of a virtual network: implemented by {@link Network}. */
export interface INetwork extends IConstruct {
  /** Virtual network name. */
  readonly name: string;
  /** Canonical region, e.g. `eastus`. */
  readonly location: string;
  /** Resource group of the network. */
  readonly resourceGroupName: string;
  /** Subscription of the network. @default - the provider's subscription */
  readonly subscriptionId?: string;
  /** azurerm provider of the network's resources. @default - the stack's default azurerm provider */
  readonly provider?: TerraformProvider;
  /** Tags on the network's resources. @default - none */
  readonly tags?: Record<string, string>;
  /** Azure resource id of the virtual network (a Terraform reference). */
  readonly virtualNetworkId: string;
}

/** The name Azure requires for the subnet that holds a virtual network gateway. */
export const GATEWAY_SUBNET_NAME = 'GatewaySubnet';

/** A workload subnet of a {@link Network}. */
export interface SubnetSpec {
  /** Subnet name. */
  readonly name: string;
  /** IPv4 prefix inside the network's address space, e.g. `10.1.0.0/24`. */
  readonly addressPrefix: string;
  /** Id of an existing network security group to associate. @default - none */
  readonly networkSecurityGroupId?: string;
  /** Id of an existing route table to associate. @default - none */
  readonly routeTableId?: string;
}

/** A virtual network, its resource group and subnets. */
export interface NetworkProps {
  /** Virtual network name. @default - the construct id */
  readonly name?: string;
  /** Azure region, canonical (`eastus`) or display (`East US`); synthesized canonical. */
  readonly location: string;
  /**
   * Resource group to place the network in: a group created elsewhere in the stack, at the location you give it, which
   * networks of any region may share. When absent, `resourceGroupName` names it.
   * @default - see `resourceGroupName`
   */
  readonly resourceGroup?: ResourceGroup;
  /**
   * Whether whoever created `resourceGroup` chose its location: false for a group placed at its first network's
   * location (a `Topology`'s or `TopologyStack`'s), whose networks the rules then check are all in that region.
   * @default - true when `resourceGroup` is given
   * @internal
   */
  readonly resourceGroupLocationChosen?: boolean;
  /** Resource group name, used when `resourceGroup` is absent. @default - `${name}-rg` */
  readonly resourceGroupName?: string;
  /** With `resourceGroupName`: create the group (true) or use an existing one (false). @default true */
  readonly createResourceGroup?: boolean;
  /** Address prefixes of the virtual network, e.g. `['10.1.0.0/16']`. */
  readonly addressSpace: string[];
  /** Workload subnets. @default - none */
  readonly subnets?: SubnetSpec[];
  /** Prefix of `GatewaySubnet`; /27 or larger is recommended. @default - no gateway subnet, so no gateway */
  readonly gatewaySubnetPrefix?: string;
  /** Subscription id, for the rules and for gateways in other subscriptions. @default - the provider's subscription */
  readonly subscriptionId?: string;
  /** azurerm provider for every resource of this network. @default - the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Tags on every resource of this network. @default - none */
  readonly tags?: Record<string, string>;
}

/** A resource group (created or existing), a virtual network, its workload subnets and its `GatewaySubnet`. */
export class Network extends Construct implements INetwork {
  /** Virtual network name. */
  public readonly name: string;
  /** Canonical region, e.g. `eastus`. */
  public readonly location: string;
  /** Resource group of the network (a Terraform reference when this construct or the stack created the group). */
  public readonly resourceGroupName: string;
  /** The resource group, when this construct or the stack created it. @default - none: an existing group */
  public readonly resourceGroup?: ResourceGroup;
  /** The `azurerm_virtual_network`. */
  public readonly virtualNetwork: VirtualNetwork;
  /** Azure resource id of the virtual network (a Terraform reference). */
  public readonly virtualNetworkId: string;
  /** Workload subnets by name. */
  public readonly subnets: Readonly<Record<string, Subnet>>;
  /** The `GatewaySubnet`, when `gatewaySubnetPrefix` is set. @default - none */
  public readonly gatewaySubnet?: Subnet;
  /** azurerm provider of every resource of this network. @default - the stack's default azurerm provider */
  public readonly provider?: TerraformProvider;
  /** Subscription id. @default - the provider's subscription */
  public readonly subscriptionId?: string;
  /** Tags on every resource of this network. @default - none */
  public readonly tags?: Record<string, string>;
  private readonly spec: Omit<NetworkModel, 'path' | 'gateway'>;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    keepTextLiteral(this);
    this.name = props.name ?? id;
    this.location = canonicalLocation(props.location);
    this.provider = props.provider;
    this.subscriptionId = props.subscriptionId;
    this.tags = props.tags;
    const common = { location: this.location, provider: props.provider, tags: props.tags };

    const createResourceGroup = props.resourceGroup === undefined && props.createResourceGroup !== false;
    if (props.resourceGroup) {
      this.resourceGroup = props.resourceGroup;
      this.resourceGroupName = props.resourceGroup.name;
    } else if (createResourceGroup) {
      this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', {
        ...common,
        name: props.resourceGroupName ?? `${this.name}-rg`,
      });
      this.resourceGroupName = this.resourceGroup.name;
    } else {
      this.resourceGroupName = props.resourceGroupName ?? `${this.name}-rg`;
    }

    this.virtualNetwork = new VirtualNetwork(this, 'VirtualNetwork', {
      ...common,
      name: this.name,
      resourceGroupName: this.resourceGroupName,
      addressSpace: props.addressSpace,
    });
    this.virtualNetworkId = this.virtualNetwork.id;

    // No prototype: a subnet may be named `__proto__` or `constructor`.
    const subnetNames = new Set((props.subnets ?? []).map((s) => s.name));
    const subnets: Record<string, Subnet> = Object.create(null) as Record<string, Subnet>;
    for (const spec of props.subnets ?? []) {
      // Keyed by the subnet's name, so adding or removing a subnet leaves every other subnet's address alone.
      const subnet = this.addSubnet(`Subnet-${spec.name}`, spec.name, spec.addressPrefix);
      if (spec.networkSecurityGroupId) {
        new SubnetNetworkSecurityGroupAssociation(this, associationId(spec.name, 'Nsg', subnetNames), {
          provider: props.provider,
          subnetId: subnet.id,
          networkSecurityGroupId: spec.networkSecurityGroupId,
        });
      }
      if (spec.routeTableId) {
        new SubnetRouteTableAssociation(this, associationId(spec.name, 'RouteTable', subnetNames), {
          provider: props.provider,
          subnetId: subnet.id,
          routeTableId: spec.routeTableId,
        });
      }
      subnets[spec.name] = subnet;
    }
    this.subnets = subnets;
    if (props.gatewaySubnetPrefix !== undefined) {
      this.gatewaySubnet = this.addSubnet(GATEWAY_SUBNET_NAME, GATEWAY_SUBNET_NAME, props.gatewaySubnetPrefix);
    }

    this.spec = {
      name: this.name,
      resourceGroup: props.resourceGroup?.nameInput ?? props.resourceGroupName ?? `${this.name}-rg`,
      createResourceGroup: props.resourceGroup !== undefined || createResourceGroup,
      resourceGroupLocationChosen: props.resourceGroup !== undefined && props.resourceGroupLocationChosen !== false,
      resourceGroupCreator: this.resourceGroup && {
        path: this.resourceGroup.node.path,
        provider: aliasedProviderPath(this.resourceGroup.provider),
      },
      provider: aliasedProviderPath(props.provider),
      location: props.location,
      subscriptionId: props.subscriptionId,
      addressSpace: props.addressSpace,
      subnets: (props.subnets ?? []).map((s) => ({ path: `${this.node.path}/Subnet-${s.name}`, ...s })),
      gatewaySubnetPrefix: props.gatewaySubnetPrefix,
      tags: props.tags,
    };
    // A gateway on this network contributes the network with its gateway in it, which takes precedence.
    registerTopologyRules(this, (draft) => {
      if (!draft.networks.has(this.node.path)) draft.networks.set(this.node.path, this.toModel());
      if (this.gatewaySubnet) draft.gatewaySubnetIds.set(this.node.path, this.gatewaySubnet.id);
    });
  }

  /**
   * Adds the network's VPN gateway, in its `GatewaySubnet`, with construct id `Gateway`: by default the article's
   * active-active, zone-redundant VpnGw2AZ Generation2 gateway. A network holds one VPN gateway.
   * @param props the gateway's settings. @default - every default of {@link VpnGatewayOptions}
   */
  public addVpnGateway(props: VpnGatewayOptions = {}): VpnGateway {
    if (this.node.tryFindChild('Gateway')) {
      throw new Error(`network "${this.name}" already has a VPN gateway; a virtual network holds one VPN gateway`);
    }
    return new VpnGateway(this, 'Gateway', { ...props, network: this });
  }

  /** What the rules check about this network (its gateway is added by the gateway itself). */
  public toModel(): Omit<NetworkModel, 'gateway'> {
    return { path: this.node.path, ref: this.node.path, ...this.spec };
  }

  private addSubnet(id: string, name: string, addressPrefix: string): Subnet {
    return new Subnet(this, id, {
      provider: this.provider,
      name,
      resourceGroupName: this.resourceGroupName,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefixes: [addressPrefix],
    });
  }
}

/**
 * `Subnet-<subnet>-Nsg`, unless a subnet is named `<subnet>-Nsg` (its own id would be the same): then
 * `Subnet:<subnet>:Nsg`, which no subnet's id can be. Decided from the names, never their order.
 */
function associationId(subnet: string, kind: 'Nsg' | 'RouteTable', subnetNames: ReadonlySet<string>): string {
  return subnetNames.has(`${subnet}-${kind}`) ? `Subnet:${subnet}:${kind}` : `Subnet-${subnet}-${kind}`;
}

/** An aliased provider's construct path; none for the default provider, however it is reached (given, or left out). */
function aliasedProviderPath(provider: TerraformProvider | undefined): string | undefined {
  return provider?.alias === undefined ? undefined : provider.node.path;
}

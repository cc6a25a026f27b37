import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { canonicalLocation } from '../azure/regions';
import type { NetworkModel } from '../topology/model';
import { registerTopologyRules } from './topology-rules';

/** The name Azure requires for the subnet that holds a virtual network gateway. */
export const GATEWAY_SUBNET_NAME = 'GatewaySubnet';

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

export interface NetworkProps {
  /** Virtual network name. @default - the construct id */
  readonly name?: string;
  /** Azure region, canonical (`eastus`) or display (`East US`); synthesized canonical. */
  readonly location: string;
  /**
   * Resource group to place the network in: a group created elsewhere in the stack. When absent,
   * `resourceGroupName` names it.
   * @default - see `resourceGroupName`
   */
  readonly resourceGroup?: ResourceGroup;
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
export class Network extends Construct {
  /** Virtual network name. */
  public readonly name: string;
  /** Canonical region, e.g. `eastus`. */
  public readonly location: string;
  public readonly resourceGroupName: string;
  /** The resource group, when this construct created it. */
  public readonly resourceGroup?: ResourceGroup;
  public readonly virtualNetwork: VirtualNetwork;
  /** Workload subnets by name. */
  public readonly subnets: Readonly<Record<string, Subnet>>;
  public readonly gatewaySubnet?: Subnet;
  public readonly provider?: TerraformProvider;
  public readonly subscriptionId?: string;
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

  /** What the rules check about this network (its gateway is added by the gateway itself). */
  public toModel(): Omit<NetworkModel, 'gateway'> {
    return { path: this.node.path, ...this.spec };
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

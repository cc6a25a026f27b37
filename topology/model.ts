import type { ConnectionProtocol, VpnGatewayGeneration, VpnGatewaySku } from '../azure/skus';

/**
 * The resolved topology: every default applied, every mesh and hub expanded into connections, locations canonical.
 * It is what the rules check and what the stack builds; the topology file and the constructs both produce it, so one
 * rule implementation serves both ways in. `path` says where the user wrote each thing (`networks[1]` in a file, a
 * construct path in code), so that a message can point at it.
 */
export interface TopologyModel {
  readonly networks: readonly NetworkModel[];
  readonly sites: readonly SiteModel[];
  readonly connections: readonly ConnectionModel[];
  /** Meshes and hub-and-spokes as declared, for the rules about transit. */
  readonly groups: readonly GroupModel[];
  /** Gateways that exist already, outside the topology, which connections may end at. @default - none */
  readonly existingGateways?: readonly ExistingGatewayModel[];
  /**
   * Tags on every resource, under each network's and site's own (the topology file's top-level `tags`). From code,
   * each network and site carries its merged tags itself. @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A VPN gateway made by another team or stack (`VpnGateway.fromGatewayAttributes`): a VNet-to-VNet connection's `to`
 * may name it by its `path`. Only this side's connection is in the topology.
 */
export interface ExistingGatewayModel {
  readonly path: string;
  readonly name: string;
  /** How connection names call this end. */
  readonly networkName: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** As given; the rules check it against the subscription, group and name it holds. */
  readonly gatewayId?: string;
  /** As given, apart from `gatewayId`. */
  readonly subscriptionId?: string;
  readonly bgp?: { readonly asn: number };
}

export interface SubnetModel {
  readonly path: string;
  readonly name: string;
  readonly addressPrefix: string;
  readonly networkSecurityGroupId?: string;
  readonly routeTableId?: string;
}

export interface NetworkModel {
  readonly path: string;
  /**
   * How connections and groups refer to this network: its construct path in code, where two networks of one name may
   * live in different resource groups. @default - the name (a topology file refers to networks by name)
   */
  readonly ref?: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly createResourceGroup: boolean;
  /**
   * The created group's location was chosen by its creator (a `ResourceGroup` passed to `Network` in code), not taken
   * from its first network's, so networks of any region may share it, as Azure allows. @default false
   */
  readonly resourceGroupLocationChosen?: boolean;
  /**
   * The `ResourceGroup` construct that creates the group, in code, where two constructs may each create one Azure
   * group, which fails at apply; a topology file creates one group per subscription and name, so says none.
   * @default - none
   */
  readonly resourceGroupCreator?: {
    /** Construct path of the `ResourceGroup`. */
    readonly path: string;
    /**
     * Construct path of the aliased azurerm provider it is created with (one provider is one subscription).
     * @default - the stack's default azurerm provider
     */
    readonly provider?: string;
  };
  /**
   * Construct path of the aliased azurerm provider of the network's resources, in code (one provider is one
   * subscription). @default - the stack's default azurerm provider
   */
  readonly provider?: string;
  /** As the user wrote it (`East US`); `canonicalLocation()` gives what is synthesized. */
  readonly location: string;
  readonly subscriptionId?: string;
  readonly addressSpace: readonly string[];
  readonly subnets: readonly SubnetModel[];
  readonly gatewaySubnetPrefix?: string;
  /** What is attached to GatewaySubnet from outside the network construct (found in the construct tree). */
  readonly gatewaySubnetAttachments?: GatewaySubnetAttachments;
  readonly gateway?: GatewayModel;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface GatewaySubnetAttachments {
  /** Paths of network security group associations on GatewaySubnet. */
  readonly networkSecurityGroups: readonly string[];
  /** Paths of route tables on GatewaySubnet that hold a 0.0.0.0/0 route. */
  readonly defaultRoutes: readonly string[];
}

export interface BgpPeeringAddressModel {
  readonly ipConfigurationName?: string;
  readonly apipaAddresses: readonly string[];
}

export interface GatewayModel {
  readonly path: string;
  readonly name: string;
  readonly sku: VpnGatewaySku;
  readonly generation: VpnGatewayGeneration;
  readonly activeActive: boolean;
  readonly vpnType: 'RouteBased' | 'PolicyBased';
  readonly publicIpNames: readonly string[];
  /** Zones of the public IPs as synthesized; empty for none. */
  readonly zones: readonly string[];
  /** Names of the gateway's ip_configuration blocks, in order. */
  readonly ipConfigurationNames: readonly string[];
  readonly bgp?: { readonly asn: number; readonly peeringAddresses: readonly BgpPeeringAddressModel[] };
  readonly deleteProtection?: 'lock' | 'preventDestroy';
}

export interface SiteModel {
  readonly path: string;
  readonly name: string;
  readonly gatewayAddress?: string;
  readonly gatewayFqdn?: string;
  readonly addressSpace: readonly string[];
  readonly bgp?: { readonly asn: number; readonly peeringAddress: string };
  readonly resourceGroup?: string;
  readonly location?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export type SharedKeyModel =
  | { readonly kind: 'generate'; readonly length: number }
  | {
      readonly kind: 'variable';
      readonly variable: string;
      /** The variable's default, when it has one: the only key value the rules can see. */
      readonly knownValue?: string;
    }
  | { readonly kind: 'keyVault'; readonly keyVaultSecretId: string };

export interface ConnectionModel {
  /** Where it was declared: `connections[2]`, `mesh`, `hubAndSpoke.spokes[0]`, or a construct path. */
  readonly path: string;
  /** `from` is always a network; `to` a network or an existing gateway (VNet-to-VNet), or a site (site-to-site). */
  readonly kind: 'vnet' | 'site';
  /** The `ref` of the network the connection starts from. */
  readonly from: string;
  /** The `ref` of the peer network, the `path` of an existing gateway, or the name of a site. */
  readonly to: string;
  readonly bidirectional: boolean;
  /** Azure names: the `from` side's connection, then the `to` side's when bidirectional. */
  readonly names: readonly string[];
  readonly protocol: ConnectionProtocol;
  readonly sharedKey: SharedKeyModel;
  readonly enableBgp: boolean;
  readonly ipsecPolicy?: IpsecPolicyModel;
  readonly dpdTimeoutSeconds?: number;
}

/** A custom IPsec/IKE policy, as written (the rules check the values against what Azure takes). */
export interface IpsecPolicyModel {
  readonly dhGroup: string;
  readonly ikeEncryption: string;
  readonly ikeIntegrity: string;
  readonly ipsecEncryption: string;
  readonly ipsecIntegrity: string;
  readonly pfsGroup: string;
  readonly saLifetime?: number;
  readonly saDatasize?: number;
}

export interface GroupModel {
  readonly path: string;
  readonly kind: 'mesh' | 'hubAndSpoke';
  /** The `ref`s of the member networks. */
  readonly networks: readonly string[];
  /** The `ref` of the hub. */
  readonly hub?: string;
  readonly bgp: boolean;
}

/** Where a connection's pre-shared key comes from. The key itself never appears in the synthesized JSON. */
export type SharedKeySource =
  | {
      readonly generate: true;
      /** Length of the generated key. @default 64 */
      readonly length?: number;
    }
  | {
      /** Name of a sensitive Terraform variable that holds the key. */
      readonly variable: string;
    }
  | {
      /** Azure resource id of a Key Vault secret that holds the key. */
      readonly keyVaultSecretId: string;
    };

/** What the rules see of a key source: the kind, and the length of a generated key. */
export function sharedKeyModel(source: SharedKeySource): SharedKeyModel {
  if ('variable' in source) return { kind: 'variable', variable: source.variable };
  if ('keyVaultSecretId' in source) return { kind: 'keyVault', keyVaultSecretId: source.keyVaultSecretId };
  return { kind: 'generate', length: source.length ?? DEFAULT_SHARED_KEY_LENGTH };
}

/** Where remote state lives: a blob in an Azure storage account, reached with Azure AD credentials. */
export interface RemoteStateSettings {
  /** Resource group of the storage account. */
  readonly resourceGroupName: string;
  /** Storage account name. */
  readonly storageAccountName: string;
  /** Blob container name. */
  readonly containerName: string;
  /** Blob name. @default `<stack name>.tfstate` */
  readonly key?: string;
  /** Subscription of the storage account. @default - the ambient ARM_SUBSCRIPTION_ID */
  readonly subscriptionId?: string;
}

/**
 * Whether a link exchanges routes over BGP when `enableBgp` is not given: on when both ends have BGP settings. The one
 * default of every VNet-to-VNet and site-to-site link, from a topology file and from the constructs alike.
 */
export function bgpByDefault(fromHasBgp: boolean, toHasBgp: boolean): boolean {
  return fromHasBgp && toHasBgp;
}

/** Default generated key length: long, and well inside the 128 characters Azure takes. */
export const DEFAULT_SHARED_KEY_LENGTH = 64;

/** The article's naming: VNet1GW, VNet1GWpip1, VNet1-to-VNet4. */
export const defaultNames = {
  gateway: (network: string) => `${network}GW`,
  publicIps: (gateway: string, count: number) => Array.from({ length: count }, (_, i) => `${gateway}pip${i + 1}`),
  connection: (from: string, to: string) => `${from}-to-${to}`,
  ipConfiguration: (index: number) => `ipconfig${index + 1}`,
};

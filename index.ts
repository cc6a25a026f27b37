/**
 * Typed cdktf constructs for Azure VNet-to-VNet VPN topologies, the topology file's reader, and the rules that check
 * a topology against Azure's. What this file exports is the package's public API; the app (`main.ts`) uses nothing
 * else.
 * @packageDocumentation
 */

// Constructs
export { Network, GATEWAY_SUBNET_NAME } from './constructs/network';
export type { INetwork, NetworkProps, SubnetSpec } from './constructs/network';
export { VpnGateway } from './constructs/vpn-gateway';
export type {
  BgpPeeringAddress,
  ConnectOptions,
  DeleteProtection,
  GatewayBgpOptions,
  IVpnGateway,
  VpnGatewayAttributes,
  VpnGatewayOptions,
  VpnGatewayProps,
} from './constructs/vpn-gateway';
export { SharedKey, SHARED_KEY_SPECIALS } from './constructs/shared-key';
export type { SharedKeyProps } from './constructs/shared-key';
export type { ConnectionOptions } from './constructs/gateway-connection';
export { VnetToVnetConnection } from './constructs/vnet-to-vnet-connection';
export type { VnetToVnetConnectionProps, VnetToVnetOptions } from './constructs/vnet-to-vnet-connection';
export { LocalSite } from './constructs/local-site';
export type { LocalSiteProps } from './constructs/local-site';
export { SiteToSiteConnection } from './constructs/site-to-site-connection';
export type { SiteToSiteConnectionProps, SiteToSiteOptions } from './constructs/site-to-site-connection';
export { HubAndSpoke, Mesh } from './constructs/mesh';
export type { HubAndSpokeProps, MeshProps } from './constructs/mesh';
export { Topology } from './constructs/topology';
export { TOPOLOGY_DIAGRAM_FILE, TopologyStack } from './constructs/topology-stack';
export type { TopologyProps, TopologyStackProps } from './constructs/topology-stack';
export { collectTopology, RULES_CHECKED_CONTEXT } from './constructs/topology-rules';

// Azure's closed sets
export { CONNECTION_PROTOCOLS, VPN_GATEWAY_GENERATIONS, VPN_GATEWAY_SKUS } from './azure/skus';
export type { ConnectionProtocol, VpnGatewayGeneration, VpnGatewaySku } from './azure/skus';

// The resolved topology (the model the rules check and the stack builds)
export { DEFAULT_SHARED_KEY_LENGTH, defaultNames } from './topology/model';
export type {
  BgpPeeringAddressModel,
  ConnectionModel,
  ExistingGatewayModel,
  GatewayModel,
  GatewaySubnetAttachments,
  GroupModel,
  IpsecPolicyModel,
  NetworkModel,
  RemoteStateSettings,
  SharedKeyModel,
  SharedKeySource,
  SiteModel,
  SubnetModel,
  TopologyModel,
} from './topology/model';

// The topology file
export { loadTopologyFile, parseTopology, TopologyFileError } from './topology/load';
export type { LoadedTopology } from './topology/load';
export { resolveTopology } from './topology/resolve';
export { remoteState, REMOTE_STATE_ENV } from './topology/remote-state';
export { topologySchema } from './topology/schema';
export type { TopologyFile, TopologyFileInput } from './topology/schema';
export { topologyJsonSchema } from './topology/json-schema';

// The rules
export { checkTopology, formatFinding, formatFindings, RULES } from './rules';
export { quoteText } from './rules/text';
export type { Finding, Rule } from './rules';

import { Construct } from 'constructs';
import type { Network } from './network';
import { buildTopology, TopologyProps } from './topology-stack';
import type { VnetToVnetConnection } from './vnet-to-vnet-connection';
import type { VpnGateway } from './vpn-gateway';

/**
 * A whole topology (a topology file's, or one built in code) in a stack of your own: resource groups, networks,
 * gateways, keys and connections, with an output for each gateway's public IPs and each connection's id. Construct
 * ids come from the topology's names under this construct's id, so that two topologies (prod and test) live in one
 * stack as long as Azure sees different resources: the rules check that by subscription, resource group and name.
 * The stack's own azurerm provider is used, and one added only when the stack has none.
 */
export class Topology extends Construct {
  /** Networks by name. */
  public readonly networks: ReadonlyMap<string, Network>;
  /** Gateways by network name. */
  public readonly gateways: ReadonlyMap<string, VpnGateway>;
  /** VNet-to-VNet links by `<from>-<to>`. */
  public readonly connections: ReadonlyMap<string, VnetToVnetConnection>;

  constructor(scope: Construct, id: string, props: TopologyProps) {
    super(scope, id);
    const built = buildTopology(this, props);
    this.networks = built.networks;
    this.gateways = built.gateways;
    this.connections = built.connections;
  }
}

import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { registerTopologyRules } from './topology-rules';
import { VnetToVnetConnection, VnetToVnetOptions } from './vnet-to-vnet-connection';
import type { VpnGateway } from './vpn-gateway';

/** The gateways of a full mesh, and the options of every link. */
export interface MeshProps extends Omit<VnetToVnetOptions, 'names' | 'bidirectional' | 'sharedKey'> {
  /** The gateways to join, every one with every other. */
  readonly gateways: VpnGateway[];
}

/**
 * A full mesh: every pair of gateways joined both ways, each pair with a key of its own. A mesh of n gateways is
 * n-1 tunnels on each gateway; the rules check that against each SKU's limit.
 */
export class Mesh extends Construct {
  /** Links by `<network>-<network>`, the two names in sorted order. */
  public readonly connections: ReadonlyMap<string, VnetToVnetConnection>;

  constructor(scope: Construct, id: string, props: MeshProps) {
    super(scope, id);
    keepTextLiteral(this);
    const connections = new Map<string, VnetToVnetConnection>();
    // Pairs are keyed by their sorted names, so reordering the list changes no address; two networks of one name (in
    // two resource groups) are ordered by construct path, which decides the one each link starts from.
    const gateways = [...props.gateways].sort(
      (x, y) => compare(x.network.name, y.network.name) || compare(x.network.node.path, y.network.node.path),
    );
    gateways.forEach((from, i) =>
      gateways.slice(i + 1).forEach((to) => {
        const pairId = `${from.network.name}-${to.network.name}`;
        connections.set(pairId, new VnetToVnetConnection(this, pairId, { ...props, from, to }));
      }),
    );
    this.connections = connections;
    registerTopologyRules(this, (draft) =>
      draft.groups.push({
        path: this.node.path,
        kind: 'mesh',
        networks: props.gateways.map((g) => g.network.node.path),
        bgp: [...connections.values()].every((c) => c.toModel().enableBgp),
      }),
    );
  }
}

/** A hub, its spokes, and the options of every link. */
export interface HubAndSpokeProps extends Omit<
  VnetToVnetOptions,
  'names' | 'bidirectional' | 'sharedKey' | 'enableBgp'
> {
  /** The hub's gateway. */
  readonly hub: VpnGateway;
  /** The spokes' gateways, each joined to the hub both ways. */
  readonly spokes: VpnGateway[];
  /**
   * BGP on every hub-spoke connection. Without it spokes reach the hub but not each other: Azure routes between two
   * networks that are not directly connected only when BGP is on along the path.
   * @default false
   */
  readonly bgp?: boolean;
}

/** A hub joined to each spoke, each link with a key of its own. */
export class HubAndSpoke extends Construct {
  /** Links by spoke network name. */
  public readonly connections: ReadonlyMap<string, VnetToVnetConnection>;

  constructor(scope: Construct, id: string, props: HubAndSpokeProps) {
    super(scope, id);
    keepTextLiteral(this);
    const hub = props.hub.network.name;
    const connections = new Map<string, VnetToVnetConnection>();
    for (const spoke of props.spokes) {
      connections.set(
        spoke.network.name,
        new VnetToVnetConnection(this, `${hub}-${spoke.network.name}`, {
          ...props,
          from: props.hub,
          to: spoke,
          enableBgp: props.bgp ?? false,
        }),
      );
    }
    this.connections = connections;
    registerTopologyRules(this, (draft) =>
      draft.groups.push({
        path: this.node.path,
        kind: 'hubAndSpoke',
        hub: props.hub.network.node.path,
        networks: [props.hub, ...props.spokes].map((g) => g.network.node.path),
        bgp: props.bgp ?? false,
      }),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

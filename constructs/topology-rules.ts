import type { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import type { Route } from '@cdktf/provider-azurerm/lib/route';
import type { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import type { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import {
  Annotations,
  DefaultTokenResolver,
  StringConcat,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from 'cdktf';
import { Construct, IConstruct, IValidation } from 'constructs';
import { checkTopology, formatFinding } from '../rules';
import type {
  ConnectionModel,
  ExistingGatewayModel,
  GatewaySubnetAttachments,
  GroupModel,
  NetworkModel,
  SiteModel,
  TopologyModel,
} from '../topology/model';

/**
 * Context key a caller sets when it has already checked the whole topology (the topology file's reader does, with
 * paths into the file), so that the stack does not check and warn a second time.
 */
export const RULES_CHECKED_CONTEXT = 'vnet2vnet:rulesChecked';

/** The topology being gathered from a stack's constructs, keyed by construct path. */
export interface TopologyDraft {
  /** Networks, with their gateways, by construct path. */
  readonly networks: Map<string, NetworkModel>;
  /** On-premises sites, one per device. */
  readonly sites: SiteModel[];
  /** VNet-to-VNet and site-to-site links. */
  readonly connections: ConnectionModel[];
  /** Meshes and hub-and-spokes. */
  readonly groups: GroupModel[];
  /** Gateways outside the stack that links end at. */
  readonly existingGateways: ExistingGatewayModel[];
  /** Each network's GatewaySubnet `id` (a token), by the network's construct path. */
  readonly gatewaySubnetIds: Map<string, string>;
}

type Contribution = (draft: TopologyDraft) => void;
const contributions = new WeakMap<Construct, Contribution>();
const registered = new WeakSet<TerraformStack>();

/**
 * Records what a construct adds to its stack's topology, and makes the stack check Azure's rules over all of it when it
 * synthesizes: the same rule code the topology file goes through, so constructs used from TypeScript get the same
 * protection.
 */
export function registerTopologyRules(part: Construct, contribute: Contribution): void {
  contributions.set(part, contribute);
  const stack = TerraformStack.of(part);
  if (registered.has(stack)) return;
  registered.add(stack);
  stack.node.addValidation(new TopologyRulesValidation(stack));
}

class TopologyRulesValidation implements IValidation {
  constructor(private readonly stack: TerraformStack) {}

  public validate(): string[] {
    if (this.stack.node.tryGetContext(RULES_CHECKED_CONTEXT) === true) return [];
    const findings = checkTopology(collectTopology(this.stack));
    for (const finding of findings.filter((f) => f.severity === 'warning')) {
      Annotations.of(this.stack).addWarning(formatFinding(finding));
    }
    return findings.filter((f) => f.severity === 'error').map(formatFinding);
  }
}

/** The topology the constructs under a scope describe. */
export function collectTopology(scope: Construct): TopologyModel {
  const draft: TopologyDraft = {
    networks: new Map(),
    sites: [],
    connections: [],
    groups: [],
    existingGateways: [],
    gatewaySubnetIds: new Map(),
  };
  const constructs = scope.node.findAll();
  for (const construct of constructs) contributions.get(construct)?.(draft);
  const attachments = gatewaySubnetAttachments(scope, constructs, draft.gatewaySubnetIds);
  const networks = [...draft.networks.entries()].map(([path, network]) =>
    attachments.has(path) ? { ...network, gatewaySubnetAttachments: attachments.get(path) } : network,
  );
  return {
    networks,
    sites: draft.sites,
    connections: draft.connections,
    groups: draft.groups,
    existingGateways: draft.existingGateways,
  };
}

const DEFAULT_ROUTE = '0.0.0.0/0';

/**
 * Whether a construct is a resource of a Terraform type: by the type, not `instanceof`, since the app may create it
 * from another copy of the provider package than this library's.
 */
function isResource<T extends TerraformResource>(c: IConstruct, type: string): c is T {
  return TerraformResource.isTerraformResource(c) && c.terraformResourceType === type;
}

/**
 * What other constructs attach to each network's GatewaySubnet: network security group associations, and route table
 * associations whose table holds a 0.0.0.0/0 route (inline or as an `azurerm_route`). References are compared in
 * their resolved form (`${azurerm_subnet.x.id}`): every read of a cdktf attribute is a token of its own.
 */
function gatewaySubnetAttachments(
  scope: Construct,
  constructs: readonly Construct[],
  gatewaySubnetIds: ReadonlyMap<string, string>,
): Map<string, GatewaySubnetAttachments> {
  const result = new Map<string, GatewaySubnetAttachments>();
  if (gatewaySubnetIds.size === 0) return result;
  const options = { scope, resolver: new DefaultTokenResolver(new StringConcat()) };
  const resolve = (value: unknown): unknown => Tokenization.resolve(value, options);
  const resolved = (value: unknown): string | undefined => {
    const r = resolve(value);
    return typeof r === 'string' ? r : undefined;
  };

  // The tables a 0.0.0.0/0 `azurerm_route` is added to, by the table name it gives: a reference or the name itself.
  const defaultRouteTableNames = new Set<unknown>();
  for (const c of constructs) {
    if (isResource<Route>(c, 'azurerm_route') && resolved(c.addressPrefixInput) === DEFAULT_ROUTE) {
      defaultRouteTableNames.add(resolve(c.routeTableNameInput));
    }
  }
  const tablesWithDefaultRoute = new Set<unknown>();
  for (const c of constructs) {
    if (isResource<RouteTable>(c, 'azurerm_route_table')) {
      const routes = resolve(c.routeInput);
      if (
        defaultRouteTableNames.has(resolve(c.name)) ||
        defaultRouteTableNames.has(resolve(c.nameInput)) ||
        (Array.isArray(routes) &&
          // The block's input, as written in code (camelCase).
          routes.some((r) => (r as { addressPrefix?: unknown }).addressPrefix === DEFAULT_ROUTE))
      ) {
        tablesWithDefaultRoute.add(resolve(c.id));
      }
    }
  }

  for (const [networkPath, subnetId] of gatewaySubnetIds) {
    const gatewaySubnet = resolved(subnetId);
    const networkSecurityGroups: string[] = [];
    const defaultRoutes: string[] = [];
    for (const c of constructs) {
      if (
        isResource<SubnetNetworkSecurityGroupAssociation>(c, 'azurerm_subnet_network_security_group_association') &&
        resolved(c.subnetIdInput) === gatewaySubnet
      ) {
        networkSecurityGroups.push(c.node.path);
      }
      if (
        isResource<SubnetRouteTableAssociation>(c, 'azurerm_subnet_route_table_association') &&
        resolved(c.subnetIdInput) === gatewaySubnet &&
        tablesWithDefaultRoute.has(resolve(c.routeTableIdInput))
      ) {
        defaultRoutes.push(c.node.path);
      }
    }
    if (networkSecurityGroups.length + defaultRoutes.length > 0) {
      result.set(networkPath, { networkSecurityGroups, defaultRoutes });
    }
  }
  return result;
}

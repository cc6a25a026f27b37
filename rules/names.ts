import type { NetworkModel, TopologyModel } from '../topology/model';
import { error, Finding, warning } from './finding';
import { byRef, fieldPath, isKnown, networkLabel, refOf, Rule, siteLabel } from './rule';

/**
 * Names that must be unique. Connections refer to networks and sites by name in a topology file, so names are unique
 * in a file; in code they refer to constructs, and two topologies may hold a `VNet1` each. What Azure requires holds
 * everywhere: a resource's name is unique among its type in its resource group, and Azure compares names, resource
 * groups and subscription ids without case (`TestRG1` and `testrg1` are one group).
 */

function duplicates<T extends { readonly name: string; readonly path: string }>(
  items: readonly T[],
  describe: (item: T) => string,
  kind: string,
  keyOf: (item: T) => string = (item) => item.name,
): Finding[] {
  const first = new Map<string, T>();
  return items.flatMap((item) => {
    if (!isKnown(item.name)) return [];
    const earlier = first.get(keyOf(item));
    if (!earlier) {
      first.set(keyOf(item), item);
      return [];
    }
    return [
      error(
        fieldPath(item, 'name'),
        `${describe(item)} is declared twice (also ${earlier.path}); give each ${kind} a name of its own`,
      ),
    ];
  });
}

/** A topology file's connections name networks: a name is declared once in a file (refs in code never repeat). */
export const uniqueNetworkNames: Rule = (topology) => duplicates(topology.networks, networkLabel, 'network', refOf);

export const uniqueSiteNames: Rule = (topology) => duplicates(topology.sites, siteLabel, 'site');

/** A resource group as the user wrote it, subscription and name. */
const spelledGroup = (network: Pick<NetworkModel, 'subscriptionId' | 'resourceGroup'>) =>
  `${network.subscriptionId ?? ''}/${network.resourceGroup}`;

/**
 * A resource group as Azure identifies it: subscription and name, without case. A network without a subscription id
 * is in the provider's subscription, which the rules cannot know; it is keyed as the empty subscription.
 */
export const groupKey = (network: Pick<NetworkModel, 'subscriptionId' | 'resourceGroup'>) =>
  spelledGroup(network).toLowerCase();

/**
 * One virtual network per name in a resource group: two networks that Azure would see as one (same subscription,
 * group and name, in any case) are refused, wherever they are declared.
 */
export const uniqueVirtualNetworks: Rule = (topology) => {
  const first = new Map<string, NetworkModel>();
  return topology.networks.flatMap((network) => {
    if (!isKnown(network.name) || !isKnown(network.resourceGroup)) return [];
    const key = `${groupKey(network)}|${network.name.toLowerCase()}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, network);
      return [];
    }
    // The same name in one file is reported once, by uniqueNetworkNames.
    if (refOf(earlier) === refOf(network)) return [];
    return [
      error(
        fieldPath(network, 'name'),
        `${networkLabel(network)} in resource group "${network.resourceGroup}" is to Azure the same virtual network as ${networkLabel(earlier)} in "${earlier.resourceGroup}" (${earlier.path}): Azure compares names and resource groups without case; give it a name of its own or another resource group`,
      ),
    ];
  });
};

/**
 * One resource group written two ways (`TestRG1`, `testrg1`) is one group to Azure: the stack creates it once, under
 * the spelling it meets first; write it one way so that the synthesized name does not depend on the order.
 */
export const resourceGroupSpelling: Rule = (topology) => {
  const first = new Map<string, NetworkModel>();
  return topology.networks.flatMap((network) => {
    if (!isKnown(network.resourceGroup) || !isKnown(network.subscriptionId ?? '')) return [];
    const earlier = first.get(groupKey(network));
    if (!earlier) {
      first.set(groupKey(network), network);
      return [];
    }
    if (spelledGroup(earlier) === spelledGroup(network)) return [];
    const what =
      earlier.resourceGroup === network.resourceGroup
        ? `subscription "${network.subscriptionId}" is written "${earlier.subscriptionId}" by ${networkLabel(earlier)}`
        : `resource group "${network.resourceGroup}" is written "${earlier.resourceGroup}" by ${networkLabel(earlier)}`;
    return [
      warning(
        fieldPath(network, earlier.resourceGroup === network.resourceGroup ? 'subscriptionId' : 'resourceGroup'),
        `${networkLabel(network)}: ${what}; Azure compares them without case, so they are one; write it one way`,
      ),
    ];
  });
};

interface Named {
  readonly key: string;
  readonly name: string;
  readonly path: string;
  readonly owner: string;
  readonly group: string;
}

function clashes(items: Named[], what: string): Finding[] {
  const first = new Map<string, Named>();
  return items.flatMap((item) => {
    if (!isKnown(item.name)) return [];
    const key = `${item.key}|${item.name.toLowerCase()}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, item);
      return [];
    }
    const also = earlier.owner === item.owner ? 'twice' : `also by ${earlier.owner}`;
    return [
      error(
        item.path,
        `${item.owner}: ${what} name "${item.name}" is used ${also} in resource group "${item.group}"; give each ${what} a name of its own`,
      ),
    ];
  });
}

/**
 * Gateways, and their public IPs, have names of their own in each resource group; a new gateway does not take the name
 * of an existing one (`VpnGateway.fromGatewayAttributes`) in its group either.
 */
export const uniqueGatewayNames: Rule = (topology) => {
  const gateways = topology.networks.flatMap((n) => (n.gateway ? [{ network: n, gateway: n.gateway }] : []));
  return [
    ...clashes(
      [
        ...(topology.existingGateways ?? []).map((g) => ({
          key: groupKey({ subscriptionId: g.subscriptionId, resourceGroup: g.resourceGroup }),
          name: g.name,
          path: g.path,
          owner: `existing gateway "${g.name}"`,
          group: g.resourceGroup,
        })),
        ...gateways.map(({ network, gateway }) => ({
          key: groupKey(network),
          name: gateway.name,
          path: fieldPath(gateway, 'name'),
          owner: networkLabel(network),
          group: network.resourceGroup,
        })),
      ],
      'gateway',
    ),
    ...clashes(
      gateways.flatMap(({ network, gateway }) =>
        isKnown(gateway.publicIpNames)
          ? gateway.publicIpNames.map((name, i) => ({
              key: groupKey(network),
              name,
              path: fieldPath(gateway, `publicIpNames[${i}]`),
              owner: `${networkLabel(network)}: gateway "${gateway.name}"`,
              group: network.resourceGroup,
            }))
          : [],
      ),
      'public IP',
    ),
  ];
};

/** Each connection resource lives in its own side's resource group, where its name must be unique. */
export const uniqueConnectionNames: Rule = (topology) => {
  const networks = byRef(topology.networks);
  return clashes(
    topology.connections.flatMap((c) => {
      const sides = c.kind === 'vnet' && c.bidirectional ? [c.from, c.to] : [c.from];
      return sides.flatMap((side, i) => {
        const network = networks.get(side);
        const name = c.names[i];
        if (!network || name === undefined) return [];
        return [
          {
            key: groupKey(network),
            name,
            path: fieldPath(c, `names[${i}]`),
            owner: `connection "${c.names[0]}" (${c.path})`,
            group: network.resourceGroup,
          },
        ];
      });
    }),
    'connection',
  );
};

/**
 * A topology file's stack gets a Terraform output per connection, named after it (`<name>-id`), so names are unique
 * across a file too, even in different resource groups (where Azure would take them). Clashes inside one group are
 * reported above. Connections built in code (paths with `/`) make no outputs.
 */
export const uniqueConnectionOutputs: Rule = (topology) => {
  const networks = byRef(topology.networks);
  const first = new Map<string, { group: string; owner: string }>();
  return topology.connections.flatMap((c) => {
    if (c.path.includes('/')) return [];
    const sides = c.kind === 'vnet' && c.bidirectional ? [c.from, c.to] : [c.from];
    return sides.flatMap((side, i) => {
      const name = c.names[i];
      const network = networks.get(side);
      if (!isKnown(name) || !network) return [];
      const owner = `connection "${c.names[0]}" (${c.path})`;
      const earlier = first.get(name);
      if (!earlier) {
        first.set(name, { group: groupKey(network), owner });
        return [];
      }
      if (earlier.group === groupKey(network)) return [];
      const also = earlier.owner === owner ? 'for both directions' : `also by ${earlier.owner}`;
      return [
        error(
          fieldPath(c, `names[${i}]`),
          `${owner}: connection name "${name}" is used ${also}; each connection's output is named after it (${name}-id): give each connection a name of its own`,
        ),
      ];
    });
  });
};

export const nameRules: readonly Rule[] = [
  uniqueNetworkNames,
  uniqueVirtualNetworks,
  resourceGroupSpelling,
  uniqueSiteNames,
  uniqueGatewayNames,
  uniqueConnectionNames,
  uniqueConnectionOutputs,
];

/** For placement: networks in one created resource group. */
export function createdGroups(topology: TopologyModel): Map<string, NetworkModel[]> {
  const groups = new Map<string, NetworkModel[]>();
  for (const network of topology.networks) {
    if (!network.createResourceGroup || !isKnown(network.resourceGroup)) continue;
    groups.set(groupKey(network), [...(groups.get(groupKey(network)) ?? []), network]);
  }
  return groups;
}

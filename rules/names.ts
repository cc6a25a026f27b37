import type { NetworkModel, TopologyModel } from '../topology/model';
import { error, Finding } from './finding';
import { byName, fieldPath, isKnown, networkLabel, Rule, siteLabel } from './rule';

/** Names that must be unique: networks and sites in the topology, Azure resources in their resource group. */

function duplicates<T extends { readonly name: string; readonly path: string }>(
  items: readonly T[],
  describe: (item: T) => string,
  kind: string,
): Finding[] {
  const first = new Map<string, T>();
  return items.flatMap((item) => {
    if (!isKnown(item.name)) return [];
    const earlier = first.get(item.name);
    if (!earlier) {
      first.set(item.name, item);
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

/** Network names identify networks in connections and in Terraform addresses. */
export const uniqueNetworkNames: Rule = (topology) => duplicates(topology.networks, networkLabel, 'network');

export const uniqueSiteNames: Rule = (topology) => duplicates(topology.sites, siteLabel, 'site');

/** Azure names are unique per resource group and type, and case-insensitive. */
const groupKey = (network: NetworkModel) => `${network.subscriptionId ?? ''}/${network.resourceGroup}`.toLowerCase();

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

/** Gateways, and their public IPs, have names of their own in each resource group. */
export const uniqueGatewayNames: Rule = (topology) => {
  const gateways = topology.networks.flatMap((n) => (n.gateway ? [{ network: n, gateway: n.gateway }] : []));
  return [
    ...clashes(
      gateways.map(({ network, gateway }) => ({
        key: groupKey(network),
        name: gateway.name,
        path: fieldPath(gateway, 'name'),
        owner: networkLabel(network),
        group: network.resourceGroup,
      })),
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
  const networks = byName(topology.networks);
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
            path: fieldPath(c, c.names.length > i ? `names[${i}]` : 'names'),
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
 * Each connection gets a Terraform output named after it (`<name>-id`), so names are unique across the topology too,
 * even in different resource groups (where Azure would take them). Clashes inside one group are reported above.
 */
export const uniqueConnectionOutputs: Rule = (topology) => {
  const networks = byName(topology.networks);
  const first = new Map<string, { group: string; owner: string }>();
  return topology.connections.flatMap((c) => {
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
          fieldPath(c, c.names.length > i ? `names[${i}]` : 'names'),
          `${owner}: connection name "${name}" is used ${also}; each connection's output is named after it (${name}-id): give each connection a name of its own`,
        ),
      ];
    });
  });
};

export const nameRules: readonly Rule[] = [
  uniqueNetworkNames,
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

import { contains, formatCidr, overlaps, parseCidr } from '../net/cidr';
import type { NetworkModel, SiteModel, TopologyModel } from '../topology/model';
import { error, Finding } from './finding';
import {
  addressSpaceRanges,
  byName,
  byRef,
  fieldPath,
  isKnown,
  laterOverlaps,
  networkLabel,
  pairs,
  refOf,
  Range,
  Rule,
  siteLabel,
  subnetRanges,
} from './rule';

/** Rules 1-3 of AZURE-RULES.md: prefixes are canonical IPv4 CIDRs, subnets fit, connected ranges never overlap. */

/** Every prefix a network or site holds, labelled the way a message names it. */
function prefixesOf(
  owner: NetworkModel | SiteModel,
  isNetwork: boolean,
): { text: string; path: string; what: string }[] {
  const space = isKnown(owner.addressSpace) ? owner.addressSpace : [];
  const prefixes = space.map((text, i) => ({
    text,
    path: fieldPath(owner, `addressSpace[${i}]`),
    what: 'address space',
  }));
  if (!isNetwork) return prefixes;
  const network = owner as NetworkModel;
  for (const subnet of network.subnets) {
    prefixes.push({
      text: subnet.addressPrefix,
      path: fieldPath(subnet, 'addressPrefix'),
      what: `subnet "${subnet.name}"`,
    });
  }
  if (network.gatewaySubnetPrefix !== undefined) {
    prefixes.push({
      text: network.gatewaySubnetPrefix,
      path: fieldPath(network, 'gatewaySubnetPrefix'),
      what: 'gatewaySubnetPrefix',
    });
  }
  return prefixes;
}

function cidrSyntax(label: string, prefix: { text: string; path: string; what: string }): Finding[] {
  if (!isKnown(prefix.text)) return [];
  const parsed = parseCidr(prefix.text);
  if (parsed.ok) {
    if (!parsed.hostBitsSet) return [];
    return [
      error(
        prefix.path,
        `${label}: ${prefix.what} ${prefix.text} has host bits set, which Azure refuses; write ${formatCidr(parsed.cidr)}`,
      ),
    ];
  }
  if (parsed.reason === 'ipv6') {
    return [
      error(
        prefix.path,
        `${label}: ${prefix.what} "${prefix.text}" is IPv6; these topologies are IPv4 only; use an IPv4 prefix such as 10.1.0.0/16`,
      ),
    ];
  }
  return [
    error(
      prefix.path,
      `${label}: ${prefix.what} "${prefix.text}" is not an IPv4 prefix in CIDR notation; write it as a.b.c.d/n, e.g. 10.1.0.0/16`,
    ),
  ];
}

/** Rule 3: `10.1.0.1/16` is refused; so are `10.1.0/16`, `1a.2.3.4/8` and IPv6. */
export const canonicalPrefixes: Rule = (topology) => [
  ...topology.networks.flatMap((n) => prefixesOf(n, true).flatMap((p) => cidrSyntax(networkLabel(n), p))),
  ...topology.sites.flatMap((s) => prefixesOf(s, false).flatMap((p) => cidrSyntax(siteLabel(s), p))),
];

function selfOverlaps(label: string, ranges: Range[]): Finding[] {
  return laterOverlaps(ranges).flatMap(([a, b]) => {
    const same = a.cidr.network === b.cidr.network && a.cidr.prefix === b.cidr.prefix;
    return [
      error(
        b.path,
        same
          ? `${label}: address space ${b.text} is listed twice; list each range once`
          : `${label}: address space ${b.text} overlaps ${a.text} of the same address space; list ranges that do not overlap`,
      ),
    ];
  });
}

/** One address space never lists a range twice or two ranges that overlap. */
export const addressSpaceWithoutDuplicates: Rule = (topology) => [
  ...topology.networks.flatMap((n) => selfOverlaps(networkLabel(n), addressSpaceRanges(n))),
  ...topology.sites.flatMap((s) => selfOverlaps(siteLabel(s), addressSpaceRanges(s))),
];

/**
 * A virtual network holds at least one range (the topology file's schema asks for one; from code, `addressSpace: []`
 * gets this far). azurerm 4.55.0 refuses it at plan: `address_space` has `MinItems: 1` and is `ExactlyOneOf` with
 * `ip_address_pool` (internal/services/network/virtual_network_resource.go).
 */
export const addressSpaceNotEmpty: Rule = (topology) =>
  topology.networks
    .filter((n) => n.addressSpace.length === 0)
    .map((n) =>
      error(
        fieldPath(n, 'addressSpace'),
        `${networkLabel(n)}: addressSpace is empty, but a virtual network needs at least one range; list its prefixes, e.g. 10.1.0.0/16`,
      ),
    );

/** Rule 2: every subnet, GatewaySubnet included, lies inside the network's address space. */
export const subnetsInsideAddressSpace: Rule = (topology) =>
  topology.networks.flatMap((network) => {
    const space = addressSpaceRanges(network);
    if (space.length === 0 || space.length !== network.addressSpace.length) return [];
    return subnetRanges(network)
      .filter((subnet) => !space.some((s) => contains(s.cidr, subnet.cidr)))
      .map((subnet) =>
        error(
          subnet.path,
          `${networkLabel(network)}: ${subnet.label} ${subnet.text} is outside the address space ${network.addressSpace.join(', ')}; choose a prefix inside it`,
        ),
      );
  });

/** Rule 2: subnets of one network, GatewaySubnet included, do not overlap. */
export const subnetsWithoutOverlap: Rule = (topology) =>
  topology.networks.flatMap((network) =>
    laterOverlaps(subnetRanges(network)).map(([a, b]) =>
      error(
        b.path,
        `${networkLabel(network)}: ${b.label} ${b.text} overlaps ${a.label} ${a.text}; give each subnet a range of its own`,
      ),
    ),
  );

type Endpoint =
  { kind: 'network'; model: NetworkModel; index: number } | { kind: 'site'; model: SiteModel; index: number };

const endpointKey = (kind: 'network' | 'site', name: string) => `${kind}:${name}`;
/** One key for the two ends in either order; a JSON list, since a name may hold any text (a separator too). */
const pairKey = (a: string, b: string) => JSON.stringify([a, b].sort());
const endpointLabel = (e: Endpoint) => (e.kind === 'network' ? networkLabel(e.model) : siteLabel(e.model));

function endpoints(topology: TopologyModel): Map<string, Endpoint> {
  const map = new Map<string, Endpoint>();
  [...byRef(topology.networks).values()].forEach((model) =>
    map.set(endpointKey('network', refOf(model)), { kind: 'network', model, index: topology.networks.indexOf(model) }),
  );
  [...byName(topology.sites).values()].forEach((model) =>
    map.set(endpointKey('site', model.name), { kind: 'site', model, index: topology.sites.indexOf(model) }),
  );
  return map;
}

function connectionEnds(topology: TopologyModel) {
  return topology.connections.map((c) => ({
    connection: c,
    from: endpointKey('network', c.from),
    to: endpointKey(c.kind === 'vnet' ? 'network' : 'site', c.to),
  }));
}

/** Report on the later of the two (a site after every network), so that the message reads the way the file does. */
function overlapFindings(a: Endpoint, b: Endpoint, how: string): Finding[] {
  const [first, second] =
    a.kind === b.kind ? (a.index <= b.index ? [a, b] : [b, a]) : a.kind === 'network' ? [a, b] : [b, a];
  const findings: Finding[] = [];
  for (const r of addressSpaceRanges(second.model)) {
    const other = addressSpaceRanges(first.model).find((o) => overlaps(o.cidr, r.cidr));
    if (!other) continue;
    findings.push(
      error(
        r.path,
        `${endpointLabel(second)}: address space ${r.text} overlaps ${other.text} of ${endpointLabel(first)}, ${how}; choose ranges that do not overlap`,
      ),
    );
  }
  return findings;
}

/** Rule 1: networks (and sites) joined by a connection do not overlap. */
export const connectedWithoutOverlap: Rule = (topology) => {
  const all = endpoints(topology);
  const seen = new Set<string>();
  return connectionEnds(topology).flatMap(({ from, to }) => {
    const key = pairKey(from, to);
    const a = all.get(from);
    const b = all.get(to);
    if (seen.has(key) || !a || !b || from === to) return [];
    seen.add(key);
    return overlapFindings(a, b, 'which it connects to');
  });
};

/**
 * Rule 1 and 23: networks and sites that reach each other through BGP-enabled connections (transit) do not overlap
 * either. Pairs joined directly are left to `connectedWithoutOverlap`.
 */
export const transitWithoutOverlap: Rule = (topology) => {
  const all = endpoints(topology);
  const ends = connectionEnds(topology).filter((e) => all.has(e.from) && all.has(e.to));
  const direct = new Set(ends.map((e) => pairKey(e.from, e.to)));
  const neighbours = new Map<string, string[]>();
  for (const { connection, from, to } of ends) {
    if (!connection.enableBgp) continue;
    neighbours.set(from, [...(neighbours.get(from) ?? []), to]);
    neighbours.set(to, [...(neighbours.get(to) ?? []), from]);
  }
  const component = new Map<string, number>();
  let next = 0;
  for (const start of neighbours.keys()) {
    if (component.has(start)) continue;
    const stack = [start];
    component.set(start, next);
    while (stack.length > 0) {
      // Every network or site on the stack is a key of `neighbours`: each BGP connection above adds both its ends.
      for (const n of neighbours.get(stack.pop() as string) as string[]) {
        if (!component.has(n)) {
          component.set(n, next);
          stack.push(n);
        }
      }
    }
    next++;
  }
  const members = [...component.keys()];
  return pairs(members)
    .filter(([a, b]) => component.get(a) === component.get(b) && !direct.has(pairKey(a, b)))
    .flatMap(([a, b]) =>
      overlapFindings(all.get(a) as Endpoint, all.get(b) as Endpoint, 'which it reaches through BGP transit'),
    );
};

export const addressSpaceRules: readonly Rule[] = [
  addressSpaceNotEmpty,
  canonicalPrefixes,
  addressSpaceWithoutDuplicates,
  subnetsInsideAddressSpace,
  subnetsWithoutOverlap,
  connectedWithoutOverlap,
  transitWithoutOverlap,
];

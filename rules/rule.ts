// The token module, not the package root: the app checks a topology file before it loads cdktf (about 380 modules,
// against these 10), so that a refused file does not pay for it.
import { Token } from 'cdktf/lib/tokens/token';
import type { Cidr } from '../net/cidr';
import { overlaps, parseCidr } from '../net/cidr';
import type { NetworkModel, SiteModel, TopologyModel } from '../topology/model';
import type { Finding } from './finding';

/** One rule of Azure's: every finding it has about a topology, none when the topology keeps it. */
export type Rule = (topology: TopologyModel) => Finding[];

/** A value the rules can check: present and not a cdktf token that resolves only at synth or apply time. */
export function isKnown<T>(value: T | undefined): value is T {
  return value !== undefined && !Token.isUnresolved(value);
}

/**
 * Where a field of a thing lives: `networks[1].gatewaySubnetPrefix` in a file. A construct path (`stack/VNet1`) is
 * returned as it is, since the message names the field.
 */
export function fieldPath(owner: { readonly path: string }, field: string): string {
  if (owner.path.includes('/')) return owner.path;
  return `${owner.path}.${field}`;
}

/** `network "VNet1"` */
export const networkLabel = (network: Pick<NetworkModel, 'name'>) => `network "${network.name}"`;
/** `site "OnPrem"` */
export const siteLabel = (site: Pick<SiteModel, 'name'>) => `site "${site.name}"`;

/** A prefix the user wrote that parses, with where they wrote it and how a message names it. */
export interface Range {
  readonly text: string;
  readonly cidr: Cidr;
  readonly path: string;
  /** `address space`, `subnet "FrontEnd"`, `gatewaySubnetPrefix`. */
  readonly label: string;
}

function range(text: string | undefined, path: string, label: string): Range[] {
  if (!isKnown(text)) return [];
  const parsed = parseCidr(text);
  return parsed.ok ? [{ text, cidr: parsed.cidr, path, label }] : [];
}

/** The parseable prefixes of an address space (malformed ones are reported by their own rule). */
export function addressSpaceRanges(owner: NetworkModel | SiteModel): Range[] {
  if (!isKnown(owner.addressSpace)) return [];
  return owner.addressSpace.flatMap((text, i) => range(text, fieldPath(owner, `addressSpace[${i}]`), 'address space'));
}

/** The parseable prefixes of a network's subnets, GatewaySubnet last. */
export function subnetRanges(network: NetworkModel): Range[] {
  return [
    ...network.subnets.flatMap((subnet) =>
      range(subnet.addressPrefix, fieldPath(subnet, 'addressPrefix'), `subnet "${subnet.name}"`),
    ),
    ...range(network.gatewaySubnetPrefix, fieldPath(network, 'gatewaySubnetPrefix'), 'gatewaySubnetPrefix'),
  ];
}

/** How connections and groups refer to a network: its `ref`, which defaults to its name (as in a topology file). */
export const refOf = (network: Pick<NetworkModel, 'ref' | 'name'>) => network.ref ?? network.name;

/** Networks by `ref`, the first of each (later duplicates are reported by the names rules). */
export function byRef(networks: readonly NetworkModel[]): Map<string, NetworkModel> {
  const map = new Map<string, NetworkModel>();
  for (const network of networks) if (!map.has(refOf(network))) map.set(refOf(network), network);
  return map;
}

/** The name of the network a connection or group refers to, for messages; the reference itself when unknown. */
export function networkNameOf(topology: TopologyModel, ref: string): string {
  return (
    byRef(topology.networks).get(ref)?.name ??
    topology.existingGateways?.find((g) => g.path === ref)?.networkName ??
    ref
  );
}

/** The first of each name: later duplicates are reported by the names rules. */
export function byName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.name)) map.set(item.name, item);
  return map;
}

/**
 * For each range that overlaps one listed before it, that range and the first such: at most one pair a range, so that
 * a list of 2,000 copies of one prefix gives 1,999 pairs, not two million.
 */
export function laterOverlaps(ranges: readonly Range[]): [Range, Range][] {
  const found: [Range, Range][] = [];
  for (let j = 1; j < ranges.length; j++) {
    const b = ranges[j];
    for (let i = 0; i < j; i++) {
      if (overlaps(ranges[i].cidr, b.cidr)) {
        found.push([ranges[i], b]);
        break;
      }
    }
  }
  return found;
}

/** Every (a, b) with a before b. */
export function pairs<T>(items: readonly T[]): [T, T][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));
}

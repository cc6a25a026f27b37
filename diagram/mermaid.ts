import { canonicalLocation } from '../azure/regions';
import type { ConnectionModel, GatewayModel, NetworkModel, SiteModel, TopologyModel } from '../topology/model';
import {
  classDefLines,
  label,
  Line,
  markdownFence,
  NodeClass,
  NodeIds,
  MAX_LINE,
  pack,
  shortSubscription,
  shorten,
} from './mermaid-text';

export { escapeText } from './mermaid-text';

/**
 * Above either count a full drawing is noise (a 30-network mesh has 435 links): the diagram draws each mesh and each
 * hub's spokes as one group that lists its members, and the Markdown adds a table of the networks. A 9-network mesh
 * (36 links) is still drawn in full; a 10-network mesh (45) is drawn in groups.
 */
export const FULL_DRAWING_LIMITS = { networks: 24, connections: 40 } as const;

/** True when the topology is drawn in groups rather than network by network. */
export function isLargeTopology(model: TopologyModel): boolean {
  return (
    model.networks.length > FULL_DRAWING_LIMITS.networks || model.connections.length > FULL_DRAWING_LIMITS.connections
  );
}

/**
 * The topology as a Mermaid flowchart in a Markdown fence, which GitHub renders, with `title` as a heading above it.
 * A large topology (`isLargeTopology`) is drawn in groups and followed by a table of its networks.
 */
export function topologyDiagram(model: TopologyModel, title?: string): string {
  const fence = markdownFence(topologyFlowchart(model), title);
  return isLargeTopology(model) ? `${fence}\n${networkTable(model)}` : fence;
}

/**
 * The Mermaid flowchart text alone. Each network is a subgraph titled with its name alone (and its role: hub, spoke,
 * mesh), holding a details node (address spaces, region and resource group, subscription) and its gateway (SKU,
 * generation, active-active, BGP ASN); each site a parallelogram; each connection an edge, `<-->` when bidirectional,
 * labelled with its protocol. A one-line title keeps Mermaid from drawing nodes over the title's lower lines.
 */
export function topologyFlowchart(model: TopologyModel): string {
  return isLargeTopology(model) ? groupedFlowchart(model) : fullFlowchart(model);
}

type Role = 'hub' | 'spoke' | 'mesh';

function rolesOf(model: TopologyModel): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const group of model.groups) {
    if (group.kind === 'hubAndSpoke' && group.hub) {
      roles.set(group.hub, 'hub');
      for (const n of group.networks) if (n !== group.hub && !roles.has(n)) roles.set(n, 'spoke');
    }
  }
  for (const group of model.groups) {
    if (group.kind === 'mesh') for (const n of group.networks) if (!roles.has(n)) roles.set(n, 'mesh');
  }
  return roles;
}

/** Each site as a parallelogram of its own, in either drawing; returns the Mermaid node id of each site by name. */
function drawSites(model: TopologyModel, ids: NodeIds, lines: string[], used: Set<NodeClass>): Map<string, string> {
  const siteNode = new Map<string, string>();
  for (const site of model.sites) {
    const id = ids.for(`site_${site.name}`);
    lines.push(`  ${id}[/"${label(siteLines(site))}"/]:::site`);
    used.add('site');
    siteNode.set(site.name, id);
  }
  return siteNode;
}

function fullFlowchart(model: TopologyModel): string {
  const ids = new NodeIds();
  const roles = rolesOf(model);
  const used = new Set<NodeClass>();
  const lines: string[] = ['flowchart LR'];

  const gatewayNode = new Map<string, string>();
  for (const network of model.networks) {
    const role = roles.get(network.name);
    const subgraph = ids.for(`net_${network.name}`);
    const details = ids.for(`details_${network.name}`);
    const inner = ids.for(`gw_${network.name}`);
    lines.push(
      `  subgraph ${subgraph}["${label([{ bold: shorten(network.name, MAX_LINE.title), after: role ? ` · ${role}` : '' }])}"]`,
    );
    lines.push(`    ${details}["${label(networkLines(network))}"]:::details`);
    if (network.gateway) {
      const cls: NodeClass = role === 'hub' ? 'hub' : 'gateway';
      lines.push(`    ${inner}{{"${label(gatewayLines(network.gateway))}"}}:::${cls}`);
      used.add(cls);
    } else {
      lines.push(`    ${inner}["${label(['no gateway'])}"]:::details`);
    }
    used.add('details');
    lines.push('  end');
    gatewayNode.set(network.name, inner);
  }

  const siteNode = drawSites(model, ids, lines, used);

  for (const connection of model.connections) {
    const from = gatewayNode.get(connection.from);
    const to = connection.kind === 'site' ? siteNode.get(connection.to) : gatewayNode.get(connection.to);
    if (!from || !to) continue; // The rules report a connection to something that does not exist.
    const arrow = connection.bidirectional ? '<-->' : '-->';
    lines.push(`  ${from} ${arrow}|"${label([edgeLabel(connection)])}"| ${to}`);
  }
  lines.push(...classDefLines(used));
  return lines.join('\n');
}

function networkLines(network: NetworkModel, max: number = MAX_LINE.details): Line[] {
  return [
    ...pack(network.addressSpace, max),
    shorten(`${canonicalLocation(network.location)} · ${network.resourceGroup}`, max),
    ...(network.subscriptionId ? [`subscription ${shortSubscription(network.subscriptionId)}`] : []),
  ];
}

function gatewayLines(gateway: GatewayModel): Line[] {
  return [
    { bold: shorten(gateway.name, MAX_LINE.node) },
    `${gateway.sku} · ${gateway.generation.replace('Generation', 'Gen')}`,
    gateway.activeActive ? 'active-active' : 'active-standby',
    ...(gateway.bgp ? [`BGP ASN ${gateway.bgp.asn}`] : []),
  ];
}

function siteLines(site: SiteModel): Line[] {
  return [
    { bold: shorten(site.name, MAX_LINE.node) },
    'site',
    shorten(site.gatewayAddress ?? site.gatewayFqdn ?? '', MAX_LINE.node),
    ...pack(site.addressSpace, MAX_LINE.node),
    ...(site.bgp ? [`BGP ASN ${site.bgp.asn}`] : []),
  ];
}

function edgeLabel(connection: ConnectionModel): string {
  const type = connection.kind === 'site' ? ['IPsec'] : [];
  return [...type, connection.protocol, ...(connection.enableBgp ? ['BGP'] : [])].join(' · ');
}

/** "1 network", "3 networks". */
function networkCount(n: number): string {
  return n === 1 ? '1 network' : `${n} networks`;
}

/**
 * A large topology: each mesh one node listing its members, each hub-and-spoke its hub and one node listing its
 * spokes, every other network and site a node of its own; connections inside a group are not drawn, the others are
 * drawn once per pair of nodes with their count.
 */
function groupedFlowchart(model: TopologyModel): string {
  const ids = new NodeIds();
  const used = new Set<NodeClass>();
  const lines: string[] = ['flowchart LR'];
  const placeOf = new Map<string, string>();

  const members = (names: readonly string[]): Line[] => pack(names, MAX_LINE.node);
  const gatewayOf = (name: string) => model.networks.find((n) => n.name === name);

  for (const group of model.groups) {
    if (group.kind === 'hubAndSpoke' && group.hub) {
      if (!placeOf.has(group.hub)) {
        const id = ids.for(`gw_${group.hub}`);
        const hub = gatewayOf(group.hub);
        lines.push(
          `  ${id}{{"${label([{ bold: shorten(group.hub, MAX_LINE.node - 6), after: ' · hub' }, ...(hub ? networkLines(hub, MAX_LINE.node) : [])])}"}}:::hub`,
        );
        used.add('hub');
        placeOf.set(group.hub, id);
      }
      const spokes = group.networks.filter((n) => n !== group.hub && !placeOf.has(n));
      if (spokes.length === 0) continue;
      const id = ids.for(`spokes_${group.hub}`);
      const heading = { bold: `spokes of ${shorten(group.hub, MAX_LINE.node - 10)}` };
      lines.push(`  ${id}[["${label([heading, networkCount(spokes.length), ...members(spokes)])}"]]:::group`);
      used.add('group');
      for (const s of spokes) placeOf.set(s, id);
    } else if (group.kind === 'mesh') {
      const inMesh = group.networks.filter((n) => !placeOf.has(n));
      if (inMesh.length === 0) continue;
      const id = ids.for(`mesh_${inMesh[0]}`);
      const heading = { bold: 'mesh', after: ` · ${networkCount(inMesh.length)}${group.bgp ? ' · BGP' : ''}` };
      lines.push(`  ${id}[["${label([heading, ...members(inMesh)])}"]]:::group`);
      used.add('group');
      for (const n of inMesh) placeOf.set(n, id);
    }
  }
  for (const network of model.networks) {
    if (placeOf.has(network.name)) continue;
    const id = ids.for(`gw_${network.name}`);
    const gateway = network.gateway
      ? [shorten(network.gateway.name, MAX_LINE.node), network.gateway.sku]
      : ['no gateway'];
    lines.push(`  ${id}{{"${label([{ bold: shorten(network.name, MAX_LINE.node) }, ...gateway])}"}}:::gateway`);
    used.add('gateway');
    placeOf.set(network.name, id);
  }
  const siteNode = drawSites(model, ids, lines, used);

  const edges = new Map<string, { from: string; to: string; count: number; first: ConnectionModel }>();
  for (const connection of model.connections) {
    const from = placeOf.get(connection.from);
    const to = connection.kind === 'site' ? siteNode.get(connection.to) : placeOf.get(connection.to);
    if (!from || !to || from === to) continue;
    const key = [from, to].sort().join(' ');
    const edge = edges.get(key);
    if (edge) edge.count++;
    else edges.set(key, { from, to, count: 1, first: connection });
  }
  for (const { from, to, count, first } of edges.values()) {
    const text = count === 1 ? edgeLabel(first) : `${count} connections`;
    lines.push(`  ${from} <-->|"${label([text])}"| ${to}`);
  }
  lines.push(...classDefLines(used));
  return lines.join('\n');
}

/** The networks of a large topology, in full, as a Markdown table. */
export function networkTable(model: TopologyModel): string {
  const rows = model.networks.map((n) => {
    const gateway = n.gateway
      ? `${markdownCell(n.gateway.name)} (${n.gateway.sku}${n.gateway.bgp ? `, BGP ASN ${n.gateway.bgp.asn}` : ''})`
      : '';
    const cells = [
      n.name,
      n.addressSpace.join(', '),
      canonicalLocation(n.location),
      n.resourceGroup,
      n.subscriptionId ?? '',
    ];
    return [...cells.map(markdownCell), gateway].join(' | ');
  });
  return [
    '| Network | Address space | Region | Resource group | Subscription | Gateway |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}

/**
 * User text in a Markdown table cell: every character that Markdown or HTML could read as syntax (a pipe ends the
 * cell, `<` opens a tag, `[` a link, `*` emphasis) becomes a numeric character reference, which renders as itself.
 */
export function markdownCell(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#!|~&"\r\n]/g, (c) => (c === '\r' || c === '\n' ? ' ' : `&#${c.charCodeAt(0)};`));
}

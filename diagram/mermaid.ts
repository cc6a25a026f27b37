import { canonicalLocation } from '../azure/regions';
import type { ConnectionModel, GatewayModel, NetworkModel, SiteModel, TopologyModel } from '../topology/model';

/**
 * The topology as a Mermaid flowchart in a Markdown fence, which GitHub renders: each network a subgraph (name,
 * address spaces, region, resource group, subscription) holding its gateway (SKU, generation, active-active, BGP ASN);
 * each site a node; each connection an edge, `<-->` when bidirectional, labelled with its type and protocol.
 */
export function topologyDiagram(model: TopologyModel, title?: string): string {
  const ids = new NodeIds();
  const lines: string[] = ['flowchart LR'];

  const gatewayNode = new Map<string, string>();
  for (const network of model.networks) {
    const subgraph = ids.for(`net_${network.name}`);
    lines.push(`  subgraph ${subgraph}["${label(networkLines(network))}"]`);
    const inner = ids.for(`gw_${network.name}`);
    if (network.gateway) {
      lines.push(`    ${inner}{{"${label(gatewayLines(network.gateway))}"}}`);
    } else {
      lines.push(`    ${inner}["${label(['no gateway'])}"]`);
    }
    lines.push('  end');
    gatewayNode.set(network.name, inner);
  }

  const siteNode = new Map<string, string>();
  for (const site of model.sites) {
    const id = ids.for(`site_${site.name}`);
    lines.push(`  ${id}[/"${label(siteLines(site))}"/]`);
    siteNode.set(site.name, id);
  }

  for (const connection of model.connections) {
    const from = gatewayNode.get(connection.from);
    const to = connection.kind === 'site' ? siteNode.get(connection.to) : gatewayNode.get(connection.to);
    if (!from || !to) continue; // The rules report a connection to something that does not exist.
    const arrow = connection.bidirectional ? '<-->' : '-->';
    lines.push(`  ${from} ${arrow}|"${label([edgeLabel(connection)])}"| ${to}`);
  }

  const heading = title === undefined ? [] : [`### ${title}`, ''];
  return [...heading, '```mermaid', ...lines, '```', ''].join('\n');
}

function networkLines(network: NetworkModel): Line[] {
  return [
    { bold: network.name },
    network.addressSpace.join(', '),
    `${canonicalLocation(network.location)} · ${network.resourceGroup}`,
    ...(network.subscriptionId ? [`subscription ${network.subscriptionId}`] : []),
  ];
}

function gatewayLines(gateway: GatewayModel): Line[] {
  return [
    gateway.name,
    `${gateway.sku} · ${gateway.generation}`,
    gateway.activeActive ? 'active-active' : 'active-standby',
    ...(gateway.bgp ? [`BGP ASN ${gateway.bgp.asn}`] : []),
  ];
}

function siteLines(site: SiteModel): Line[] {
  return [
    { bold: site.name, after: ' (site)' },
    site.gatewayAddress ?? site.gatewayFqdn ?? '',
    ...(site.addressSpace.length > 0 ? [site.addressSpace.join(', ')] : []),
    ...(site.bgp ? [`BGP ASN ${site.bgp.asn}`] : []),
  ];
}

function edgeLabel(connection: ConnectionModel): string {
  const type = connection.kind === 'site' ? 'IPsec' : 'VNet-to-VNet';
  return [type, connection.protocol, ...(connection.enableBgp ? ['BGP'] : [])].join(' · ');
}

/**
 * Text for a quoted Mermaid label. Mermaid reads `#…;` as an entity and a `"` as the end of the label, and GitHub
 * renders labels as HTML: user text is entity-encoded, so only the `<b>` and `<br/>` written here are markup.
 */
function label(lines: readonly Line[]): string {
  return lines
    .map((line) =>
      typeof line === 'string' ? escapeText(line) : `<b>${escapeText(line.bold)}</b>${escapeText(line.after ?? '')}`,
    )
    .join('<br/>');
}

/** A line of a label: plain text, or a bold name followed by plain text. */
type Line = string | { readonly bold: string; readonly after?: string };

/** Mermaid entity codes (`#34;`) for every character that could end a label or read as markup. */
export function escapeText(text: string): string {
  return text.replace(/[#&"<>[\]{}()|`;]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Mermaid node ids from user names: letters, digits and `_` only, unique even when two names differ only in symbols. */
class NodeIds {
  private readonly used = new Set<string>();

  public for(name: string): string {
    const base = name.replace(/[^A-Za-z0-9_]/g, '_');
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    return id;
  }
}

import { escapeText, topologyDiagram } from '../../diagram/mermaid';
import type { TopologyFileInput } from '../../topology/schema';
import { loadTopology, readTopology } from '../support/synth';

const seed = readTopology('vnet1-vnet4.json').model;

const network = (name: string, octet: number, extra: Record<string, unknown> = {}) => ({
  name,
  resourceGroup: `RG-${name}`,
  location: 'westeurope',
  addressSpace: [`10.${octet}.0.0/16`],
  gatewaySubnetPrefix: `10.${octet}.255.0/27`,
  gateway: {},
  ...extra,
});

const mesh = loadTopology({
  networks: [
    network('A', 1),
    network('B', 2, { subscriptionId: '00000000-0000-0000-0000-00000000000b' }),
    network('C', 3, { gateway: { bgp: { asn: 65010 } } }),
    network('D', 4, { gateway: { bgp: { asn: 65020 } } }),
  ],
  mesh: ['A', 'B', 'C', 'D'],
} satisfies TopologyFileInput).model;

describe('topologyDiagram', () => {
  it('draws the article topology', () => {
    expect(topologyDiagram(seed, 'VNet1 <-> VNet4')).toMatchSnapshot();
  });

  it('draws a 4-network mesh', () => {
    expect(topologyDiagram(mesh)).toMatchSnapshot();
  });

  it.each([
    ['seed', seed],
    ['mesh', mesh],
  ])('%s: every network is a subgraph and every connection an edge between its gateways', (_, model) => {
    const text = topologyDiagram(model);
    for (const n of model.networks) {
      expect(text).toContain(`subgraph net_${n.name}["<b>${n.name}</b><br/>${n.addressSpace.join(', ')}`);
      expect(text).toContain(`gw_${n.name}{{"${n.gateway?.name}<br/>${n.gateway?.sku}`);
    }
    const edges = text.split('\n').filter((line) => line.includes('<-->') || line.includes('-->'));
    expect(edges).toHaveLength(model.connections.length);
    for (const c of model.connections) {
      expect(edges).toContainEqual(expect.stringMatching(new RegExp(`^  gw_${c.from} <-->\\|"VNet-to-VNet · IKEv2`)));
      expect(edges.some((e) => e.startsWith(`  gw_${c.from} `) && e.endsWith(` gw_${c.to}`))).toBe(true);
    }
  });

  it('is one ```mermaid fence that starts a flowchart, with the title above it', () => {
    const lines = topologyDiagram(seed, 'Title').split('\n');
    expect(lines.slice(0, 4)).toEqual(['### Title', '', '```mermaid', 'flowchart LR']);
    expect(lines.filter((l) => l.startsWith('```'))).toEqual(['```mermaid', '```']);
  });

  it('shows BGP, the subscription, a one-way connection and a site', () => {
    const model = loadTopology({
      networks: [network('Hub', 1, { gateway: { bgp: { asn: 65001 } }, subscriptionId: 'sub-1' })],
      sites: [{ name: 'Branch', gatewayAddress: '203.0.113.7', addressSpace: ['192.168.0.0/24'] }],
      connections: [{ from: 'Hub', toSite: 'Branch' }],
    }).model;
    const text = topologyDiagram(model);
    expect(text).toContain('BGP ASN 65001');
    expect(text).toContain('subscription sub-1');
    expect(text).toContain('site_Branch[/"<b>Branch</b> #40;site#41;<br/>203.0.113.7<br/>192.168.0.0/24"/]');
    expect(text).toContain('  gw_Hub -->|"IPsec · IKEv2"| site_Branch');
  });

  it('makes safe, distinct node ids from names with symbols', () => {
    const model = loadTopology({
      networks: [network('a-b', 1), network('a_b', 2), network('end', 3)],
    }).model;
    const text = topologyDiagram(model);
    expect(text).toContain('subgraph net_a_b[');
    expect(text).toContain('subgraph net_a_b_2[');
    expect(text).toContain('subgraph net_end[');
    expect(text).toMatch(/gw_a_b\{\{/);
    expect(text).toMatch(/gw_a_b_2\{\{/);
  });

  it.each([
    ['say "hi"', 'say #34;hi#34;'],
    ['<script>', '#60;script#62;'],
    ['a[1]{2}(3)|x', 'a#91;1#93;#123;2#125;#40;3#41;#124;x'],
    ['#35; & ;', '#35;35#59; #38; #59;'],
  ])('escapes %j in labels', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('escapes user text in the diagram itself', () => {
    const model = loadTopology({ networks: [network('VNet"1]', 1, { resourceGroup: 'RG<1>' })] }).model;
    const text = topologyDiagram(model);
    expect(text).toContain('<b>VNet#34;1#93;</b>');
    expect(text).toContain('RG#60;1#62;');
    expect(text).not.toContain('"1]');
  });
});

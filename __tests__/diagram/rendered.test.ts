/**
 * The diagrams as the real Mermaid draws them (mermaid-cli's Mermaid 11 in headless Chromium, one page for all): no
 * subgraph title, edge label or node is drawn over a node, and no text runs out of its shape. Rendered once, checked
 * per case.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeFlowchart } from '../../diagram/change-diagram';
import { findOverlaps, Geometry } from '../../diagram/geometry';
import { topologyFlowchart } from '../../diagram/mermaid';
import { compareStacks } from '../../review/compare';
import type { TopologyFileInput } from '../../topology/schema';
import { DiagramSource, exampleDiagrams, renderDiagrams } from '../../scripts/diagram-render';
import { network, seedInput } from '../support/topologies';
import { loadTopology, ROOT, synthJson } from '../support/synth';

const guid = (n: number) =>
  `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8000-${'0'.repeat(12)}`;

/** Several subscriptions, names near Azure's 64-character limit, long resource groups, a site with an FQDN. */
const longNames: TopologyFileInput = {
  networks: [1, 2, 3].map((n) =>
    network(n, {
      name: `contoso-production-${['westeurope', 'northeurope', 'swedencentral'][n - 1]}-payments-core-vnet`,
      resourceGroup: `rg-contoso-production-payments-core-networking-${n}-managed-by-platform-team`,
      subscriptionId: guid(n),
      gateway: { bgp: { asn: 65000 + n } },
    }),
  ),
  sites: [
    {
      name: 'amsterdam-datacenter-primary-edge-firewall-cluster',
      gatewayFqdn: 'vpn-edge-01.amsterdam.datacenter.contoso-payments.example.com',
      addressSpace: ['192.168.0.0/20', '192.168.16.0/20', '172.20.0.0/16'],
      bgp: { asn: 64512, peeringAddress: '192.168.0.254' },
    },
  ],
};
longNames.hubAndSpoke = {
  hub: longNames.networks[0].name,
  spokes: longNames.networks.slice(1).map((n) => n.name),
  bgp: true,
};
longNames.connections = [{ from: longNames.networks[0].name, toSite: longNames.sites![0].name, enableBgp: true }];

const meshOf = (n: number): TopologyFileInput => ({
  networks: Array.from({ length: n }, (_, i) => network(i + 1)),
  mesh: Array.from({ length: n }, (_, i) => `VNet${i + 1}`),
});

/** The seed with a third network: the review pictures change it one way each. */
function reviewed(change: (t: TopologyFileInput) => void): string {
  const base = () => {
    const input = seedInput();
    input.networks.push(network(5));
    return input;
  };
  const old = synthJson(loadTopology(base(), 'vnet1-vnet4'));
  const input = base();
  change(input);
  const now = synthJson(loadTopology(input, 'vnet1-vnet4'));
  return changeFlowchart(compareStacks(old, now), now, old);
}

/** The layout before this check: titles of several lines, which Mermaid draws the gateway over. */
const OLD_LAYOUT = [
  'flowchart LR',
  '  subgraph net_VNet1["<b>VNet1</b><br/>10.1.0.0/16<br/>eastus · TestRG1<br/>subscription 11111111-1111-1111-1111-111111111111"]',
  '    gw_VNet1{{"VNet1GW<br/>VpnGw2AZ · Generation2<br/>active-active"}}',
  '  end',
  '  subgraph net_VNet5["<b>VNet5</b><br/>10.51.0.0/16<br/>westeurope · TestRG5<br/>subscription 22222222-2222-2222-2222-222222222222"]',
  '    gw_VNet5{{"VNet5GW<br/>VpnGw2AZ · Generation2<br/>active-active"}}',
  '  end',
  '  gw_VNet1 <-->|"VNet-to-VNet · IKEv2"| gw_VNet5',
].join('\n');

const diagrams: DiagramSource[] = [
  ...exampleDiagrams(),
  { name: 'long-names-subscriptions-site', text: topologyFlowchart(loadTopology(longNames).model) },
  { name: 'mesh-of-9', text: topologyFlowchart(loadTopology(meshOf(9)).model) },
  { name: 'mesh-of-30', text: topologyFlowchart(loadTopology(meshOf(30)).model) },
  {
    name: 'review-gateway-replaced',
    text: reviewed((t) => ((t.networks[0].gateway as Record<string, unknown>).generation = 'Generation1')),
  },
  {
    name: 'review-connection-added',
    text: reviewed((t) => (t.connections = [...(t.connections ?? []), { from: 'VNet1', to: 'VNet5' }])),
  },
  {
    name: 'review-key-rotated',
    text: reviewed((t) => ((t.connections as Record<string, unknown>[])[0].sharedKey = { generate: true, length: 32 })),
  },
];

let geometry: Record<string, Geometry>;

beforeAll(() => {
  // DIAGRAM_TEST_OUTDIR keeps the SVGs for a look.
  const outdir = process.env.DIAGRAM_TEST_OUTDIR || mkdtempSync(join(tmpdir(), 'svg-'));
  geometry = renderDiagrams([...diagrams, { name: 'old-layout', text: OLD_LAYOUT }], outdir);
}, 600_000);

describe('the rendered diagrams', () => {
  it.each(diagrams.map((d) => d.name))('%s: no label or node is drawn over a node', (name) => {
    expect(geometry[name].nodes.length).toBeGreaterThan(0);
    expect(findOverlaps(geometry[name])).toEqual([]);
  });

  it('measures what is drawn: every node, subgraph and edge label of the hub-and-spoke example', () => {
    const { nodes, clusters, edgeLabels } = geometry['hub-and-spoke'];
    expect(nodes.map((n) => n.id).sort()).toEqual(
      ['Hub', 'Spoke1', 'Spoke2', 'Spoke3'].flatMap((n) => [`details_${n}`, `gw_${n}`]).sort(),
    );
    expect(clusters.map((c) => c.id).sort()).toEqual(['net_Hub', 'net_Spoke1', 'net_Spoke2', 'net_Spoke3']);
    expect(edgeLabels).toHaveLength(3);
  });

  it('sees what it is for: in the old layout, the gateways are drawn over the lower lines of the titles', () => {
    expect(findOverlaps(geometry['old-layout'])).toEqual(
      expect.arrayContaining([
        'the title of subgraph net_VNet1 overlaps node gw_VNet1',
        'the title of subgraph net_VNet5 overlaps node gw_VNet5',
      ]),
    );
  });

  it('docs/diagrams holds the rendered diagram of every example (npm run diagrams)', () => {
    for (const { name } of exampleDiagrams())
      expect(existsSync(join(ROOT, 'docs', 'diagrams', `${name}.svg`))).toBe(true);
  });
});

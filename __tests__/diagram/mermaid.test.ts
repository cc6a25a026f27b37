import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  escapeText,
  FULL_DRAWING_LIMITS,
  isLargeTopology,
  markdownCell,
  networkTable,
  topologyDiagram,
  topologyFlowchart,
} from '../../diagram/mermaid';
import { CLASS_DEFS, pack, shorten, shortSubscription } from '../../diagram/mermaid-text';
import type { TopologyFileInput } from '../../topology/schema';
import { loadTopology, readTopology, ROOT } from '../support/synth';

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

/** A mesh of `n` networks: n(n-1)/2 connections. */
const meshOf = (n: number) =>
  loadTopology({
    networks: Array.from({ length: n }, (_, i) => network(`N${i + 1}`, i + 1)),
    mesh: Array.from({ length: n }, (_, i) => `N${i + 1}`),
  }).model;

const examples = readdirSync(join(ROOT, 'topologies'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('topologyDiagram', () => {
  it.each(examples)('draws the example %s (snapshot of the Mermaid text)', (file) => {
    expect(topologyDiagram(readTopology(file).model, file.replace(/\.json$/, ''))).toMatchSnapshot();
  });

  it('draws a 4-network mesh', () => {
    expect(topologyDiagram(mesh)).toMatchSnapshot();
  });

  it.each([
    ['seed', seed],
    ['mesh', mesh],
  ])(
    '%s: every network is a subgraph with a one-line title, its details and its gateway; every connection an edge',
    (_, model) => {
      const text = topologyDiagram(model);
      for (const n of model.networks) {
        expect(text).toMatch(new RegExp(`subgraph net_${n.name}\\["<b>${n.name}</b>( · mesh)?"\\]`));
        expect(text).toContain(`details_${n.name}["${n.addressSpace.join(', ')}<br/>`);
        expect(text).toContain(`gw_${n.name}{{"<b>${n.gateway?.name}</b><br/>${n.gateway?.sku} · Gen`);
      }
      const edges = text.split('\n').filter((line) => line.includes('<-->') || line.includes('-->'));
      expect(edges).toHaveLength(model.connections.length);
      for (const c of model.connections) {
        expect(edges.some((e) => e.startsWith(`  gw_${c.from} <-->|"IKEv2`) && e.endsWith(` gw_${c.to}`))).toBe(true);
      }
    },
  );

  it('is one ```mermaid fence that starts a flowchart, with the title above it', () => {
    const lines = topologyDiagram(seed, 'Title').split('\n');
    expect(lines.slice(0, 4)).toEqual(['### Title', '', '```mermaid', 'flowchart LR']);
    expect(lines.filter((l) => l.startsWith('```'))).toEqual(['```mermaid', '```']);
  });

  it('marks the hub and the spokes, and members of a mesh', () => {
    const hub = readTopology('hub-and-spoke.json').model;
    const text = topologyFlowchart(hub);
    expect(text).toContain('subgraph net_Hub["<b>Hub</b> · hub"]');
    expect(text).toMatch(/gw_Hub\{\{.*\}\}:::hub$/m);
    expect(text).toContain('subgraph net_Spoke1["<b>Spoke1</b> · spoke"]');
    expect(text).toMatch(/gw_Spoke1\{\{.*\}\}:::gateway$/m);
    expect(topologyFlowchart(mesh)).toContain('subgraph net_A["<b>A</b> · mesh"]');
    expect(topologyFlowchart(seed)).toContain('subgraph net_VNet1["<b>VNet1</b>"]');
  });

  it('shows BGP, a shortened subscription, a one-way connection and a site', () => {
    const model = loadTopology({
      networks: [
        network('Hub', 1, {
          gateway: { bgp: { asn: 65001 } },
          subscriptionId: '12345678-90ab-cdef-1234-567890abcdef',
        }),
      ],
      sites: [{ name: 'Branch', gatewayAddress: '203.0.113.7', addressSpace: ['192.168.0.0/24'] }],
      connections: [{ from: 'Hub', toSite: 'Branch' }],
    }).model;
    const text = topologyDiagram(model);
    expect(text).toContain('BGP ASN 65001');
    expect(text).toContain('subscription 12345678…');
    expect(text).not.toContain('90ab');
    expect(text).toContain('site_Branch[/"<b>Branch</b><br/>site<br/>203.0.113.7<br/>192.168.0.0/24"/]:::site');
    expect(text).toContain('  gw_Hub -->|"IPsec · IKEv2"| site_Branch');
  });

  it('draws a standby gateway, a network without one, a site by FQDN with BGP, and no edge to what is not drawn', () => {
    const model = loadTopology({
      networks: [network('A', 1, { gateway: { activeActive: false } }), network('B', 2, { gateway: undefined })],
      sites: [
        {
          name: 'S',
          gatewayFqdn: 'vpn.example.com',
          addressSpace: ['192.168.0.0/24'],
          bgp: { asn: 65050, peeringAddress: '192.168.0.1' },
        },
      ],
      connections: [
        { from: 'A', toSite: 'S' },
        { from: 'A', to: 'Elsewhere' },
        { from: 'A', toSite: 'Nowhere' },
      ],
    }).model;
    expect(topologyFlowchart(model).split('\n')).toEqual([
      'flowchart LR',
      '  subgraph net_A["<b>A</b>"]',
      '    details_A["10.1.0.0/16<br/>westeurope · RG-A"]:::details',
      '    gw_A{{"<b>AGW</b><br/>VpnGw2AZ · Gen2<br/>active-standby"}}:::gateway',
      '  end',
      '  subgraph net_B["<b>B</b>"]',
      '    details_B["10.2.0.0/16<br/>westeurope · RG-B"]:::details',
      '    gw_B["no gateway"]:::details',
      '  end',
      '  site_S[/"<b>S</b><br/>site<br/>vpn.example.com<br/>192.168.0.0/24<br/>BGP ASN 65050"/]:::site',
      '  gw_A -->|"IPsec · IKEv2"| site_S',
      `  classDef gateway ${CLASS_DEFS.gateway}`,
      `  classDef site ${CLASS_DEFS.site}`,
      `  classDef details ${CLASS_DEFS.details}`,
    ]);
  });

  it('leaves the address line of a site without one empty (a site built in code may have neither)', () => {
    const model = loadTopology({ networks: [network('A', 1)] }).model;
    const text = topologyFlowchart({ ...model, sites: [{ path: 'Site', name: 'S', addressSpace: [] }] });
    expect(text.split('\n').filter((l) => l.includes('site_'))).toEqual([
      '  site_S[/"<b>S</b><br/>site<br/>"/]:::site',
    ]);
  });

  it('gives a network in two groups its first role: hub before spoke, hub or spoke before mesh', () => {
    const model = loadTopology({
      networks: ['A', 'B', 'C', 'D', 'E'].map((n, i) => network(n, i + 1)),
      mesh: ['A', 'B', 'C'],
      hubAndSpoke: { hub: 'A', spokes: ['D'] },
    }).model;
    // A second hub-and-spoke, as a second HubAndSpoke construct adds it: A is a spoke there.
    const second = { path: 'Second', kind: 'hubAndSpoke', hub: 'E', networks: ['E', 'A', 'D'], bgp: false } as const;
    const text = topologyFlowchart({ ...model, groups: [...model.groups, second] });
    expect(text.split('\n').filter((l) => l.startsWith('  subgraph') || l.startsWith('    gw_'))).toEqual([
      '  subgraph net_A["<b>A</b> · hub"]',
      '    gw_A{{"<b>AGW</b><br/>VpnGw2AZ · Gen2<br/>active-active"}}:::hub',
      '  subgraph net_B["<b>B</b> · mesh"]',
      '    gw_B{{"<b>BGW</b><br/>VpnGw2AZ · Gen2<br/>active-active"}}:::gateway',
      '  subgraph net_C["<b>C</b> · mesh"]',
      '    gw_C{{"<b>CGW</b><br/>VpnGw2AZ · Gen2<br/>active-active"}}:::gateway',
      '  subgraph net_D["<b>D</b> · spoke"]',
      '    gw_D{{"<b>DGW</b><br/>VpnGw2AZ · Gen2<br/>active-active"}}:::gateway',
      '  subgraph net_E["<b>E</b> · hub"]',
      '    gw_E{{"<b>EGW</b><br/>VpnGw2AZ · Gen2<br/>active-active"}}:::hub',
    ]);
  });

  it('packs values into lines of a given length', () => {
    expect(pack(['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16'], 24)).toEqual([
      '10.1.0.0/16, 10.2.0.0/16',
      '10.3.0.0/16',
    ]);
    expect(pack(['a'.repeat(30), 'b'], 24)).toEqual([`${'a'.repeat(12)}…${'a'.repeat(11)}`, 'b']);
    expect(pack([], 24)).toEqual([]);
  });

  it('shortens long values in the middle and keeps both ends', () => {
    expect(shorten('a'.repeat(40))).toBe('a'.repeat(40));
    expect(shorten('a'.repeat(41))).toBe(`${'a'.repeat(20)}…${'a'.repeat(19)}`);
    expect(shorten('abcdefghij', 5)).toBe('ab…ij');
    expect(shorten('abcdefghij', 6)).toBe('abc…ij');
    expect(shortSubscription('00000000-0000-0000-0000-00000000000b')).toBe('00000000…');
    expect(shortSubscription('not-a-guid')).toBe('not-a-guid');
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

describe('large topologies', () => {
  it.each([
    [9, false],
    [10, true],
  ])('a mesh of %i networks is drawn in groups: %s', (n, large) => {
    const model = meshOf(n);
    expect(model.connections.length > FULL_DRAWING_LIMITS.connections).toBe(large);
    expect(isLargeTopology(model)).toBe(large);
    expect(topologyFlowchart(model).includes('subgraph ')).toBe(!large);
  });

  it.each([
    [FULL_DRAWING_LIMITS.networks, false],
    [FULL_DRAWING_LIMITS.networks + 1, true],
  ])('%i unconnected networks are drawn in groups: %s', (n, large) => {
    const model = loadTopology({ networks: Array.from({ length: n }, (_, i) => network(`N${i + 1}`, i + 1)) }).model;
    expect(isLargeTopology(model)).toBe(large);
  });

  it('a 30-network mesh is one group listing every member, and a table of the networks', () => {
    const model = meshOf(30);
    expect(model.connections).toHaveLength(435);
    const text = topologyDiagram(model);
    const flowchart = topologyFlowchart(model);
    expect(flowchart).toMatch(/^ {2}mesh_N1\[\["<b>mesh<\/b> · 30 networks<br\/>N1, N2, N3, N4, N5<br\/>N6, /m);
    for (let i = 1; i <= 30; i++) expect(flowchart).toMatch(new RegExp(`[ >]N${i}[,<"]`));
    expect(flowchart).not.toContain('<-->');
    const table = text.slice(text.indexOf('```\n\n') + 5).split('\n');
    expect(table[0]).toBe('| Network | Address space | Region | Resource group | Subscription | Gateway |');
    expect(table).toContain('| N30 | 10.30.0.0/16 | westeurope | RG-N30 |  | N30GW (VpnGw2AZ) |');
    expect(table.filter((l) => /^\| N\d/.test(l))).toHaveLength(30);
  });

  it('a large hub-and-spoke: the hub, one node for its spokes, one edge with the count, and the rest apart', () => {
    const spokes = Array.from({ length: 41 }, (_, i) => `S${i + 1}`);
    const model = loadTopology({
      networks: [
        network('Hub', 200, { gateway: { sku: 'VpnGw5AZ' } }),
        ...spokes.map((s, i) => network(s, i + 1)),
        network('Lone', 201),
      ],
      sites: [{ name: 'Branch', gatewayAddress: '203.0.113.7', addressSpace: ['192.168.0.0/24'] }],
      hubAndSpoke: { hub: 'Hub', spokes },
      connections: [
        { from: 'Lone', to: 'Hub' },
        { from: 'Lone', toSite: 'Branch' },
      ],
    }).model;
    expect(isLargeTopology(model)).toBe(true);
    const text = topologyFlowchart(model);
    expect(text).toMatch(/^ {2}gw_Hub\{\{"<b>Hub<\/b> · hub<br\/>10\.200\.0\.0\/16/m);
    expect(text).toContain('spokes_Hub[["<b>spokes of Hub</b><br/>41 networks<br/>S1, S2, S3, S4, S5<br/>S6, ');
    expect(text).toContain('  gw_Hub <-->|"41 connections"| spokes_Hub');
    expect(text).toContain('  gw_Lone <-->|"IKEv2"| gw_Hub');
    expect(text).toContain('  gw_Lone <-->|"IPsec · IKEv2"| site_Branch');
    expect(text.split('\n').filter((l) => l.includes('<-->'))).toHaveLength(3);
  });

  it.each([
    [4, false],
    [5, true],
  ])('a 9-network mesh and %i more connections is drawn in groups: %s', (extra, large) => {
    const model = loadTopology({
      networks: Array.from({ length: 10 }, (_, i) => network(`N${i + 1}`, i + 1)),
      mesh: Array.from({ length: 9 }, (_, i) => `N${i + 1}`),
      connections: Array.from({ length: extra }, (_, i) => ({ from: 'N10', to: `N${i + 1}` })),
    }).model;
    expect(model.connections).toHaveLength(36 + extra);
    expect(isLargeTopology(model)).toBe(large);
  });

  /** A 10-network mesh (45 connections): a large topology whose mesh is one line. */
  const meshNetworks = Array.from({ length: 10 }, (_, i) => network(`M${i + 1}`, i + 1));
  const meshNames = meshNetworks.map((n) => n.name);
  const meshLine = (id: string, count: number, bgp: string, members: string) =>
    `  ${id}[["<b>mesh</b> · ${count} networks${bgp}<br/>${members}"]]:::group`;

  it('grouped: a hub already in the mesh is drawn once, spokes already drawn get no node, the rest apart', () => {
    const model = loadTopology({
      networks: [...meshNetworks, network('Lone', 20), network('NoGateway', 21, { gateway: undefined })],
      mesh: { networks: meshNames, enableBgp: true },
      hubAndSpoke: { hub: 'M1', spokes: ['M2', 'M3'] },
      connections: [
        { from: 'Lone', to: 'M5' },
        { from: 'M6', to: 'Lone' },
      ],
    }).model;
    expect(topologyFlowchart(model).split('\n')).toEqual([
      'flowchart LR',
      meshLine('mesh_M1', 10, ' · BGP', 'M1, M2, M3, M4, M5<br/>M6, M7, M8, M9, M10'),
      '  gw_Lone{{"<b>Lone</b><br/>LoneGW<br/>VpnGw2AZ"}}:::gateway',
      '  gw_NoGateway{{"<b>NoGateway</b><br/>no gateway"}}:::gateway',
      '  gw_Lone <-->|"2 connections"| mesh_M1',
      `  classDef gateway ${CLASS_DEFS.gateway}`,
      `  classDef group ${CLASS_DEFS.group}`,
    ]);
  });

  it('grouped: a long hub name is shortened in the hub and spokes headings, with the details of that hub', () => {
    const spokes = Array.from({ length: 24 }, (_, i) => `S${i + 1}`);
    const hub = 'HubNetworkInWestEurope';
    const model = loadTopology({
      networks: [...spokes.map((s, i) => network(s, i + 1)), network(hub, 200)],
      hubAndSpoke: { hub, spokes },
    }).model;
    expect(isLargeTopology(model)).toBe(true);
    expect(topologyFlowchart(model).split('\n').slice(0, 3)).toEqual([
      'flowchart LR',
      '  gw_HubNetworkInWestEurope{{"<b>HubNetw…Europe</b> · hub<br/>10.200.0.0/16<br/>westeurope…estEurope"}}:::hub',
      '  spokes_HubNetworkInWestEurope[["<b>spokes of HubNe…rope</b><br/>24 networks<br/>S1, S2, S3, S4, S5<br/>' +
        'S6, S7, S8, S9, S10<br/>S11, S12, S13, S14<br/>S15, S16, S17, S18<br/>S19, S20, S21, S22<br/>S23, S24"]]:::group',
    ]);
  });

  it('grouped: a hub that is not among the networks is its name alone', () => {
    const model = loadTopology({
      networks: [...meshNetworks, network('X', 20)],
      mesh: meshNames,
      hubAndSpoke: { hub: 'Ghost', spokes: ['X'] },
    }).model;
    expect(
      topologyFlowchart(model)
        .split('\n')
        .filter((l) => !l.includes('classDef')),
    ).toEqual([
      'flowchart LR',
      meshLine('mesh_M1', 10, '', 'M1, M2, M3, M4, M5<br/>M6, M7, M8, M9, M10'),
      '  gw_Ghost{{"<b>Ghost</b> · hub"}}:::hub',
      '  spokes_Ghost[["<b>spokes of Ghost</b><br/>1 network<br/>X"]]:::group',
      '  gw_Ghost <-->|"IKEv2"| spokes_Ghost',
    ]);
  });

  it('grouped: a mesh after a hub-and-spoke (as constructs may add them) lists only the members not drawn yet', () => {
    const model = loadTopology({
      networks: [...meshNetworks, network('H', 20), network('X', 21)],
      mesh: meshNames,
      hubAndSpoke: { hub: 'H', spokes: ['M1', 'X'] },
    }).model;
    const [mesh, hubAndSpoke] = model.groups;
    // A second Mesh construct of networks all drawn already adds nothing.
    const again = { path: 'Again', kind: 'mesh', networks: ['M1', 'X'], bgp: false } as const;
    const text = topologyFlowchart({ ...model, groups: [hubAndSpoke, mesh, again] });
    expect(text.split('\n').filter((l) => !l.includes('classDef'))).toEqual([
      'flowchart LR',
      '  gw_H{{"<b>H</b> · hub<br/>10.20.0.0/16<br/>westeurope · RG-H"}}:::hub',
      '  spokes_H[["<b>spokes of H</b><br/>2 networks<br/>M1, X"]]:::group',
      meshLine('mesh_M2', 9, '', 'M2, M3, M4, M5, M6<br/>M7, M8, M9, M10'),
      '  spokes_H <-->|"9 connections"| mesh_M2',
      '  gw_H <-->|"2 connections"| spokes_H',
    ]);
  });

  it('grouped: two pairs of nodes whose ids run together are two edges', () => {
    // gw_A + gw_Bgw_C and gw_Agw_B + gw_C read the same without a separator.
    const model = loadTopology({
      networks: [...meshNetworks, ...['A', 'Bgw_C', 'Agw_B', 'C'].map((n, i) => network(n, 20 + i))],
      mesh: meshNames,
      connections: [
        { from: 'A', to: 'Bgw_C' },
        { from: 'Agw_B', to: 'C' },
      ],
    }).model;
    expect(
      topologyFlowchart(model)
        .split('\n')
        .filter((l) => l.includes('<-->')),
    ).toEqual(['  gw_A <-->|"IKEv2"| gw_Bgw_C', '  gw_Agw_B <-->|"IKEv2"| gw_C']);
  });

  it('the table: every network in full, its gateway with BGP, none for a network without', () => {
    const model = loadTopology({
      networks: [
        network('A', 1, {
          addressSpace: ['10.1.0.0/16', '10.2.0.0/16'],
          subscriptionId: '12345678-90ab-cdef-1234-567890abcdef',
          gateway: { bgp: { asn: 65010 } },
        }),
        network('B', 3, { location: 'West Europe', gateway: undefined }),
      ],
    }).model;
    expect(networkTable(model)).toBe(
      [
        '| Network | Address space | Region | Resource group | Subscription | Gateway |',
        '| --- | --- | --- | --- | --- | --- |',
        '| A | 10.1.0.0/16, 10.2.0.0/16 | westeurope | RG-A | 12345678-90ab-cdef-1234-567890abcdef | AGW (VpnGw2AZ, BGP ASN 65010) |',
        '| B | 10.3.0.0/16 | westeurope | RG-B |  |  |',
        '',
      ].join('\n'),
    );
  });

  it('escapes user text in the table', () => {
    expect(markdownCell('a|b<script>`x`*y*[l](u)\nz')).toBe(
      'a&#124;b&#60;script&#62;&#96;x&#96;&#42;y&#42;&#91;l&#93;&#40;u&#41; z',
    );
    expect(markdownCell('a\rb\r\nc')).toBe('a b  c');
  });
});

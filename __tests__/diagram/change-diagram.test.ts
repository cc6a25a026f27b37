import { changeDiagram, changeFlowchart, ChangeReport } from '../../diagram/change-diagram';
import { CLASS_DEFS, LINK_STYLES } from '../../diagram/mermaid-text';
import { compareStacks } from '../../review/compare';
import type { TopologyFileInput } from '../../topology/schema';
import { network, seedInput } from '../support/topologies';
import { loadTopology, synthJson, TerraformJson } from '../support/synth';

/** The seed with a third network, VNet5, that nothing connects to yet. */
function base(): TopologyFileInput {
  const input = seedInput();
  input.networks.push(network(5, { name: 'VNet5', resourceGroup: 'TestRG5' }));
  return input;
}
const synth = (input: TopologyFileInput) => synthJson(loadTopology(input, 'vnet1-vnet4'));
const before = synth(base());

function variant(change: (t: TopologyFileInput) => void): TerraformJson {
  const input = base();
  change(input);
  return synth(input);
}

/** The picture of a change from `before` to `after`, as the review draws it. */
function picture(after: TerraformJson, old: TerraformJson = before) {
  return changeFlowchart(compareStacks(old, after), after, old);
}

/** A node's line, and its class. */
function node(text: string, id: string): { line: string; cls: string } {
  const line = text.split('\n').find((l) => l.startsWith(`  ${id}{{`) || l.startsWith(`  ${id}[`));
  if (!line) throw new Error(`no node ${id} in\n${text}`);
  return { line, cls: line.slice(line.lastIndexOf(':::') + 3) };
}

/** An edge's line and the style given to it by `linkStyle <index>`. */
function edge(text: string, a: string, b: string): { line: string; style: string } {
  const lines = text.split('\n');
  const edges = lines.filter((l) => / (<-->|-->)( |\|)/.test(l));
  const index = edges.findIndex(
    (l) => (l.startsWith(`  ${a} `) && l.endsWith(` ${b}`)) || (l.startsWith(`  ${b} `) && l.endsWith(` ${a}`)),
  );
  if (index < 0) throw new Error(`no edge ${a} - ${b} in\n${text}`);
  const style = lines.find((l) => l.startsWith(`  linkStyle ${index} `));
  return { line: edges[index], style: style?.replace(`  linkStyle ${index} `, '') ?? '' };
}

describe('the blast radius picture', () => {
  it('a gateway replaced: the gateway and both of its tunnels are danger, the others plain', () => {
    const text = picture(
      variant((t) => {
        (t.networks[0].gateway as Record<string, unknown>).generation = 'Generation1';
      }),
    );
    expect(node(text, 'gw_VNet1GW')).toEqual({
      line: '  gw_VNet1GW{{"<b>VNet1GW</b><br/>VNet1<br/>replaced"}}:::danger',
      cls: 'danger',
    });
    expect(node(text, 'gw_VNet4GW').cls).toBe('plain');
    expect(node(text, 'gw_VNet5GW').cls).toBe('plain');
    const tunnel = edge(text, 'gw_VNet1GW', 'gw_VNet4GW');
    expect(tunnel.line).toBe('  gw_VNet1GW <-->|"replaced"| gw_VNet4GW');
    expect(tunnel.style).toBe(LINK_STYLES.danger);
  });

  it('a connection added: its edge is new, its gateways and the other tunnel stay plain', () => {
    const text = picture(
      variant((t) => {
        t.connections = [...(t.connections ?? []), { from: 'VNet1', to: 'VNet5' }];
      }),
    );
    const added = edge(text, 'gw_VNet1GW', 'gw_VNet5GW');
    expect(added.line).toBe('  gw_VNet1GW <-->|"new"| gw_VNet5GW');
    expect(added.style).toBe(LINK_STYLES.added);
    const unchanged = edge(text, 'gw_VNet1GW', 'gw_VNet4GW');
    expect(unchanged.line).toBe('  gw_VNet1GW <--> gw_VNet4GW');
    expect(unchanged.style).toBe(LINK_STYLES.plain);
    expect(node(text, 'gw_VNet1GW').cls).toBe('plain');
    expect(node(text, 'gw_VNet5GW').cls).toBe('plain');
  });

  it.each([
    ['a new generated key (length 32)', { generate: true, length: 32 }],
    ['a key from a variable', { variable: 'vnet1_vnet4_key' }],
  ])('a key rotated, %s: the tunnel goes down, the gateways stay plain', (_, sharedKey) => {
    const text = picture(
      variant((t) => {
        (t.connections as Record<string, unknown>[])[0].sharedKey = sharedKey;
      }),
    );
    const tunnel = edge(text, 'gw_VNet1GW', 'gw_VNet4GW');
    expect(tunnel.line).toBe('  gw_VNet1GW <-->|"key changes"| gw_VNet4GW');
    expect(tunnel.style).toBe(LINK_STYLES.danger);
    expect(node(text, 'gw_VNet1GW').cls).toBe('plain');
  });

  it('a network removed: its gateway and tunnels, found in the old stack, are drawn destroyed', () => {
    const old = variant((t) => {
      t.connections = [...(t.connections ?? []), { from: 'VNet1', to: 'VNet5' }];
    });
    const now = variant((t) => (t.networks = t.networks.slice(0, 2)));
    const text = picture(now, old);
    expect(node(text, 'gw_VNet5GW').line).toBe('  gw_VNet5GW{{"<b>VNet5GW</b><br/>VNet5<br/>destroyed"}}:::danger');
    expect(edge(text, 'gw_VNet1GW', 'gw_VNet5GW')).toEqual({
      line: '  gw_VNet1GW <-->|"destroyed"| gw_VNet5GW',
      style: LINK_STYLES.danger,
    });
  });

  it('a site: a parallelogram, its tunnel one-way', () => {
    const now = variant((t) => {
      t.sites = [{ name: 'Branch', gatewayAddress: '203.0.113.7', addressSpace: ['192.168.0.0/24'] }];
      t.connections = [...(t.connections ?? []), { from: 'VNet5', toSite: 'Branch' }];
    });
    const text = picture(now);
    const site = text.split('\n').find((l) => l.startsWith('  site_'));
    expect(site).toMatch(/^ {2}site_\S+\[\/"<b>\S+<\/b><br\/>site<br\/>new"\/\]:::added$/);
    expect(text).toMatch(/^ {2}gw_VNet5GW -->\|"new"\| site_\S+$/m);
  });

  it('has a legend with every mark, and the Markdown says what the colours mean', () => {
    const after = variant((t) => ((t.networks[0].gateway as Record<string, unknown>).generation = 'Generation1'));
    const markdown = changeDiagram(compareStacks(before, after), after, before);
    expect(markdown.split('\n').slice(0, 4)).toEqual(['### Blast radius', '', '```mermaid', 'flowchart LR']);
    expect(markdown).toContain('  subgraph legend["Legend"]');
    for (const cls of ['danger', 'added', 'changed', 'plain']) {
      expect(markdown).toMatch(new RegExp(`^ {4}legend_${cls}\\[.*\\]:::${cls}$`, 'm'));
      expect(markdown).toMatch(new RegExp(`^ {2}classDef ${cls} `, 'm'));
    }
    expect(markdown).toContain('_Red, dashed: replaced or destroyed, or its shared key changes: the tunnel goes down.');
  });

  it('works from the report model alone for what no stack holds (a plan review without the old stack)', () => {
    const now = synth(base());
    const report: ChangeReport = {
      resources: [
        {
          type: 'azurerm_virtual_network_gateway_connection',
          address: 'azurerm_virtual_network_gateway_connection.Gone',
          azureName: 'VNet1-to-Old',
          action: 'delete',
        },
      ],
    };
    const text = changeFlowchart(report, now);
    expect(text).toContain('  conn_VNet1_to_Old["<b>VNet1-to-Old</b><br/>connection<br/>destroyed"]:::danger');
  });

  it('keeps hostile names as text: no Mermaid syntax, no HTML, no end of the fence', () => {
    const hostile = 'x"]:::plain\n```\n<img src=x onerror=alert(1)>|[link](javascript:1)';
    const stack = {
      resource: {
        azurerm_virtual_network_gateway: { A: { name: hostile }, B: { name: 'B' } },
        azurerm_virtual_network_gateway_connection: {
          C: {
            name: hostile,
            virtual_network_gateway_id: '${azurerm_virtual_network_gateway.A.id}',
            peer_virtual_network_gateway_id: '${azurerm_virtual_network_gateway.B.id}',
          },
        },
      },
    };
    const report: ChangeReport = {
      resources: [
        { type: 'azurerm_virtual_network_gateway', address: 'azurerm_virtual_network_gateway.A', action: 'replace' },
      ],
    };
    const markdown = changeDiagram(report, stack);
    expect(markdown.match(/```/g)).toHaveLength(2);
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('x"]');
    expect(markdown).toContain('<b>x#34;#93;:::plai…script:1#41;</b>');
  });

  it('a large topology: only what changes is drawn, and the Markdown says how much is left out', () => {
    const names = Array.from({ length: 10 }, (_, i) => `N${i + 1}`);
    const mesh = (generation: string) =>
      synth({
        networks: names.map((n, i) =>
          network(i + 1, { name: n, gateway: i === 0 ? { generation } : {} } as Parameters<typeof network>[1]),
        ),
        mesh: names,
      } as TopologyFileInput);
    const old = mesh('Generation2');
    const now = mesh('Generation1');
    const report = compareStacks(old, now);
    const text = changeFlowchart(report, now, old);
    const edges = text.split('\n').filter((l) => l.includes('<-->'));
    expect(edges).toHaveLength(9);
    expect(edges.every((l) => l.startsWith('  gw_N1GW <-->|"replaced"|'))).toBe(true);
    expect(changeDiagram(report, now, old)).toContain('36 unchanged connections are not drawn');
  });
});

const GATEWAY = 'azurerm_virtual_network_gateway';
const CONNECTION = 'azurerm_virtual_network_gateway_connection';
const LOCAL_GATEWAY = 'azurerm_local_network_gateway';
const id = (address: string) => `\${${address}.id}`;

/** The legend and the class definitions every picture ends with, after its edges' `linkStyle` lines. */
const LEGEND = [
  '  subgraph legend["Legend"]',
  '    direction TB',
  '    legend_danger["replaced or destroyed<br/>or key changes: down"]:::danger',
  '    legend_added["added"]:::added',
  '    legend_changed["changed in place"]:::changed',
  '    legend_plain["unchanged"]:::plain',
  '    legend_danger ~~~ legend_added ~~~ legend_changed ~~~ legend_plain',
  '  end',
  '  style legend fill:#ffffff,stroke:#cbd5e1',
];
const CLASSES = (['danger', 'added', 'changed', 'plain'] as const).map((c) => `  classDef ${c} ${CLASS_DEFS[c]}`);
const linkStyles = (...statuses: (keyof typeof LINK_STYLES)[]) =>
  statuses.map((s, i) => `  linkStyle ${i} ${LINK_STYLES[s]}`);

/** The whole flowchart: its nodes and edges, the legend, the edges' styles and the class definitions. */
function flowchart(body: string[], styles: string[] = []): string[] {
  return ['flowchart LR', ...body, ...LEGEND, ...styles, ...CLASSES];
}

/** Two gateways in one network each and a site no connection uses yet, one connection from B to A. */
const small = {
  resource: {
    azurerm_virtual_network: { NetA: { name: 'VNetA' } },
    azurerm_subnet: {
      GwSubnetA: { name: 'GatewaySubnet', virtual_network_name: '${azurerm_virtual_network.NetA.name}' },
    },
    [GATEWAY]: {
      A: { name: 'GwA', ip_configuration: [{ subnet_id: id('azurerm_subnet.GwSubnetA') }] },
      B: { name: 'GwB' },
    },
    [LOCAL_GATEWAY]: { S: { name: 'Branch' } },
    [CONNECTION]: {
      BA: {
        name: 'B-to-A',
        virtual_network_gateway_id: id(`${GATEWAY}.B`),
        peer_virtual_network_gateway_id: id(`${GATEWAY}.A`),
        shared_key: 'literal-key',
      },
    },
  },
};

describe('the blast radius picture, line by line', () => {
  it('nothing changes: every gateway and site in name order, the tunnel grey, and no note of what is left out', () => {
    // A danger other than a key change (protection removed) does not take a tunnel down.
    const report: ChangeReport = {
      resources: [{ type: CONNECTION, address: `${CONNECTION}.BA`, action: 'no-op' }],
      dangers: [{ kind: 'protection-removed', address: `${CONNECTION}.BA` }],
    };
    const text = flowchart(
      [
        '  site_Branch[/"<b>Branch</b><br/>site"/]:::plain',
        '  gw_GwA{{"<b>GwA</b><br/>VNetA"}}:::plain',
        '  gw_GwB{{"<b>GwB</b>"}}:::plain',
        '  gw_GwB --> gw_GwA',
      ],
      linkStyles('plain'),
    );
    expect(changeFlowchart(report, small).split('\n')).toEqual(text);
    expect(changeDiagram(report, small).split('\n')).toEqual([
      '### Blast radius',
      '',
      '```mermaid',
      ...text,
      '```',
      '',
      '_Red, dashed: replaced or destroyed, or its shared key changes: the tunnel goes down. Green: added. ' +
        'Amber: changed in place. Grey: unchanged._',
      '',
    ]);
  });

  it('changed in place, a key resource replaced, a new tunnel on that key: each drawn for what happens to it', () => {
    const key = '${random_password.k.result}';
    const stack = {
      resource: {
        random_password: { k: { length: 32 } },
        [GATEWAY]: {
          A: { name: 'GwA' },
          B: { name: 'GwB' },
          C: { name: 'GwC' },
          D: { name: 'GwD' },
          E: { name: 'GwE' },
        },
        [CONNECTION]: {
          AB: {
            name: 'A-B',
            virtual_network_gateway_id: id(`${GATEWAY}.A`),
            peer_virtual_network_gateway_id: id(`${GATEWAY}.B`),
          },
          BA: {
            name: 'B-A',
            virtual_network_gateway_id: id(`${GATEWAY}.B`),
            peer_virtual_network_gateway_id: id(`${GATEWAY}.A`),
          },
          CD: {
            name: 'C-D',
            virtual_network_gateway_id: id(`${GATEWAY}.C`),
            peer_virtual_network_gateway_id: id(`${GATEWAY}.D`),
            shared_key: key,
          },
          CE: {
            name: 'C-E',
            virtual_network_gateway_id: id(`${GATEWAY}.C`),
            peer_virtual_network_gateway_id: id(`${GATEWAY}.E`),
            shared_key: key,
          },
        },
      },
    };
    // Only the key resource is reported (no shared-key danger on the connections): reading it is enough.
    const report: ChangeReport = {
      resources: [
        { type: GATEWAY, address: `${GATEWAY}.A`, action: 'update' },
        { type: CONNECTION, address: `${CONNECTION}.AB`, action: 'update' },
        { type: 'random_password', address: 'random_password.k', action: 'replace' },
        { type: CONNECTION, address: `${CONNECTION}.CE`, action: 'create' },
      ],
    };
    expect(changeFlowchart(report, stack).split('\n')).toEqual(
      flowchart(
        [
          '  gw_GwA{{"<b>GwA</b><br/>changed in place"}}:::changed',
          '  gw_GwB{{"<b>GwB</b>"}}:::plain',
          '  gw_GwC{{"<b>GwC</b>"}}:::plain',
          '  gw_GwD{{"<b>GwD</b>"}}:::plain',
          '  gw_GwE{{"<b>GwE</b>"}}:::plain',
          '  gw_GwA <-->|"changed in place"| gw_GwB',
          '  gw_GwC -->|"key changes"| gw_GwD',
          '  gw_GwC -->|"new"| gw_GwE',
        ],
        linkStyles('changed', 'danger', 'added'),
      ),
    );
  });

  it('gateways outside the stack (a data source, a resource id) and connections with an end it does not say', () => {
    const stack = {
      resource: {
        [GATEWAY]: { A: { name: 'GwA' } },
        [CONNECTION]: {
          R: {
            name: 'A-to-Remote',
            virtual_network_gateway_id: id(`${GATEWAY}.A`),
            peer_virtual_network_gateway_id: id(`data.${GATEWAY}.Remote`),
          },
          F: {
            name: 'A-to-Far',
            virtual_network_gateway_id: id(`${GATEWAY}.A`),
            peer_virtual_network_gateway_id:
              '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/FarGW',
          },
          O: { name: 'Odd', virtual_network_gateway_id: '', peer_virtual_network_gateway_id: id(`${GATEWAY}.A`) },
        },
      },
    };
    // A plan review without the old stack: a destroyed connection that neither stack holds.
    const report: ChangeReport = {
      resources: [{ type: CONNECTION, address: `${CONNECTION}.Gone`, azureName: 'A-to-Gone', action: 'delete' }],
    };
    expect(changeFlowchart(report, stack).split('\n')).toEqual(
      flowchart(
        [
          '  gw_FarGW{{"<b>FarGW</b><br/>existing gateway"}}:::plain',
          '  gw_GwA{{"<b>GwA</b>"}}:::plain',
          '  gw_Remote{{"<b>Remote</b><br/>existing gateway"}}:::plain',
          '  gw_GwA --> gw_Remote',
          '  gw_GwA --> gw_FarGW',
          '  conn_Odd["<b>Odd</b><br/>connection"]:::plain',
          '  gw_GwA --- conn_Odd',
          '  conn_A_to_Gone["<b>A-to-Gone</b><br/>connection<br/>destroyed"]:::danger',
        ],
        linkStyles('plain', 'plain', 'plain'),
      ),
    );
  });

  it('a connection renamed: the old one destroyed and the new one created, one line one way with both', () => {
    const gateways = { A: { name: 'GwA' }, B: { name: 'GwB' } };
    const tunnel = (name: string) => ({
      name,
      virtual_network_gateway_id: id(`${GATEWAY}.A`),
      peer_virtual_network_gateway_id: id(`${GATEWAY}.B`),
    });
    const old = { resource: { [GATEWAY]: gateways, [CONNECTION]: { Old: tunnel('A-to-B') } } };
    const now = { resource: { [GATEWAY]: gateways, [CONNECTION]: { New: tunnel('A-to-B-2') } } };
    expect(changeFlowchart(compareStacks(old, now), now, old).split('\n')).toEqual(
      flowchart(
        [
          '  gw_GwA{{"<b>GwA</b>"}}:::plain',
          '  gw_GwB{{"<b>GwB</b>"}}:::plain',
          '  gw_GwA -->|"destroyed · new"| gw_GwB',
        ],
        linkStyles('danger'),
      ),
    );
  });

  it('a plan review without the old stack: a destroyed gateway and site that no stack holds, from the report', () => {
    const stack = {
      resource: {
        [GATEWAY]: { A: { name: 'GwA' }, B: { name: 'GwB' } },
        [CONNECTION]: {
          AB: {
            name: 'A-B',
            virtual_network_gateway_id: id(`${GATEWAY}.A`),
            peer_virtual_network_gateway_id: id(`${GATEWAY}.B`),
          },
        },
      },
    };
    const report: ChangeReport = {
      resources: [
        { type: LOCAL_GATEWAY, address: `${LOCAL_GATEWAY}.Gone`, azureName: 'OldSite', action: 'delete' },
        { type: GATEWAY, address: `${GATEWAY}.Gone`, azureName: 'OldGW', action: 'delete' },
        { type: CONNECTION, address: `${CONNECTION}.AB`, action: 'update' },
      ],
    };
    expect(changeFlowchart(report, stack).split('\n')).toEqual(
      flowchart(
        [
          '  site_OldSite[/"<b>OldSite</b><br/>site<br/>destroyed"/]:::danger',
          '  gw_GwA{{"<b>GwA</b>"}}:::plain',
          '  gw_GwB{{"<b>GwB</b>"}}:::plain',
          '  gw_OldGW{{"<b>OldGW</b><br/>destroyed"}}:::danger',
          '  gw_GwA -->|"changed in place"| gw_GwB',
        ],
        linkStyles('changed'),
      ),
    );
  });

  describe('a hub with one connection to each spoke, and two gateways with none (Idle, and Zed changed in place)', () => {
    const two = (i: number) => String(i).padStart(2, '0');
    const spoke = (i: number) => `S${two(i)}`;
    /** The stack with `count` spokes, and a report in which the first `changed` connections change in place. */
    function star(count: number, changed: number): { report: ChangeReport; stack: unknown } {
      const gateways: Record<string, unknown> = { Hub: { name: 'Hub' }, Y: { name: 'Idle' }, Z: { name: 'Zed' } };
      const connections: Record<string, unknown> = {};
      for (let i = 1; i <= count; i++) {
        gateways[spoke(i)] = { name: `Spoke${two(i)}` };
        connections[spoke(i)] = {
          name: `Hub-${spoke(i)}`,
          virtual_network_gateway_id: id(`${GATEWAY}.Hub`),
          peer_virtual_network_gateway_id: id(`${GATEWAY}.${spoke(i)}`),
        };
      }
      const resources = Array.from({ length: changed }, (_, i) => ({
        type: CONNECTION,
        address: `${CONNECTION}.${spoke(i + 1)}`,
        action: 'update',
      }));
      resources.push({ type: GATEWAY, address: `${GATEWAY}.Z`, action: 'update' });
      return { report: { resources }, stack: { resource: { [GATEWAY]: gateways, [CONNECTION]: connections } } };
    }
    const nodes = (text: string) => text.split('\n').flatMap((l) => /^ {2}(gw_\w+)\{\{/.exec(l)?.[1] ?? []);
    const edges = (text: string) => text.split('\n').filter((l) => / -->[ |]/.test(l));
    const spokes = (count: number) => Array.from({ length: count }, (_, i) => `gw_Spoke${two(i + 1)}`);

    it('40 connections are drawn in full, unchanged ones and the idle gateway too', () => {
      const { report, stack } = star(40, 1);
      const text = changeFlowchart(report, stack);
      expect(nodes(text)).toEqual(['gw_Hub', ...spokes(40), 'gw_Idle', 'gw_Zed']);
      expect(edges(text)).toHaveLength(40);
      expect(changeDiagram(report, stack).split('\n').slice(-2)).toEqual([
        '_Red, dashed: replaced or destroyed, or its shared key changes: the tunnel goes down. Green: added. ' +
          'Amber: changed in place. Grey: unchanged._',
        '',
      ]);
    });

    it('41: only what changes and the gateways at its ends; one unchanged connection is left out, and said', () => {
      const { report, stack } = star(41, 40);
      const text = changeFlowchart(report, stack);
      expect(nodes(text)).toEqual(['gw_Hub', ...spokes(40), 'gw_Zed']);
      expect(edges(text)).toEqual(spokes(40).map((s) => `  gw_Hub -->|"changed in place"| ${s}`));
      expect(changeDiagram(report, stack).split('\n').slice(-2)).toEqual([
        '_Red, dashed: replaced or destroyed, or its shared key changes: the tunnel goes down. Green: added. ' +
          'Amber: changed in place. Grey: unchanged._ 1 unchanged connection is not drawn (the topology is too large ' +
          'to draw in full).',
        '',
      ]);
    });
  });

  it('two connections between gateways outside the stack whose ids run together are two lines', () => {
    const tunnel = (from: string, to: string) => ({
      name: `${from}-${to}`,
      virtual_network_gateway_id: from,
      peer_virtual_network_gateway_id: to,
    });
    const stack = {
      resource: { [CONNECTION]: { X: tunnel('/gw/a', '/gw/b/gw/c'), Y: tunnel('/gw/a/gw/b', '/gw/c') } },
    };
    expect(changeFlowchart({ resources: [] }, stack).split('\n')).toEqual(
      flowchart(
        [
          '  gw_a{{"<b>a</b><br/>existing gateway"}}:::plain',
          '  gw_b{{"<b>b</b><br/>existing gateway"}}:::plain',
          '  gw_c{{"<b>c</b><br/>existing gateway"}}:::plain',
          '  gw_c_2{{"<b>c</b><br/>existing gateway"}}:::plain',
          '  gw_a --> gw_c',
          '  gw_b --> gw_c_2',
        ],
        linkStyles('plain', 'plain'),
      ),
    );
  });

  it('a stack that is not an object draws nothing but the legend', () => {
    expect(changeFlowchart({ resources: [] }, null).split('\n')).toEqual(flowchart([]));
  });
});

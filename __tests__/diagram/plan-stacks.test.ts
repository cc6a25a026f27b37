import { changeDiagram, changeFlowchart } from '../../diagram/change-diagram';
import { planStacks } from '../../diagram/plan-stacks';
import { reviewPlan } from '../../review/plan';

const GW = 'azurerm_virtual_network_gateway';
const CONN = 'azurerm_virtual_network_gateway_connection';
const SECRET = 'Plan-Secret-Key-9x7q';

const change = (type: string, name: string, actions: string[], before: unknown, after: unknown, extra = {}) => ({
  address: `${type}.${name}`,
  mode: 'managed',
  type,
  name,
  provider_name: 'registry.terraform.io/hashicorp/azurerm',
  change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {}, ...extra },
});

/**
 * A plan as `terraform show -json` writes it: VNet1's gateway replaced (its new id known only after apply), so the
 * connection to VNet4 is replaced too; a connection to VNet5 added with VNet5's gateway; VNet4's gateway unchanged.
 */
const plan = {
  format_version: '1.2',
  terraform_version: '1.9.8',
  resource_changes: [
    change(
      GW,
      'VNet1',
      ['delete', 'create'],
      { id: '/s/gw1', name: 'VNet1GW', generation: 'Generation2', ip_configuration: [{ subnet_id: '/s/sn1' }] },
      { name: 'VNet1GW', generation: 'Generation1', ip_configuration: [{ subnet_id: '/s/sn1' }] },
      { after_unknown: { id: true }, replace_paths: [['generation']] },
    ),
    change(GW, 'VNet4', ['no-op'], { id: '/s/gw4', name: 'VNet4GW' }, { id: '/s/gw4', name: 'VNet4GW' }),
    change(GW, 'VNet5', ['create'], null, { name: 'VNet5GW' }, { after_unknown: { id: true } }),
    change(
      'azurerm_subnet',
      'VNet1_GatewaySubnet',
      ['no-op'],
      { id: '/s/sn1', name: 'GatewaySubnet', virtual_network_name: 'VNet1' },
      { id: '/s/sn1', name: 'GatewaySubnet', virtual_network_name: 'VNet1' },
    ),
    change(
      CONN,
      'VNet1-to-VNet4',
      ['delete', 'create'],
      {
        id: '/s/c14',
        name: 'VNet1-to-VNet4',
        virtual_network_gateway_id: '/s/gw1',
        peer_virtual_network_gateway_id: '/s/gw4',
        shared_key: SECRET,
      },
      { name: 'VNet1-to-VNet4', peer_virtual_network_gateway_id: '/s/gw4', shared_key: SECRET },
      {
        after_unknown: { id: true, virtual_network_gateway_id: true },
        before_sensitive: { shared_key: true },
        after_sensitive: { shared_key: true },
        replace_paths: [['virtual_network_gateway_id']],
      },
    ),
    change(
      CONN,
      'VNet1-to-VNet5',
      ['create'],
      null,
      { name: 'VNet1-to-VNet5', shared_key: SECRET },
      {
        after_unknown: { id: true, virtual_network_gateway_id: true, peer_virtual_network_gateway_id: true },
        after_sensitive: { shared_key: true },
      },
    ),
  ],
  configuration: {
    root_module: {
      resources: [
        {
          address: `${CONN}.VNet1-to-VNet4`,
          expressions: {
            virtual_network_gateway_id: { references: [`${GW}.VNet1.id`, `${GW}.VNet1`] },
            peer_virtual_network_gateway_id: { references: [`${GW}.VNet4.id`, `${GW}.VNet4`] },
            shared_key: { references: ['random_password.K.result', 'random_password.K'] },
          },
        },
        {
          address: `${CONN}.VNet1-to-VNet5`,
          expressions: {
            virtual_network_gateway_id: { references: [`${GW}.VNet1.id`, `${GW}.VNet1`] },
            peer_virtual_network_gateway_id: { references: [`${GW}.VNet5.id`, `${GW}.VNet5`] },
          },
        },
      ],
    },
  },
};

describe('planStacks', () => {
  it('turns ids into references, takes unknown ones from the configuration, and leaves keys out', () => {
    const { now, old } = planStacks(plan);
    expect(old.resource[CONN]['VNet1-to-VNet4']).toEqual({
      id: '/s/c14',
      name: 'VNet1-to-VNet4',
      virtual_network_gateway_id: `\${${GW}.VNet1.id}`,
      peer_virtual_network_gateway_id: `\${${GW}.VNet4.id}`,
    });
    expect(now.resource[CONN]['VNet1-to-VNet4']).toEqual({
      name: 'VNet1-to-VNet4',
      virtual_network_gateway_id: `\${${GW}.VNet1.id}`,
      peer_virtual_network_gateway_id: `\${${GW}.VNet4.id}`,
      shared_key: '${random_password.K.result}',
    });
    expect(now.resource[GW].VNet1.ip_configuration).toEqual([
      { subnet_id: '${azurerm_subnet.VNet1_GatewaySubnet.id}' },
    ]);
    expect(JSON.stringify({ now, old })).not.toContain(SECRET);
  });

  it('draws the plan review: the replaced gateway and its tunnel as danger, the added tunnel as new', () => {
    const { review } = reviewPlan(plan, 'plan.json');
    const { now, old } = planStacks(plan);
    const text = changeFlowchart(review, now, old);
    expect(text).toContain('  gw_VNet1GW{{"<b>VNet1GW</b><br/>VNet1<br/>replaced"}}:::danger');
    expect(text).toContain('  gw_VNet4GW{{"<b>VNet4GW</b>"}}:::plain');
    expect(text).toContain('  gw_VNet5GW{{"<b>VNet5GW</b><br/>new"}}:::added');
    expect(text).toContain('  gw_VNet1GW -->|"replaced"| gw_VNet4GW');
    expect(text).toContain('  gw_VNet1GW -->|"new"| gw_VNet5GW');
    expect(changeDiagram(review, now, old)).not.toContain(SECRET);
  });

  it("takes the configuration's reference for a value known only after apply, and keeps a known value", () => {
    const moved = {
      format_version: '1.2',
      resource_changes: [
        change(GW, 'VNet1', ['no-op'], { id: '/s/gw1', name: 'VNet1GW' }, { id: '/s/gw1', name: 'VNet1GW' }),
        change(GW, 'VNet2', ['create'], null, { name: 'VNet2GW' }, { after_unknown: { id: true } }),
        change(
          'azurerm_subnet',
          'VNet2_GatewaySubnet',
          ['create'],
          null,
          { name: 'GatewaySubnet', virtual_network_name: 'VNet2' },
          { after_unknown: { id: true } },
        ),
        // The connection moves from VNet1's gateway to VNet2's: replaced, its gateway id known only after apply.
        change(
          CONN,
          'Site',
          ['delete', 'create'],
          { id: '/s/c1', name: 'Site', virtual_network_gateway_id: '/s/gw1', shared_key: SECRET },
          { name: 'Site', shared_key: SECRET },
          {
            after_unknown: { id: true, virtual_network_gateway_id: true },
            before_sensitive: { shared_key: true },
            after_sensitive: { shared_key: true },
          },
        ),
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'azurerm_subnet.VNet2_GatewaySubnet',
              expressions: {
                name: { constant_value: 'GatewaySubnet' },
                virtual_network_name: {
                  references: ['azurerm_virtual_network.VNet2.name', 'azurerm_virtual_network.VNet2'],
                },
              },
            },
            {
              address: `${CONN}.Site`,
              expressions: {
                name: { constant_value: 'Site' },
                virtual_network_gateway_id: { references: [`${GW}.VNet2.id`, `${GW}.VNet2`] },
                // A variable is no resource: nothing to draw.
                shared_key: { references: ['var.shared_key'] },
              },
            },
          ],
        },
      },
    };
    const { now } = planStacks(moved);
    expect(now.resource[CONN].Site).toEqual({ name: 'Site', virtual_network_gateway_id: `\${${GW}.VNet2.id}` });
    expect(now.resource.azurerm_subnet.VNet2_GatewaySubnet).toEqual({
      name: 'GatewaySubnet',
      virtual_network_name: 'VNet2',
    });
  });

  it('keeps the old reference for a value known only after apply that the configuration does not name', () => {
    const replaced = {
      format_version: '1.2',
      resource_changes: [
        change(GW, 'VNet1', ['no-op'], { id: '/s/gw1', name: 'VNet1GW' }, { id: '/s/gw1', name: 'VNet1GW' }),
        change(GW, 'VNet4', ['no-op'], { id: '/s/gw4', name: 'VNet4GW' }, { id: '/s/gw4', name: 'VNet4GW' }),
        change(
          'azurerm_virtual_network_gateway_nat_rule',
          'N',
          ['no-op'],
          { id: '/s/nat1', name: 'N' },
          { id: '/s/nat1', name: 'N' },
        ),
        change(
          CONN,
          'VNet1-to-VNet4',
          ['delete', 'create'],
          {
            id: '/s/c14',
            name: 'VNet1-to-VNet4',
            connection_protocol: 'IKEv2',
            virtual_network_gateway_id: '/s/gw1',
            peer_virtual_network_gateway_id: '/s/gw4',
            egress_nat_rule_ids: ['/s/nat1'],
          },
          { name: 'VNet1-to-VNet4', peer_virtual_network_gateway_id: '/s/gw4' },
          {
            after_unknown: {
              id: true,
              connection_protocol: true,
              virtual_network_gateway_id: true,
              egress_nat_rule_ids: true,
            },
          },
        ),
      ],
    };
    // Only a single reference carries over: not the connection's own old id, a plain value, or a list.
    expect(planStacks(replaced).now.resource[CONN]['VNet1-to-VNet4']).toEqual({
      name: 'VNet1-to-VNet4',
      virtual_network_gateway_id: `\${${GW}.VNet1.id}`,
      peer_virtual_network_gateway_id: `\${${GW}.VNet4.id}`,
    });
  });

  it('leaves data sources out, and takes a change without a mode as a managed resource', () => {
    const { mode: _mode, ...withoutMode } = change(GW, 'VNet4', ['no-op'], { id: '/s/gw4' }, { id: '/s/gw4' });
    const read = {
      ...change(GW, 'Peer', ['read'], null, { id: '/s/gw9', name: 'PeerGW' }),
      address: `data.${GW}.Peer`,
      mode: 'data',
    };
    expect(planStacks({ format_version: '1.2', resource_changes: [withoutMode, read] })).toEqual({
      now: { resource: { [GW]: { VNet4: { id: '/s/gw4' } } } },
      old: { resource: { [GW]: { VNet4: { id: '/s/gw4' } } } },
    });
  });

  it('leaves out shared keys and generated passwords even when the plan does not mark them', () => {
    const unmarked = {
      format_version: '1.2',
      resource_changes: [
        change(CONN, 'C', ['no-op'], { name: 'C', shared_key: SECRET }, { name: 'C', shared_key: SECRET }),
        change('random_password', 'K', ['no-op'], { length: 32, result: SECRET }, { length: 32, result: SECRET }),
      ],
    };
    const stack = { resource: { [CONN]: { C: { name: 'C' } }, random_password: { K: { length: 32 } } } };
    expect(planStacks(unmarked)).toEqual({ now: stack, old: stack });
  });

  it('leaves out a whole object marked sensitive, and an attribute with anything inside it marked', () => {
    const sensitive = {
      format_version: '1.2',
      resource_changes: [
        change(GW, 'Gone', ['delete'], { id: '/s/gw7', name: 'GWSECRET7' }, null, { before_sensitive: true }),
        change(
          'azurerm_local_network_gateway',
          'Site5',
          ['create'],
          null,
          { name: 'LNGSECRET5' },
          {
            after_sensitive: true,
          },
        ),
        change(
          CONN,
          'Gone-to-VNet4',
          ['delete'],
          { virtual_network_gateway_id: '/s/gw7', bgp: [{ k: 'BGPSECRET' }] },
          null,
          {
            before_sensitive: { bgp: [{ k: true }] },
          },
        ),
      ],
    };
    const { now, old } = planStacks(sensitive);
    expect(old.resource[GW].Gone).toEqual({});
    expect(now.resource.azurerm_local_network_gateway.Site5).toEqual({});
    // The sensitive id still becomes a reference: the value never shows.
    expect(old.resource[CONN]['Gone-to-VNet4']).toEqual({ virtual_network_gateway_id: `\${${GW}.Gone.id}` });
  });

  it('leaves out a block list when any one block holds a marked value, however deep', () => {
    const blocks = {
      format_version: '1.2',
      resource_changes: [
        change(
          CONN,
          'C',
          ['no-op'],
          {
            name: 'C',
            bgp: [{ k: 'BGPSECRET1' }, { k: 'plain' }],
            custom_bgp_addresses: [{ k: 'BGPSECRET2', peering_addresses: [] }],
          },
          { name: 'C' },
          { before_sensitive: { bgp: [{ k: true }, {}], custom_bgp_addresses: [{ k: true, peering_addresses: [] }] } },
        ),
      ],
    };
    expect(planStacks(blocks).old.resource[CONN].C).toEqual({ name: 'C' });
  });

  it('names a resource whose name is sensitive by its Terraform address, in the label and the node id', () => {
    const sensitive = {
      format_version: '1.2',
      resource_changes: [
        change(GW, 'Gone', ['delete'], { id: '/s/gw7', name: 'GWSECRET7' }, null, { before_sensitive: true }),
      ],
    };
    const { review } = reviewPlan(sensitive, 'plan.json');
    const { now, old } = planStacks(sensitive);
    const text = changeFlowchart(review, now, old);
    expect(text).toContain(
      '  gw_azurerm_virtual_network_gateway_Gone{{"<b>azurerm_vi…eway.Gone</b><br/>destroyed"}}:::danger',
    );
    expect(text).not.toContain('GWSECRET7');
  });

  it('reads a plan without configuration or changes', () => {
    expect(planStacks({ format_version: '1.2' })).toEqual({ now: { resource: {} }, old: { resource: {} } });
    expect(planStacks(null)).toEqual({ now: { resource: {} }, old: { resource: {} } });
  });

  it('skips entries that are not objects in the changes and the configuration', () => {
    const odd = {
      format_version: '1.2',
      resource_changes: [null, 'x', change(GW, 'VNet4', ['no-op'], { id: '/s/gw4' }, { id: '/s/gw4' })],
      configuration: { root_module: { resources: [null, 7] } },
    };
    const stack = { resource: { [GW]: { VNet4: { id: '/s/gw4' } } } };
    expect(planStacks(odd)).toEqual({ now: stack, old: stack });
  });
});

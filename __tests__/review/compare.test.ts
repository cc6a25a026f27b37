import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compareStacks,
  exitCodeOf,
  formatCause,
  formatValue,
  references,
  StackInputError,
  StackReview,
} from '../../review/compare';
import type { TopologyFileInput } from '../../topology/schema';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PublicIp, PublicIpConfig } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Network } from '../../constructs';
import { formatMarkdown, formatText } from '../../review/format';
import { addressOf, addresses, loadTopology, ref, ROOT, synthJson, synthScope, TerraformJson } from '../support/synth';

const seedInput = JSON.parse(readFileSync(join(ROOT, 'topologies', 'vnet1-vnet4.json'), 'utf8')) as TopologyFileInput;

/** The seed with one change, synthesized in-process the way main.ts does it. */
function variant(change: (t: TopologyFileInput & { networks: Record<string, unknown>[] }) => void): TerraformJson {
  const input = structuredClone(seedInput) as TopologyFileInput & { networks: Record<string, unknown>[] };
  change(input);
  return synthJson(loadTopology(input, 'vnet1-vnet4'));
}

const gatewayOf = (t: { networks: Record<string, unknown>[] }, i: number) =>
  t.networks[i].gateway as Record<string, unknown>;

const seed = synthJson(loadTopology(seedInput, 'vnet1-vnet4'));
const VNET1_GW = addressOf(seed, 'azurerm_virtual_network_gateway', 'VNet1GW');
const VNET4_GW = addressOf(seed, 'azurerm_virtual_network_gateway', 'VNet4GW');
const FORWARD = addressOf(seed, 'azurerm_virtual_network_gateway_connection', 'VNet1-to-VNet4');
const REVERSE = addressOf(seed, 'azurerm_virtual_network_gateway_connection', 'VNet4-to-VNet1');
const PIP1 = addressOf(seed, 'azurerm_public_ip', 'VNet1GWpip1');
const PIP2 = addressOf(seed, 'azurerm_public_ip', 'VNet1GWpip2');

const actions = (review: StackReview) => Object.fromEntries(review.resources.map((r) => [r.address, r.action]));
const resource = (review: StackReview, address: string) => {
  const found = review.resources.find((r) => r.address === address);
  if (!found) throw new Error(`${address} does not change`);
  return found;
};
const forcing = (review: StackReview, address: string) =>
  resource(review, address)
    .changes.filter((c) => c.forcesReplacement)
    .map((c) => c.attribute);
const dangerKinds = (review: StackReview) => review.dangers.map((d) => `${d.kind} ${d.address}`);

describe('compareStacks on the seed with one change', () => {
  it('finds nothing between a stack and itself', () => {
    const review = compareStacks(seed, synthJson(loadTopology(seedInput, 'vnet1-vnet4')));
    expect(review).toEqual({ resources: [], outputs: [], variables: [], dangers: [] });
    expect(exitCodeOf(review)).toBe(0);
  });

  it('SKU VpnGw2AZ -> VpnGw3AZ: the gateway is resized in place, nothing else moves', () => {
    const review = compareStacks(
      seed,
      variant((t) => (gatewayOf(t, 0).sku = 'VpnGw3AZ')),
    );
    expect(actions(review)).toEqual({ [VNET1_GW]: 'update' });
    expect(resource(review, VNET1_GW).changes).toEqual([
      { attribute: 'sku', before: 'VpnGw2AZ', after: 'VpnGw3AZ', forcesReplacement: false, through: [] },
    ]);
    expect(review.dangers).toEqual([]);
    expect(exitCodeOf(review)).toBe(0);
  });

  it('generation 2 -> 1: the gateway is replaced because of `generation`, and both connections with it', () => {
    const review = compareStacks(
      seed,
      variant((t) => (gatewayOf(t, 0).generation = 'Generation1')),
    );
    expect(actions(review)).toEqual({ [VNET1_GW]: 'replace', [FORWARD]: 'replace', [REVERSE]: 'replace' });
    expect(forcing(review, VNET1_GW)).toEqual(['generation']);
    // The connections' text is unchanged: they read the new gateway's id, known only after apply.
    expect(resource(review, FORWARD).changes).toEqual([
      expect.objectContaining({
        attribute: 'virtual_network_gateway_id',
        forcesReplacement: true,
        through: [VNET1_GW],
      }),
    ]);
    expect(forcing(review, REVERSE)).toEqual(['peer_virtual_network_gateway_id']);
    expect(dangerKinds(review)).toEqual([
      `gateway-replaced ${VNET1_GW}`,
      `connection-replaced ${FORWARD}`,
      `connection-replaced ${REVERSE}`,
    ]);
    expect(review.dangers[0].message).toContain('45 minutes');
    expect(exitCodeOf(review)).toBe(2);
  });

  it('active-active off: ip_configuration changes, so the gateway is replaced and its second public IP destroyed', () => {
    const review = compareStacks(
      seed,
      variant((t) => {
        gatewayOf(t, 0).activeActive = false;
        gatewayOf(t, 0).publicIpNames = ['VNet1GWpip1'];
      }),
    );
    expect(actions(review)).toMatchObject({ [VNET1_GW]: 'replace', [PIP2]: 'delete' });
    expect(actions(review)[PIP1]).toBeUndefined();
    expect(forcing(review, VNET1_GW)).toEqual(['ip_configuration']);
    expect(resource(review, VNET1_GW).changes.map((c) => c.attribute)).toEqual(['active_active', 'ip_configuration']);
    expect(dangerKinds(review)).toContain(`gateway-replaced ${VNET1_GW}`);
    expect(exitCodeOf(review)).toBe(2);
  });

  it('a network added (with a connection to it): only additions, exit 0', () => {
    const review = compareStacks(
      seed,
      variant((t) => {
        t.networks.push({
          name: 'VNet5',
          resourceGroup: 'TestRG5',
          location: 'westeurope',
          addressSpace: ['10.51.0.0/16'],
          gatewaySubnetPrefix: '10.51.255.0/27',
          gateway: {},
        });
        (t.connections as unknown[]).push({ from: 'VNet1', to: 'VNet5' });
      }),
    );
    expect(review.resources.length).toBeGreaterThan(5);
    expect(new Set(review.resources.map((r) => r.action))).toEqual(new Set(['create']));
    expect(review.resources.map((r) => r.azureName)).toEqual(
      expect.arrayContaining(['VNet5', 'VNet5GW', 'VNet1-to-VNet5', 'VNet5-to-VNet1', 'TestRG5']),
    );
    expect(review.outputs).toEqual(expect.arrayContaining([{ name: 'VNet5-gateway-public-ips', action: 'create' }]));
    expect(review.dangers).toEqual([]);
    expect(exitCodeOf(review)).toBe(0);
  });

  it('key source generate -> variable: both connections change key in place, flagged dangerous', () => {
    const review = compareStacks(
      seed,
      variant((t) => ((t.connections as Record<string, unknown>[])[0].sharedKey = { variable: 'vnet1_vnet4_key' })),
    );
    const password = Object.keys(seed.resource.random_password).map((name) => `random_password.${name}`)[0];
    expect(actions(review)).toEqual({ [FORWARD]: 'update', [REVERSE]: 'update', [password]: 'delete' });
    expect(resource(review, FORWARD).changes).toEqual([
      expect.objectContaining({ attribute: 'shared_key', after: '${var.vnet1_vnet4_key}', forcesReplacement: false }),
    ]);
    expect(review.variables).toEqual([{ name: 'vnet1_vnet4_key', action: 'create' }]);
    expect(dangerKinds(review)).toEqual([
      `shared-key-changed ${FORWARD}`,
      `shared-key-changed ${REVERSE}`,
      `shared-key-changed ${password}`,
    ]);
    expect(review.dangers[0].message).toContain('until both sides hold the new key');
    expect(exitCodeOf(review)).toBe(2);
  });

  it('a generated key with a new length: the password is replaced and the key changes through the reference', () => {
    const review = compareStacks(
      seed,
      variant((t) => ((t.connections as Record<string, unknown>[])[0].sharedKey = { generate: true, length: 32 })),
    );
    const password = Object.keys(seed.resource.random_password).map((name) => `random_password.${name}`)[0];
    expect(actions(review)).toEqual({ [FORWARD]: 'update', [REVERSE]: 'update', [password]: 'replace' });
    expect(resource(review, FORWARD).changes).toEqual([
      expect.objectContaining({ attribute: 'shared_key', through: [password] }),
    ]);
    expect(dangerKinds(review)).toContain(`shared-key-changed ${FORWARD}`);
  });

  it('public IP zones changed: the IPs are replaced, and the gateway through its ip_configuration reference', () => {
    const review = compareStacks(
      seed,
      variant((t) => (gatewayOf(t, 0).zones = ['1'])),
    );
    expect(actions(review)).toEqual({
      [PIP1]: 'replace',
      [PIP2]: 'replace',
      [VNET1_GW]: 'replace',
      [FORWARD]: 'replace',
      [REVERSE]: 'replace',
    });
    expect(forcing(review, PIP1)).toEqual(['zones']);
    expect(resource(review, VNET1_GW).changes).toEqual([
      expect.objectContaining({ attribute: 'ip_configuration', forcesReplacement: true, through: [PIP1, PIP2] }),
    ]);
    expect(actions(review)[VNET4_GW]).toBeUndefined();
    expect(dangerKinds(review)[0]).toBe(`gateway-replaced ${VNET1_GW}`);
  });
});

describe('compareStacks on hand-made stacks', () => {
  const gateway = (sku: string, generation: string) => ({
    resource: {
      azurerm_virtual_network_gateway: {
        gw: { '//': { metadata: { path: 'x' } }, name: 'GW', sku, generation, type: 'Vpn' },
      },
    },
  });

  it.each([
    [
      'VpnGw2AZ',
      'VpnGw1AZ',
      'Generation2',
      'SKU change across generations is refused by Azure: VpnGw1AZ is Generation1 only and the gateway is ' +
        'Generation2; Terraform plans VpnGw2AZ -> VpnGw1AZ in place and the apply fails. Keep a Generation2 SKU, or ' +
        'create a new gateway',
    ],
    [
      'VpnGw2AZ',
      'VpnGw4AZ',
      'Generation1',
      'SKU change across generations is refused by Azure: VpnGw4AZ is Generation2 only and the gateway is ' +
        'Generation1; Terraform plans VpnGw2AZ -> VpnGw4AZ in place and the apply fails. Keep a Generation1 SKU, or ' +
        'create a new gateway',
    ],
    [
      'VpnGw2',
      'VpnGw2AZ',
      'Generation2',
      'SKU change between families is refused by Azure: VpnGw2 -> VpnGw2AZ (Basic, VpnGw and VpnGwAZ resize only ' +
        'within their own family); Terraform plans it in place and the apply fails. Migrate or create a new gateway',
    ],
    [
      'Basic',
      'VpnGw1',
      'Generation1',
      'SKU change between families is refused by Azure: Basic -> VpnGw1 (Basic, VpnGw and VpnGwAZ resize only ' +
        'within their own family); Terraform plans it in place and the apply fails. Migrate or create a new gateway',
    ],
  ])('%s -> %s on %s is refused', (from, to, generation, message) => {
    const review = compareStacks(gateway(from, generation), gateway(to, generation));
    expect(resource(review, 'azurerm_virtual_network_gateway.gw').action).toBe('update');
    expect(review.dangers).toEqual([
      {
        kind: 'sku-refused',
        address: 'azurerm_virtual_network_gateway.gw',
        message: `gateway GW (azurerm_virtual_network_gateway.gw): ${message}`,
      },
    ]);
  });

  it('a replaced gateway lists what forces it, then what else changes: also', () => {
    const review = compareStacks(gateway('VpnGw2', 'Generation2'), gateway('VpnGw3', 'Generation1'));
    const danger =
      'gateway GW (azurerm_virtual_network_gateway.gw) is replaced (generation "Generation2" -> "Generation1"): a VPN ' +
      'gateway takes 45 minutes or more to create, and every tunnel on that side is down until then';
    expect(formatText(review).split('\n')).toEqual([
      'Replacement-risk report',
      '',
      'Summary: 1 replaced, 0 destroyed, 0 changed in place, 0 added. Something is replaced or destroyed: this change ' +
        'needs a second approval.',
      '',
      'DANGER:',
      `  ! ${danger}`,
      '',
      'Resources:',
      '  -/+ GW (azurerm_virtual_network_gateway.gw): replaced, forced by generation "Generation2" -> "Generation1"; ' +
        'also sku "VpnGw2" -> "VpnGw3"',
      '',
    ]);
    expect(formatMarkdown(review).split('\n').slice(-2)).toEqual([
      '| replaced | GW `azurerm_virtual_network_gateway.gw` | forced by generation "Generation2" → "Generation1"; ' +
        'also sku "VpnGw2" → "VpnGw3" |',
      '',
    ]);
  });

  it('never prints a literal shared key: the change is reported, the values left out of the model and the report', () => {
    const connection = (key: string) => ({
      resource: { azurerm_virtual_network_gateway_connection: { c: { name: 'A-to-B', shared_key: key } } },
    });
    const review = compareStacks(connection('Literal-Old-9f2k'), connection('Literal-New-4h7d'));
    expect(resource(review, 'azurerm_virtual_network_gateway_connection.c').changes).toEqual([
      { attribute: 'shared_key', sensitive: true, forcesReplacement: false, through: [] },
    ]);
    const text = formatText(review) + formatMarkdown(review);
    expect(text).toContain(
      'shared key of connection A-to-B (azurerm_virtual_network_gateway_connection.c) changes (the key changes)',
    );
    expect(text).not.toMatch(/Literal-(Old|New)/);
    expect(exitCodeOf(review)).toBe(2);
  });

  /** A subnet that reads its network's name, where that name is itself a reference or a literal. */
  const subnetOfNetwork = (vnetName: string, location: string) => ({
    resource: {
      azurerm_virtual_network: { v: { name: vnetName, resource_group_name: 'rg', location } },
      azurerm_subnet: {
        s: {
          name: 'GatewaySubnet',
          resource_group_name: 'rg',
          virtual_network_name: '${azurerm_virtual_network.v.name}',
        },
      },
    },
  });

  it.each([
    ['a reference', '${random_pet.p.id}', { 'azurerm_virtual_network.v': 'replace', 'azurerm_subnet.s': 'replace' }],
    ['a literal', 'VNet1', { 'azurerm_virtual_network.v': 'replace' }],
  ])(
    'a replaced network whose name is %s: the subnet that reads the name is replaced only when the name can change',
    (_, vnetName, expected) => {
      const review = compareStacks(subnetOfNetwork(vnetName, 'eastus'), subnetOfNetwork(vnetName, 'westus2'));
      expect(actions(review)).toEqual(expected);
      if ('azurerm_subnet.s' in expected) {
        expect(resource(review, 'azurerm_subnet.s').changes).toEqual([
          {
            attribute: 'virtual_network_name',
            before: '${azurerm_virtual_network.v.name}',
            after: '${azurerm_virtual_network.v.name}',
            forcesReplacement: true,
            through: ['azurerm_virtual_network.v'],
          },
        ]);
      }
    },
  );

  it('ignores the // metadata blocks', () => {
    const a = gateway('VpnGw2AZ', 'Generation2');
    const b = structuredClone(a);
    b.resource.azurerm_virtual_network_gateway.gw['//'].metadata.path = 'moved/elsewhere';
    expect(compareStacks(a, b).resources).toEqual([]);
  });

  it('shows a changed output and a removed variable', () => {
    const a = { output: { x: { value: 1 } }, variable: { k: { type: 'string' } } };
    const b = { output: { x: { value: 2 } } };
    const review = compareStacks(a, b);
    expect(review).toMatchObject({
      outputs: [{ name: 'x', action: 'update' }],
      variables: [{ name: 'k', action: 'delete' }],
    });
    expect(formatText(review).split('\n')).toEqual([
      'Replacement-risk report',
      '',
      'Summary: 0 replaced, 0 destroyed, 0 changed in place, 0 added. Nothing is replaced or destroyed.',
      '',
      'Outputs:',
      '  ~ x (changed)',
      '',
      'Variables:',
      '  - k (removed)',
      '',
    ]);
    // No resource changes: no table.
    expect(formatMarkdown(review).split('\n')).toEqual([
      '### Replacement-risk report',
      '',
      '**0 replaced, 0 destroyed, 0 changed in place, 0 added.** Nothing is replaced or destroyed.',
      '',
      '**Outputs:** `x` changed',
      '',
      '**Variables:** `k` removed',
      '',
    ]);
  });

  it('says when it does not know the ForceNew arguments of a type, on a change (not on an addition or removal)', () => {
    const a = {
      resource: { azurerm_nat_gateway: { n: { name: 'a', sku_name: 'Standard' }, gone: { name: 'old-nat' } } },
    };
    const b = {
      resource: { azurerm_nat_gateway: { n: { name: 'a', sku_name: 'Premium' }, added: { name: 'new-nat' } } },
    };
    const review = compareStacks(a, b);
    expect(resource(review, 'azurerm_nat_gateway.n')).toMatchObject({
      action: 'update',
      forceNewKnown: false,
    });
    expect(formatText(review).split('\n')).toEqual([
      'Replacement-risk report',
      '',
      'Summary: 0 replaced, 1 destroyed, 1 changed in place, 1 added. Something is replaced or destroyed: this change ' +
        'needs a second approval.',
      '',
      'Resources:',
      '  +   new-nat (azurerm_nat_gateway.added): added',
      '  -   old-nat (azurerm_nat_gateway.gone): destroyed',
      '  ~   a (azurerm_nat_gateway.n): changed in place, sku_name "Standard" -> "Premium"; ForceNew arguments of this ' +
        'type are not known to this tool: check the plan',
      '',
    ]);
  });

  it('prevent_destroy dropped or added reads as a meta change, the missing side (unset)', () => {
    const lock = (lifecycle: Record<string, unknown>) => ({
      resource: { azurerm_management_lock: { l: { name: 'lock', lock_level: 'CanNotDelete', ...lifecycle } } },
    });
    const guarded = lock({ lifecycle: { prevent_destroy: true } });
    const dropped = compareStacks(guarded, lock({}));
    expect(formatText(dropped).split('\n')).toEqual([
      'Replacement-risk report',
      '',
      'Summary: 0 replaced, 0 destroyed, 0 changed in place, 0 added, 1 unchanged in Azure. Something can take a ' +
        'tunnel down or lift a protection: this change needs a second approval.',
      '',
      'DANGER:',
      '  ! prevent_destroy is dropped from lock (azurerm_management_lock.l): Terraform no longer refuses a plan that ' +
        'destroys it',
      '',
      'Resources:',
      '  =   lock (azurerm_management_lock.l): unchanged in Azure, meta: lifecycle.prevent_destroy true -> (unset)',
      '',
    ]);
    expect(formatMarkdown(dropped).split('\n').slice(-2)).toEqual([
      '| unchanged in Azure | lock `azurerm_management_lock.l` | meta: lifecycle.prevent_destroy true → (unset) |',
      '',
    ]);
    expect(formatText(compareStacks(lock({}), guarded)).split('\n')).toEqual([
      'Replacement-risk report',
      '',
      'Summary: 0 replaced, 0 destroyed, 0 changed in place, 0 added, 1 unchanged in Azure. Nothing is replaced or ' +
        'destroyed.',
      '',
      'Resources:',
      '  =   lock (azurerm_management_lock.l): unchanged in Azure, meta: lifecycle.prevent_destroy (unset) -> true',
      '',
    ]);
  });

  it('a data source new in this stack is read, with no changes; one gone from it is not listed', () => {
    const review = compareStacks(
      { terraform: {}, data: { azurerm_client_config: { gone: {} } } },
      { terraform: {}, data: { azurerm_key_vault_secret: { s: { name: 'vnet1-vnet4', key_vault_id: '/kv' } } } },
    );
    expect(review.resources).toEqual([
      {
        address: 'data.azurerm_key_vault_secret.s',
        type: 'azurerm_key_vault_secret',
        azureName: 'vnet1-vnet4',
        action: 'read',
        changes: [],
        forceNewKnown: true,
      },
    ]);
    expect(formatText(review).split('\n')).toEqual([
      'Replacement-risk report',
      '',
      'Summary: 0 replaced, 0 destroyed, 0 changed in place, 0 added, 1 read. Nothing is replaced or destroyed.',
      '',
      'Resources:',
      '  <=  vnet1-vnet4 (data.azurerm_key_vault_secret.s): read',
      '',
    ]);
  });

  it('a reference cycle (which Terraform refuses) ends: resources or data sources that read each other', () => {
    const cycle = {
      resource: {
        azurerm_subnet: {
          a: { name: 'a', virtual_network_name: '${azurerm_subnet.b.id}' },
          b: { name: 'b', virtual_network_name: '${azurerm_subnet.a.id}' },
        },
      },
      data: {
        azurerm_subnet: {
          p: { name: '${data.azurerm_subnet.q.id}' },
          q: { name: '${data.azurerm_subnet.p.id}' },
        },
      },
    };
    expect(compareStacks(cycle, structuredClone(cycle))).toEqual({
      resources: [],
      outputs: [],
      variables: [],
      dangers: [],
    });
  });

  it('a type, an output or a variable named like a JavaScript object member (toString, constructor) is compared like any other', () => {
    const a = {
      resource: { toString: { t: { name: 'T', size: 1 } } },
      output: { hasOwnProperty: { value: 1 } },
      variable: { constructor: { type: 'string' } },
    };
    const b = {
      resource: { toString: { t: { name: 'T', size: 2 } } },
      output: { constructor: { value: 1 }, valueOf: { value: 2 } },
    };
    const review = compareStacks(a, b);
    expect(review).toEqual({
      resources: [
        {
          address: 'toString.t',
          type: 'toString',
          azureName: 'T',
          action: 'update',
          changes: [{ attribute: 'size', before: 1, after: 2, forcesReplacement: false, through: [] }],
          forceNewKnown: false,
        },
      ],
      outputs: [
        { name: 'constructor', action: 'create' },
        { name: 'hasOwnProperty', action: 'delete' },
        { name: 'valueOf', action: 'create' },
      ],
      variables: [{ name: 'constructor', action: 'delete' }],
      dangers: [],
    });
  });

  it.each([
    [null, 'old stack: not a synthesized stack (expected a JSON object)'],
    [[], 'old stack: not a synthesized stack (expected a JSON object)'],
    [
      { hello: 1 },
      'old stack: not a synthesized stack (no "resource", "output" or "terraform" block); pass a cdk.tf.json',
    ],
    [{ resource: { azurerm_subnet: 3 } }, 'old stack: resource.azurerm_subnet is not an object'],
    [{ resource: [] }, 'old stack: "resource" is not an object'],
    [{ resource: { azurerm_subnet: { s: 'GatewaySubnet' } } }, 'old stack: resource.azurerm_subnet.s is not an object'],
    [{ terraform: {}, data: [] }, 'old stack: "data" is not an object'],
    [
      { terraform: {}, data: { azurerm_client_config: null } },
      'old stack: data.azurerm_client_config is not an object',
    ],
    [
      { terraform: {}, data: { azurerm_client_config: { current: [] } } },
      'old stack: data.azurerm_client_config.current is not an object',
    ],
    [{ output: 'x' }, 'old stack: "output" is not an object'],
    [{ terraform: {}, variable: [] }, 'old stack: "variable" is not an object'],
  ])('rejects %j with a one-line message', (input, message) => {
    expect(() => compareStacks(input, seed)).toThrow(new StackInputError(message));
  });

  it('names the new stack by its label when that one is malformed', () => {
    expect(() => compareStacks({ terraform: {} }, { output: [] }, ['a.json', 'b.json'])).toThrow(
      new StackInputError('b.json: "output" is not an object'),
    );
  });
});

describe('references', () => {
  it('finds resource and data references inside interpolations, not variables', () => {
    expect(
      references({
        a: '${azurerm_public_ip.VNet1_Gateway-X_1.id}',
        b: ['${data.azurerm_key_vault_secret.S.value}', 'plain azurerm_public_ip.no.id'],
        c: '${var.key}',
      }),
    ).toEqual([
      { address: 'azurerm_public_ip.VNet1_Gateway-X_1', attribute: 'id' },
      { address: 'data.azurerm_key_vault_secret.S', attribute: 'value' },
    ]);
  });
});

describe('compareStacks: what a reference, a data source or a meta-argument changes', () => {
  /** A network with a gateway, built in code: the construct ids stay, the resource group's name is an argument. */
  const network = (resourceGroupName: string) =>
    synthScope((scope) => {
      new Network(scope, 'VNet1', {
        location: 'eastus',
        resourceGroupName,
        addressSpace: ['10.1.0.0/16'],
        subnets: [{ name: 'FrontEnd', addressPrefix: '10.1.0.0/24' }],
        gatewaySubnetPrefix: '10.1.255.0/27',
      });
    });

  it('a resource group renamed in code, same construct id: everything whose ForceNew argument reads its name is replaced', () => {
    const before = network('rg-a');
    const after = network('rg-b');
    expect(addresses(after).sort()).toEqual(addresses(before).sort());
    const review = compareStacks(before, after);
    const group = addressOf(before, 'azurerm_resource_group', 'rg-a');
    const vnet = addressOf(before, 'azurerm_virtual_network', 'VNet1');
    const frontEnd = addressOf(before, 'azurerm_subnet', 'FrontEnd');
    const gatewaySubnet = addressOf(before, 'azurerm_subnet', 'GatewaySubnet');
    expect(actions(review)).toEqual({
      [group]: 'replace',
      [vnet]: 'replace',
      [frontEnd]: 'replace',
      [gatewaySubnet]: 'replace',
    });
    // The network's text is the same: it reads the group's name, which is what changes.
    expect(resource(review, vnet).changes).toEqual([
      {
        attribute: 'resource_group_name',
        before: ref(group, 'name'),
        after: ref(group, 'name'),
        forcesReplacement: true,
        through: [],
        reads: [`${group}.name`],
      },
    ]);
    expect(exitCodeOf(review)).toBe(2);
  });

  it('the same stack with a new resource group name nobody reads: only the group is replaced', () => {
    const build = (name: string) =>
      synthScope((scope) => {
        new ResourceGroup(scope, 'Group', { name, location: 'eastus' });
      });
    expect(actions(compareStacks(build('rg-a'), build('rg-b')))).toEqual({
      'azurerm_resource_group.Group': 'replace',
    });
  });

  it('a Key Vault secret id changed: the data source is read again and both connections change key', () => {
    const vault =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/vpn-keys';
    const withSecret = (secret: string) =>
      variant(
        (t) =>
          ((t.connections as Record<string, unknown>[])[0].sharedKey = {
            keyVaultSecretId: `${vault}/secrets/${secret}`,
          }),
      );
    const before = withSecret('vnet1-vnet4');
    const after = withSecret('vnet1-vnet4-rotated');
    const review = compareStacks(before, after);
    const secret = `data.azurerm_key_vault_secret.${Object.keys(before.data?.azurerm_key_vault_secret ?? {})[0]}`;
    expect(actions(review)).toEqual({ [FORWARD]: 'update', [REVERSE]: 'update', [secret]: 'read' });
    expect(resource(review, secret).changes).toEqual([
      expect.objectContaining({ attribute: 'name', before: 'vnet1-vnet4', after: 'vnet1-vnet4-rotated' }),
    ]);
    expect(resource(review, FORWARD).changes).toEqual([
      expect.objectContaining({ attribute: 'shared_key', forcesReplacement: false, reads: [secret] }),
    ]);
    expect(dangerKinds(review)).toEqual([`shared-key-changed ${FORWARD}`, `shared-key-changed ${REVERSE}`]);
    expect(review.dangers[0].message).toContain(`(${secret} changes, so the key read from it changes)`);
    expect(exitCodeOf(review)).toBe(2);
  });

  it('the same Key Vault secret on both sides: nothing changes', () => {
    const vault =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/vpn-keys';
    const withSecret = () =>
      variant(
        (t) => ((t.connections as Record<string, unknown>[])[0].sharedKey = { keyVaultSecretId: `${vault}/secrets/k` }),
      );
    expect(compareStacks(withSecret(), withSecret()).resources).toEqual([]);
  });

  it('prevent_destroy dropped from a gateway is a danger; added, it is listed and safe', () => {
    const guarded = variant((t) => (gatewayOf(t, 0).deleteProtection = 'preventDestroy'));
    const dropped = compareStacks(guarded, seed);
    expect(actions(dropped)).toEqual({ [VNET1_GW]: 'no-op' });
    expect(resource(dropped, VNET1_GW)).toMatchObject({
      changes: [],
      meta: [{ argument: 'lifecycle.prevent_destroy', before: 'true' }],
    });
    expect(dangerKinds(dropped)).toEqual([`protection-removed ${VNET1_GW}`]);
    expect(exitCodeOf(dropped)).toBe(2);

    const added = compareStacks(seed, guarded);
    expect(resource(added, VNET1_GW).meta).toEqual([{ argument: 'lifecycle.prevent_destroy', after: 'true' }]);
    expect(added.dangers).toEqual([]);
    expect(exitCodeOf(added)).toBe(0);
  });

  it('a delete lock removed is a danger', () => {
    const locked = variant((t) => (gatewayOf(t, 0).deleteProtection = 'lock'));
    const review = compareStacks(locked, seed);
    const lock = Object.keys(locked.resource.azurerm_management_lock).map((n) => `azurerm_management_lock.${n}`)[0];
    expect(actions(review)).toEqual({ [lock]: 'delete' });
    expect(dangerKinds(review)).toEqual([`protection-removed ${lock}`]);
  });

  it('a subnet network security group changed: the association is replaced (every argument is ForceNew)', () => {
    const nsg = (name: string) =>
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/TestRG1/providers/Microsoft.Network/networkSecurityGroups/${name}`;
    const withNsg = (name: string) =>
      variant((t) => ((t.networks[0].subnets as Record<string, unknown>[])[0].networkSecurityGroupId = nsg(name)));
    const review = compareStacks(withNsg('a'), withNsg('b'));
    expect(review.resources.map((r) => `${r.type} ${r.action} ${r.changes.map((c) => c.attribute).join()}`)).toEqual([
      'azurerm_subnet_network_security_group_association replace network_security_group_id',
    ]);
  });

  describe('public IP arguments the provider replaces for', () => {
    const ip = (extra: Partial<PublicIpConfig>) =>
      synthScope((scope) => {
        new PublicIp(scope, 'Ip', {
          name: 'pip',
          resourceGroupName: 'rg',
          location: 'eastus',
          allocationMethod: 'Static',
          sku: 'Standard',
          ...extra,
        });
      });
    const actionOf = (a: Partial<PublicIpConfig>, b: Partial<PublicIpConfig>) =>
      actions(compareStacks(ip(a), ip(b)))['azurerm_public_ip.Ip'];

    it.each([
      ['ip_tags added', {}, { ipTags: { RoutingPreference: 'Internet' } }, 'replace'],
      [
        'domain_name_label_scope set where it was unset',
        {},
        { domainNameLabel: 'x', domainNameLabelScope: 'TenantReuse' },
        'update',
      ],
      [
        'domain_name_label_scope changed',
        { domainNameLabel: 'x', domainNameLabelScope: 'TenantReuse' },
        { domainNameLabel: 'x', domainNameLabelScope: 'NoReuse' },
        'replace',
      ],
      [
        'domain_name_label_scope removed',
        { domainNameLabel: 'x', domainNameLabelScope: 'TenantReuse' },
        { domainNameLabel: 'x' },
        'replace',
      ],
    ] as const)('%s: %s', (_, a, b, expected) => {
      expect(actionOf(a, b)).toBe(expected);
    });
  });

  it('provider and timeouts are meta changes, not argument changes', () => {
    const build = (alias: string, create: string) =>
      synthScope((scope) => {
        const other = new AzurermProvider(scope, alias, { alias, features: [{}] });
        new ManagementLock(scope, 'Lock', {
          provider: other,
          name: 'lock',
          scope: '/subscriptions/x',
          lockLevel: 'CanNotDelete',
          timeouts: { create },
        });
      });
    const review = compareStacks(build('a', '30m'), build('b', '60m'));
    expect(resource(review, 'azurerm_management_lock.Lock')).toMatchObject({
      action: 'no-op',
      changes: [],
      meta: [
        { argument: 'provider', before: '"azurerm.a"', after: '"azurerm.b"' },
        { argument: 'timeouts', before: '{"create":"30m"}', after: '{"create":"60m"}' },
      ],
    });
    expect(exitCodeOf(review)).toBe(0);
  });
});

describe('compareStacks on small hand-made stacks: every field of the review', () => {
  const GW = 'azurerm_virtual_network_gateway';
  const CONN = 'azurerm_virtual_network_gateway_connection';
  const OUTAGE = 'a VPN gateway takes 45 minutes or more to create, and every tunnel on that side is down until then';

  it('names the new stack "new stack" by default when that one is malformed', () => {
    expect(() => compareStacks({ terraform: {} }, { output: [] })).toThrow(
      new StackInputError('new stack: "output" is not an object'),
    );
  });

  it('a gateway and a connection replaced for two arguments each, another of each destroyed', () => {
    const before = {
      resource: {
        [GW]: {
          gw: { name: 'GW', type: 'Vpn', generation: 'Generation2', sku: 'VpnGw2' },
          gw2: { name: 'GW2' },
        },
        [CONN]: { x: { name: 'X', connection_protocol: 'IKEv2', dpd_timeout_seconds: 45 }, y: { name: 'Y' } },
      },
    };
    const after = {
      resource: {
        [GW]: { gw: { name: 'GW', type: 'ExpressRoute', generation: 'Generation1', sku: 'VpnGw2AZ' } },
        [CONN]: { x: { name: 'X', connection_protocol: 'IKEv1', dpd_timeout_seconds: 30 } },
      },
    };
    const review = compareStacks(before, after);
    expect(review.dangers).toEqual([
      {
        kind: 'gateway-replaced',
        address: `${GW}.gw`,
        message: `gateway GW (${GW}.gw) is replaced (generation "Generation2" -> "Generation1", type "Vpn" -> "ExpressRoute"): ${OUTAGE}`,
      },
      {
        kind: 'gateway-destroyed',
        address: `${GW}.gw2`,
        message: `gateway GW2 (${GW}.gw2) is destroyed: every connection through it goes down`,
      },
      {
        kind: 'connection-replaced',
        address: `${CONN}.x`,
        message:
          `connection X (${CONN}.x) is replaced (connection_protocol "IKEv2" -> "IKEv1", dpd_timeout_seconds 45 -> 30): ` +
          'the tunnel is down until it is created again',
      },
      {
        kind: 'connection-destroyed',
        address: `${CONN}.y`,
        message: `connection Y (${CONN}.y) is destroyed: the tunnel goes down`,
      },
    ]);
  });

  it('generated keys replaced: each connection reading them, and only those, is named', () => {
    const stack = (length: number) => ({
      resource: {
        random_password: { k: { length }, m: { length }, other: { length: 16 } },
        [GW]: { g: { name: 'G' } },
        [CONN]: {
          c: { name: 'A-to-B', shared_key: '${random_password.m.result}${random_password.k.result}' },
          d: { name: 'C-to-D', shared_key: '${random_password.other.result}' },
        },
      },
    });
    const review = compareStacks(stack(16), stack(32));
    expect(review.resources.map((r) => `${r.address} ${r.action}`)).toEqual([
      `${CONN}.c update`,
      'random_password.k replace',
      'random_password.m replace',
    ]);
    expect(review.resources[0].changes).toEqual([
      {
        attribute: 'shared_key',
        sensitive: true,
        forcesReplacement: false,
        through: ['random_password.k', 'random_password.m'],
      },
    ]);
    const rotation = (key: string) =>
      `shared key ${key} is replaced: a new key is generated for A-to-B (${CONN}.c); a key rotation takes the ` +
      'tunnel down until both sides agree';
    expect(review.dangers).toEqual([
      {
        kind: 'shared-key-changed',
        address: `${CONN}.c`,
        message:
          `shared key of connection A-to-B (${CONN}.c) changes (random_password.k, random_password.m is replaced, so a ` +
          'new key is generated): the tunnel is down until both sides hold the new key',
      },
      { kind: 'shared-key-changed', address: 'random_password.k', message: rotation('random_password.k') },
      { kind: 'shared-key-changed', address: 'random_password.m', message: rotation('random_password.m') },
    ]);
  });

  it.each([
    ['both references: shown', '${var.a}', '${var.b}', { before: '${var.a}', after: '${var.b}' }],
    ['unset before, a reference after: shown', undefined, '${var.b}', { after: '${var.b}' }],
    ['a literal before: secret', 'Literal-1', '${var.b}', { sensitive: true }],
    ['text before the reference: secret', 'x${var.a}', '${var.b}', { sensitive: true }],
    ['text after the reference: secret', '${var.a}', '${var.b}x', { sensitive: true }],
  ])('a connection shared key changed, %s', (_, from, to, shown) => {
    const connection = (key: string | undefined) => ({
      resource: { [CONN]: { c: { name: 'C', ...(key === undefined ? {} : { shared_key: key }) } } },
    });
    const review = compareStacks(connection(from), connection(to));
    expect(review.resources).toEqual([
      {
        address: `${CONN}.c`,
        type: CONN,
        azureName: 'C',
        action: 'update',
        changes: [{ attribute: 'shared_key', ...shown, forcesReplacement: false, through: [] }],
        forceNewKnown: true,
      },
    ]);
    const how = 'sensitive' in shown ? 'the key changes' : `${formatValue(from)} -> ${formatValue(to)}`;
    expect(review.dangers).toEqual([
      {
        kind: 'shared-key-changed',
        address: `${CONN}.c`,
        message: `shared key of connection C (${CONN}.c) changes (${how}): the tunnel is down until both sides hold the new key`,
      },
    ]);
  });

  it('a connection shared key reading two renamed names: both named in the danger', () => {
    const stack = (suffix: string) => ({
      resource: {
        azurerm_x: { a: { name: `a${suffix}` }, b: { name: `b${suffix}` } },
        [CONN]: { c: { name: 'C', shared_key: '${azurerm_x.b.name}${azurerm_x.a.name}' } },
      },
    });
    expect(compareStacks(stack('1'), stack('2')).dangers).toEqual([
      {
        kind: 'shared-key-changed',
        address: `${CONN}.c`,
        message:
          `shared key of connection C (${CONN}.c) changes (azurerm_x.a.name, azurerm_x.b.name changes, so the key ` +
          'read from it changes): the tunnel is down until both sides hold the new key',
      },
    ]);
  });

  it('a shared key on a resource that is not a VNet connection is no connection danger', () => {
    const peering = (key: string) => ({
      resource: {
        azurerm_express_route_circuit_peering: { p: { peering_type: 'AzurePrivatePeering', shared_key: key } },
      },
    });
    const review = compareStacks(peering('a'), peering('b'));
    expect(review.resources.map((r) => r.action)).toEqual(['update']);
    expect(review.dangers).toEqual([]);
  });

  it('a gateway SKU refused across families although another argument changes first', () => {
    const gateway = (sku: string, bgp: boolean) => ({
      resource: { [GW]: { g: { name: 'G', enable_bgp: bgp, generation: 'Generation1', sku } } },
    });
    expect(compareStacks(gateway('Basic', false), gateway('VpnGw1', true)).dangers).toEqual([
      {
        kind: 'sku-refused',
        address: `${GW}.g`,
        message:
          `gateway G (${GW}.g): SKU change between families is refused by Azure: Basic -> VpnGw1 (Basic, VpnGw and ` +
          'VpnGwAZ resize only within their own family); Terraform plans it in place and the apply fails. Migrate or ' +
          'create a new gateway',
      },
    ]);
  });

  it('a gateway of generation None: the SKU it moves to names every generation it supports', () => {
    const gateway = (sku: string) => ({ resource: { [GW]: { g: { name: 'G', generation: 'None', sku } } } });
    expect(compareStacks(gateway('VpnGw1'), gateway('VpnGw2')).dangers).toEqual([
      {
        kind: 'sku-refused',
        address: `${GW}.g`,
        message:
          `gateway G (${GW}.g): SKU change across generations is refused by Azure: VpnGw2 is Generation1/Generation2 ` +
          'only and the gateway is None; Terraform plans VpnGw1 -> VpnGw2 in place and the apply fails. Keep a None ' +
          'SKU, or create a new gateway',
      },
    ]);
  });

  it.each([
    ['another resource type', 'azurerm_vpn_gateway', 'Basic', 'VpnGw1'],
    ['a legacy SKU', GW, 'Standard', 'HighPerformance'],
  ])('no SKU rule for %s', (_, type, from, to) => {
    const stack = (sku: string) => ({ resource: { [type]: { g: { name: 'G', generation: 'Generation1', sku } } } });
    const review = compareStacks(stack(from), stack(to));
    expect(review.resources.map((r) => r.action)).toEqual(['update']);
    expect(review.dangers).toEqual([]);
  });

  it('lifecycle changes are listed by name, a dropped one reads unset; prevent_destroy dropped beside a provider change is a danger', () => {
    const lock = (extra: Record<string, unknown>) => ({
      resource: { azurerm_management_lock: { l: { name: 'lock', ...extra } } },
    });
    const review = compareStacks(
      lock({ provider: 'azurerm.a', lifecycle: { prevent_destroy: true, create_before_destroy: true } }),
      lock({ provider: 'azurerm.b' }),
    );
    expect(review.resources).toEqual([
      {
        address: 'azurerm_management_lock.l',
        type: 'azurerm_management_lock',
        azureName: 'lock',
        action: 'no-op',
        changes: [],
        forceNewKnown: true,
        meta: [
          { argument: 'provider', before: '"azurerm.a"', after: '"azurerm.b"' },
          { argument: 'lifecycle.create_before_destroy', before: 'true' },
          { argument: 'lifecycle.prevent_destroy', before: 'true' },
        ],
      },
    ]);
    expect(review.dangers).toEqual([
      {
        kind: 'protection-removed',
        address: 'azurerm_management_lock.l',
        message:
          'prevent_destroy is dropped from lock (azurerm_management_lock.l): Terraform no longer refuses a plan that ' +
          'destroys it',
      },
    ]);
  });

  it('prevent_destroy = false dropped is no danger', () => {
    const lock = (extra: Record<string, unknown>) => ({
      resource: { azurerm_management_lock: { l: { name: 'lock', ...extra } } },
    });
    const review = compareStacks(lock({ lifecycle: { prevent_destroy: false } }), lock({}));
    expect(review.resources.map((r) => r.meta)).toEqual([[{ argument: 'lifecycle.prevent_destroy', before: 'false' }]]);
    expect(review.dangers).toEqual([]);
  });

  it('changed arguments and new data sources come sorted by name', () => {
    const review = compareStacks(
      { resource: { azurerm_x: { r: { name: 'N', zeta: 1, alpha: 1 } } } },
      {
        resource: { azurerm_x: { r: { name: 'N', zeta: 2, alpha: 2 } } },
        data: { azurerm_subnet: { z: { name: 'z' }, a: { name: 'a' } } },
      },
    );
    expect(review.resources.map((r) => [r.address, r.changes.map((c) => c.attribute)])).toEqual([
      ['azurerm_x.r', ['alpha', 'zeta']],
      ['data.azurerm_subnet.a', []],
      ['data.azurerm_subnet.z', []],
    ]);
  });

  it('two renamed names read by one argument are listed sorted', () => {
    const stack = (suffix: string) => ({
      resource: {
        azurerm_x: { a: { name: `a${suffix}` }, b: { name: `b${suffix}` } },
        azurerm_y: { s: { name: 's', address: '${azurerm_x.b.name}-${azurerm_x.a.name}' } },
      },
    });
    const review = compareStacks(stack('1'), stack('2'));
    expect(review.resources.find((r) => r.address === 'azurerm_y.s')?.changes).toEqual([
      {
        attribute: 'address',
        before: '${azurerm_x.b.name}-${azurerm_x.a.name}',
        after: '${azurerm_x.b.name}-${azurerm_x.a.name}',
        forcesReplacement: false,
        through: [],
        reads: ['azurerm_x.a.name', 'azurerm_x.b.name'],
      },
    ]);
  });

  it('a data source only in the new stack changes nothing that reads it', () => {
    const resource = { azurerm_x: { r: { name: 'r', tenant: '${data.azurerm_client_config.c.tenant_id}' } } };
    const review = compareStacks({ resource }, { resource, data: { azurerm_client_config: { c: { name: 'c' } } } });
    expect(review.resources.map((r) => `${r.address} ${r.action}`)).toEqual(['data.azurerm_client_config.c read']);
  });

  it('an output whose only difference is its // metadata is unchanged', () => {
    const stack = (path: string) => ({ output: { x: { value: 1, '//': { metadata: { path } } } } });
    expect(compareStacks(stack('a'), stack('b')).outputs).toEqual([]);
  });
});

describe('references to variables and locals', () => {
  it('are not resource references', () => {
    expect(references({ a: '${var.settings.key}', b: '${local.keys.main}' })).toEqual([]);
  });
});

describe('formatCause and formatValue', () => {
  const change = (fields: Record<string, unknown>) =>
    formatCause({ attribute: 'x', forcesReplacement: true, through: [], ...fields });

  it('names what a change reads, joined', () => {
    expect(change({ through: ['a.p', 'b.q'] })).toBe('x (reads a.p, b.q, replaced)');
    expect(change({ reads: ['a.p.name', 'b.q.name'] })).toBe('x (reads a.p.name, b.q.name, changed)');
  });

  it.each([
    ['an object changed', { a: 1 }, { a: 2 }],
    ['an object set', undefined, { a: 1 }],
    ['an object unset', { a: 1 }, undefined],
    ['a list changed', [1], [2]],
    ['a list set', undefined, [1]],
  ])('%s: only the argument name', (_, before, after) => {
    expect(change({ before, after })).toBe('x');
  });

  it('shows scalars', () => {
    expect(change({ before: 1, after: 'b' })).toBe('x 1 -> "b"');
  });

  it('cuts a value longer than 80 characters to 77 and ...', () => {
    expect(formatValue('a'.repeat(78))).toBe(`"${'a'.repeat(78)}"`);
    expect(formatValue('a'.repeat(79))).toBe(`"${'a'.repeat(76)}...`);
  });
});

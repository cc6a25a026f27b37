import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReview } from '../../review/cli';
import { exitCodeOf, StackInputError } from '../../review/compare';
import { formatText } from '../../review/format';
import { reviewPlan } from '../../review/plan';
import { ROOT } from '../support/root';

/** Plans written by hand from Terraform's JSON output format documentation (`terraform show -json`). */
const PLANS = join(__dirname, 'plans');
const plan = (name: string) => join(PLANS, `${name}.json`);
const review = (name: string) => reviewPlan(JSON.parse(readFileSync(plan(name), 'utf8')), name).review;

function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runReview(args, ROOT, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const GATEWAY = 'azurerm_virtual_network_gateway.VNet1_Gateway_6D60EFC2';
const FORWARD = 'azurerm_virtual_network_gateway_connection.Connection-VNet1-VNet4_VNet1-to-VNet4_AE83D595';
const REVERSE = 'azurerm_virtual_network_gateway_connection.Connection-VNet1-VNet4_VNet4-to-VNet1_770477C0';
const PASSWORD = 'random_password.Connection-VNet1-VNet4_SharedKey_Password_94A1C2B3';
const LOCK = 'azurerm_management_lock.VNet1_Gateway_DeleteLock_0F3E2D1C';
const PIP1 = 'azurerm_public_ip.VNet1_Gateway_PublicIp1_5984DAD9';

const actions = (name: string) => Object.fromEntries(review(name).resources.map((r) => [r.address, r.action]));
const dangers = (name: string) => review(name).dangers.map((d) => `${d.kind} ${d.address}`);

describe('npm run review -- --plan', () => {
  it('creates and in-place updates only: exit 0, every change listed by action, no-ops left out', () => {
    const { code, stdout, stderr } = run('--plan', plan('creates-and-updates'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      `Replacement-risk report: plan ${plan('creates-and-updates')} (Terraform 1.9.8)`,
      '',
      'Summary: 0 replaced, 0 destroyed, 1 changed in place, 2 added, 1 read. Nothing is replaced or destroyed.',
    ]);
    expect(stdout).toContain(`~   VNet1GW (${GATEWAY}): changed in place, sku "VpnGw2AZ" -> "VpnGw3AZ"`);
    expect(stdout).toContain('+   TestRG5 (azurerm_resource_group.ResourceGroup-TestRG5): added');
    expect(stdout).toContain('<=  data.azurerm_client_config.current: read, its arguments are known only after apply');
    expect(stdout).not.toContain('VNet1_VirtualNetwork_5B1F9E0A');
    expect(stdout).toMatch(/Outputs:\n {2}\+ VNet5-id \(added\)\n/);
    expect(stdout).not.toContain('DANGER');
  });

  it('a destroy plan: exit 2; the gateway, the tunnel, the key and the delete lock lead as dangers', () => {
    const { code, stdout } = run('--plan', plan('destroy'));
    expect(code).toBe(2);
    expect(dangers('destroy')).toEqual([
      `gateway-destroyed ${GATEWAY}`,
      `connection-destroyed ${FORWARD}`,
      `shared-key-changed ${PASSWORD}`,
      `protection-removed ${LOCK}`,
    ]);
    expect(stdout).toContain(
      `! shared key ${PASSWORD} is destroyed: its key is gone for VNet1-to-VNet4 (${FORWARD}); a key rotation`,
    );
    expect(stdout).toContain(`! delete lock VNet1GW-delete-lock (${LOCK}) is removed`);
    expect(stdout).toContain(`-   VNet1GW (${GATEWAY}): destroyed, no longer in the configuration`);
  });

  it('replacements: replace_paths name the forcing attribute, action_reason what else forced it', () => {
    const r = review('replace');
    expect(actions('replace')).toEqual({ [GATEWAY]: 'replace', [FORWARD]: 'replace', [PIP1]: 'replace' });
    expect(r.resources.find((x) => x.address === GATEWAY)?.changes).toEqual([
      { attribute: 'generation', before: 'Generation2', after: 'Generation1', forcesReplacement: true, through: [] },
    ]);
    expect(dangers('replace')).toEqual([`gateway-replaced ${GATEWAY}`, `connection-replaced ${FORWARD}`]);
    const { code, stdout } = run('--plan', plan('replace'));
    expect(code).toBe(2);
    expect(stdout).toContain(
      `! gateway VNet1GW (${GATEWAY}) is replaced (generation "Generation2" -> "Generation1"): a VPN gateway takes 45 minutes`,
    );
    expect(stdout).toContain(
      `-/+ VNet1-to-VNet4 (${FORWARD}): replaced, the new one is created before the old one is destroyed ` +
        '(create_before_destroy); the provider cannot update it in place; forced by ' +
        'virtual_network_gateway_id "/subscriptions/0000/gw" -> (known after apply)',
    );
    expect(stdout).toContain(`-/+ VNet1GWpip1 (${PIP1}): replaced, tainted: Terraform replaces it`);
  });

  it('a shared key changed in place is a danger (exit 2) that says the key changes, never what it is', () => {
    expect(dangers('shared-key')).toEqual([
      `shared-key-changed ${FORWARD}`,
      `shared-key-changed ${REVERSE}`,
      `shared-key-changed ${PASSWORD}`,
    ]);
    const { code, stdout } = run('--plan', plan('shared-key'));
    expect(code).toBe(2);
    expect(stdout).toContain(`! shared key of connection VNet1-to-VNet4 (${FORWARD}) changes (the key changes)`);
    expect(stdout).toContain(
      `! shared key ${PASSWORD} is replaced: a new key is generated for VNet4-to-VNet1 (${REVERSE})`,
    );
    expect(stdout).toContain(
      `~   VNet1-to-VNet4 (${FORWARD}): changed in place, shared_key (secret; the value changes)`,
    );
    expect(stdout).toContain('tags (secret; the value changes)');
  });

  it('lists types it has no rules for, forgotten resources and deposed objects by their action', () => {
    expect(actions('other-actions')).toEqual({
      'azurerm_network_security_group.FrontEnd': 'update',
      'azurerm_local_network_gateway.OnPrem1': 'no-op',
      [PIP1]: 'delete',
    });
    const { code, stdout } = run('--plan', plan('other-actions'));
    expect(code).toBe(2);
    expect(stdout).toContain('~   FrontEnd-nsg (azurerm_network_security_group.FrontEnd): changed in place, tags');
    expect(stdout).toContain('=   OnPrem1 (azurerm_local_network_gateway.OnPrem1): unchanged in Azure, meta: forget');
    expect(stdout).toContain(`-   VNet1GWpip1 (${PIP1}): destroyed, a deposed object`);
  });

  it('a plan that does not say its Terraform version: the title names the file only', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'plan-test-')), 'plan.json');
    writeFileSync(file, JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} } }));
    expect(run('--plan', file)).toEqual({
      code: 0,
      stdout: [
        `Replacement-risk report: plan ${file}`,
        '',
        'Summary: 0 replaced, 0 destroyed, 0 changed in place, 0 added. No changes.',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('prints Markdown for a pull-request comment', () => {
    const { code, stdout } = run('--markdown', '--plan', plan('replace'));
    expect(code).toBe(2);
    expect(stdout.replaceAll(PLANS, '<plans>')).toMatchSnapshot();
  });

  it.each(
    readdirSync(PLANS)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => [
        [f, false],
        [f, true],
      ]),
  )('%s (markdown %s): no value marked sensitive, and no shared key, reaches the report', (file, markdown) => {
    const json = JSON.parse(readFileSync(join(PLANS, file), 'utf8')) as unknown;
    const secrets = secretsOf(json);
    const { stdout, stderr } = run(...(markdown ? ['--markdown'] : []), '--plan', join(PLANS, file));
    for (const secret of secrets) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
  });

  it('the fixtures hold secrets, so the test above checks something', () => {
    expect(secretsOf(JSON.parse(readFileSync(plan('shared-key'), 'utf8')))).toEqual(
      expect.arrayContaining(['Old-Key-Zx81Qp', 'New-Key-Mv47Rt', 'Secret-Tag-Ab12', 'Secret-Tag-Cd34']),
    );
    expect(secretsOf(JSON.parse(readFileSync(plan('replace'), 'utf8')))).toContain('Replace-Plan-Key-3k5m');
    // Whole objects marked sensitive (`"after_sensitive": true`, `"before_sensitive": true`): their names too.
    expect(secretsOf(JSON.parse(readFileSync(plan('whole-object-sensitive'), 'utf8')))).toEqual(
      expect.arrayContaining(['LNGSECRET5', 'GWSECRET7', 'RGSECRET7']),
    );
  });

  it.each([
    ['state', 'not a plan (no "planned_values" or "resource_changes")'],
    ['future-format', 'plan format_version 2.0 is not supported (1.x is)'],
  ])('%s.json is not a plan it reads: exit 1, one line, no stack trace', (name, message) => {
    const { code, stdout, stderr } = run('--plan', plan(name));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a synthesized stack given as a plan: exit 1, one line that says how to make a plan', () => {
    const { code, stdout, stderr } = run('--plan', join(ROOT, 'package.json'));
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      `review: ${join(ROOT, 'package.json')}: not a Terraform plan (no "format_version"); save one with ` +
        '`terraform show -json plan.tfplan > plan.json`\n',
    );
  });

  it('refuses an action list the format does not define', () => {
    const json = { format_version: '1.2', resource_changes: [{ address: 'a.b', change: { actions: ['explode'] } }] };
    expect(() => reviewPlan(json, 'p.json')).toThrow(
      new StackInputError('p.json: resource_changes[0] (a.b): unknown actions ["explode"]'),
    );
  });

  it('exit code follows the review: 0 for creates and updates, 2 for the rest', () => {
    expect(exitCodeOf(review('creates-and-updates'))).toBe(0);
    expect(exitCodeOf(review('destroy'))).toBe(2);
  });
});

describe('reviewPlan: each part of the plan format', () => {
  type Entry = Record<string, unknown>;
  const planWith = (resourceChanges: unknown[], extra: Record<string, unknown> = {}) =>
    reviewPlan(
      { format_version: '1.2', planned_values: { root_module: {} }, resource_changes: resourceChanges, ...extra },
      'p.json',
    ).review;
  const change = (address: string, actions: string[], more: Entry = {}, changeMore: Entry = {}): Entry => ({
    address,
    mode: address.startsWith('data.') ? 'data' : 'managed',
    type: address.split('.').slice(-2)[0],
    change: {
      actions,
      before: {},
      after: {},
      after_unknown: {},
      before_sensitive: {},
      after_sensitive: {},
      ...changeMore,
    },
    ...more,
  });
  const errorOf = (json: unknown) => {
    try {
      reviewPlan(json, 'p.json');
    } catch (e) {
      return { name: (e as Error).name, message: (e as Error).message };
    }
    return undefined;
  };
  const KEY = 'random_password.Key_1A2B3C4D';
  const CONN_A = 'azurerm_virtual_network_gateway_connection.A-to-B';
  const CONN_B = 'azurerm_virtual_network_gateway_connection.B-to-A';

  it.each([
    ['replace_because_tainted', ['delete', 'create'], '-/+', 'replaced', 'tainted: Terraform replaces it'],
    [
      'replace_because_cannot_update',
      ['delete', 'create'],
      '-/+',
      'replaced',
      'the provider cannot update it in place',
    ],
    ['replace_by_request', ['delete', 'create'], '-/+', 'replaced', 'replaced on request (-replace)'],
    ['delete_because_no_resource_config', ['delete'], '-  ', 'destroyed', 'no longer in the configuration'],
    ['delete_because_wrong_repetition', ['delete'], '-  ', 'destroyed', 'count or for_each added or removed'],
    ['delete_because_count_index', ['delete'], '-  ', 'destroyed', 'its count index is gone'],
    ['delete_because_each_key', ['delete'], '-  ', 'destroyed', 'its for_each key is gone'],
    ['delete_because_no_module', ['delete'], '-  ', 'destroyed', 'its module is gone'],
    ['delete_because_no_move_target', ['delete'], '-  ', 'destroyed', 'the target of its moved block is gone'],
    ['read_because_config_unknown', ['read'], '<= ', 'read', 'its arguments are known only after apply'],
    ['read_because_dependency_pending', ['read'], '<= ', 'read', 'what it depends on changes'],
    ['read_because_check_nested', ['read'], '<= ', 'read', 'a check block reads it'],
  ])('action_reason %s (actions %j) reads its reason in the resource line', (why, actionList, symbol, verb, text) => {
    const address = actionList[0] === 'read' ? 'data.azurerm_client_config.current' : 'azurerm_public_ip.Pip1';
    const review = planWith([change(address, actionList, { action_reason: why })]);
    expect(review.resources).toEqual([
      {
        address,
        type: address.split('.').slice(-2)[0],
        action: actionList.length === 2 ? 'replace' : actionList[0],
        changes: [],
        forceNewKnown: true,
        reason: text,
      },
    ]);
    expect(formatText(review).split('\n')).toContain(`  ${symbol} ${address}: ${verb}, ${text}`);
  });

  it('a resource with no action_reason, or one this version does not know (an unknown text, the name of an object member, a list), has no reason, meta or name', () => {
    const { resources } = planWith([
      change('azurerm_public_ip.Pip1', ['create']),
      change('azurerm_public_ip.Pip2', ['delete'], { action_reason: 'delete_because_something_new' }),
      change('azurerm_public_ip.Pip3', ['delete'], { action_reason: 'toString' }),
      change('azurerm_public_ip.Pip4', ['delete'], { action_reason: ['delete_because_no_module'] }),
    ]);
    expect(resources).toEqual([
      {
        address: 'azurerm_public_ip.Pip1',
        type: 'azurerm_public_ip',
        action: 'create',
        changes: [],
        forceNewKnown: true,
      },
      {
        address: 'azurerm_public_ip.Pip2',
        type: 'azurerm_public_ip',
        action: 'delete',
        changes: [],
        forceNewKnown: true,
      },
      {
        address: 'azurerm_public_ip.Pip3',
        type: 'azurerm_public_ip',
        action: 'delete',
        changes: [],
        forceNewKnown: true,
      },
      {
        address: 'azurerm_public_ip.Pip4',
        type: 'azurerm_public_ip',
        action: 'delete',
        changes: [],
        forceNewKnown: true,
      },
    ]);
  });

  it.each([
    ['a text', 'azurerm_public_ip.Pip1'],
    ['no change', { address: 'azurerm_public_ip.Pip1' }],
    ['a change that is a list', { address: 'azurerm_public_ip.Pip1', change: [] }],
    ['no address', { change: { actions: ['create'] } }],
    ['an address that is not a text', { address: 7, change: { actions: ['create'] } }],
  ])('a resource change with %s is refused with its index', (_, entry) => {
    expect(
      errorOf({ format_version: '1.2', resource_changes: [change('azurerm_public_ip.Ok', ['create']), entry] }),
    ).toEqual({
      name: 'StackInputError',
      message: 'p.json: resource_changes[1] is not a resource change (no address or change)',
    });
  });

  it.each([
    ['no actions', {}, 'unknown actions undefined'],
    ['actions as a text', { actions: 'create' }, 'unknown actions "create"'],
  ])('a change with %s is refused', (_, body, message) => {
    expect(errorOf({ format_version: '1.2', resource_changes: [{ address: 'a.b', change: body }] })).toEqual({
      name: 'StackInputError',
      message: `p.json: resource_changes[0] (a.b): ${message}`,
    });
  });

  const hint = 'save one with `terraform show -json plan.tfplan > plan.json`';
  it.each([
    ['a list', [], `p.json: not a Terraform plan (no "format_version"); ${hint}`],
    ['null', null, `p.json: not a Terraform plan (no "format_version"); ${hint}`],
    [
      'a numeric format_version',
      { format_version: 1.2, resource_changes: [] },
      `p.json: not a Terraform plan (no "format_version"); ${hint}`,
    ],
    [
      'format_version 0.2',
      { format_version: '0.2', resource_changes: [] },
      `p.json: plan format_version 0.2 is not supported (1.x is); ${hint} with Terraform 1.x`,
    ],
    [
      'a configuration',
      { format_version: '1.2', configuration: { root_module: {} } },
      `p.json: a Terraform state or configuration, not a plan (no "planned_values" or "resource_changes"); ${hint}`,
    ],
    [
      'resource_changes as an object',
      { format_version: '1.2', resource_changes: {} },
      'p.json: "resource_changes" is not a list',
    ],
    [
      'resource_changes as a text',
      { format_version: '1.2', resource_changes: 'none' },
      'p.json: "resource_changes" is not a list',
    ],
  ])('%s is refused with its own message', (_, json, message) => {
    expect(errorOf(json)).toEqual({ name: 'StackInputError', message });
  });

  it('a plan with planned_values and no resource_changes (nothing changes) is an empty review', () => {
    expect(reviewPlan({ format_version: '1.2', planned_values: { root_module: {} } }, 'p.json')).toEqual({
      review: { resources: [], outputs: [], variables: [], dangers: [] },
    });
  });

  it('without "type", the type is read from the address, in a module or not', () => {
    const untyped = (address: string): Entry => ({ address, change: { actions: ['create'], after: {} } });
    const types = planWith([
      untyped('module.vpn.azurerm_public_ip.Pip1'),
      untyped('azurerm_virtual_network_gateway.Gw1'),
      untyped('data.azurerm_client_config.current'),
    ]).resources.map((r) => [r.address, r.type]);
    expect(types).toEqual([
      ['azurerm_virtual_network_gateway.Gw1', 'azurerm_virtual_network_gateway'],
      ['data.azurerm_client_config.current', 'azurerm_client_config'],
      ['module.vpn.azurerm_public_ip.Pip1', 'azurerm_public_ip'],
    ]);
  });

  it('a name marked sensitive, or one that is not a text, is not shown as the name', () => {
    const review = planWith([
      change(
        'azurerm_public_ip.Pip1',
        ['create'],
        {},
        { after: { name: 'PIPSECRET9' }, after_sensitive: { name: true } },
      ),
      change(
        'azurerm_public_ip.Pip2',
        ['delete'],
        {},
        { before: { name: 'PIPSECRET8' }, before_sensitive: { name: true } },
      ),
      change('azurerm_public_ip.Pip3', ['create'], {}, { after: { name: ['pip', '3'] } }),
      change('azurerm_public_ip.Pip4', ['create'], {}, { after: { name: 'VNet1GWpip4' } }),
    ]);
    expect(review.resources.map((r) => [r.address, r.azureName])).toEqual([
      ['azurerm_public_ip.Pip1', undefined],
      ['azurerm_public_ip.Pip2', undefined],
      ['azurerm_public_ip.Pip3', undefined],
      ['azurerm_public_ip.Pip4', 'VNet1GWpip4'],
    ]);
    expect(formatText(review)).not.toMatch(/SECRET|pip,3/);
  });

  it('resources are sorted by address; two entries at one address (a deposed object) keep the plan order', () => {
    const { resources } = planWith([
      change(
        'azurerm_virtual_network_gateway.Gw1',
        ['update'],
        {},
        { before: { sku: 'VpnGw2' }, after: { sku: 'VpnGw3' } },
      ),
      change('azurerm_public_ip.Pip1', ['create', 'delete']),
      change('azurerm_public_ip.Pip1', ['delete'], { deposed: '00000001' }),
      change('azurerm_local_network_gateway.Site1', ['create']),
    ]);
    expect(resources.map((r) => [r.address, r.action, r.reason])).toEqual([
      ['azurerm_local_network_gateway.Site1', 'create', undefined],
      [
        'azurerm_public_ip.Pip1',
        'replace',
        'the new one is created before the old one is destroyed (create_before_destroy)',
      ],
      ['azurerm_public_ip.Pip1', 'delete', 'a deposed object left by an earlier create_before_destroy'],
      ['azurerm_virtual_network_gateway.Gw1', 'update', undefined],
    ]);
  });

  it('changed attributes are sorted by name, whatever their order in before and after', () => {
    const { resources } = planWith([
      change(
        'azurerm_virtual_network_gateway.Gw1',
        ['update'],
        {},
        { before: { sku: 'VpnGw2', tags: {} }, after: { tags: { env: 'prod' }, sku: 'VpnGw3', active_active: true } },
      ),
    ]);
    expect(resources[0].changes.map((c) => c.attribute)).toEqual(['active_active', 'sku', 'tags']);
  });

  it('an attribute gone from after reads as unset; null and absent are the same value', () => {
    const review = planWith([
      change(
        'azurerm_public_ip.Pip1',
        ['update'],
        {},
        {
          before: { ip_version: 'IPv4', sku_tier: 'Regional', zones: null },
          after: { ip_version: 'IPv4', domain_name_label: null },
        },
      ),
    ]);
    expect(review.resources[0].changes).toEqual([
      { attribute: 'sku_tier', before: 'Regional', after: undefined, forcesReplacement: false, through: [] },
    ]);
    expect(formatText(review).split('\n')).toEqual([
      'Replacement-risk report',
      '',
      'Summary: 0 replaced, 0 destroyed, 1 changed in place, 0 added. Nothing is replaced or destroyed.',
      '',
      'Resources:',
      '  ~   azurerm_public_ip.Pip1: changed in place, sku_tier "Regional" -> (unset)',
      '',
    ]);
  });

  it('an attribute is secret when anything inside it is marked, in a list or in a nested object', () => {
    const review = planWith([
      change(
        'azurerm_virtual_network_gateway.Gw1',
        ['update'],
        {},
        {
          before: {
            ip_configuration: [{ name: 'a' }, { name: 'IPSECRET1' }],
            bgp_settings: { asn: 'BGPSECRET1', peering: [] },
          },
          after: {
            ip_configuration: [{ name: 'a' }, { name: 'IPSECRET2' }],
            bgp_settings: { asn: 'BGPSECRET2', peering: [] },
          },
          before_sensitive: { ip_configuration: [{}, { name: true }], bgp_settings: { peering: [], asn: true } },
          after_sensitive: { ip_configuration: [{}, { name: true }], bgp_settings: { peering: [], asn: true } },
        },
      ),
    ]);
    expect(review.resources[0].changes).toEqual([
      { attribute: 'bgp_settings', sensitive: true, forcesReplacement: false, through: [] },
      { attribute: 'ip_configuration', sensitive: true, forcesReplacement: false, through: [] },
    ]);
    expect(formatText(review)).not.toContain('SECRET');
  });

  it('a replace path that is not a list of steps forces nothing', () => {
    const { resources } = planWith([
      change(
        'azurerm_public_ip.Pip1',
        ['delete', 'create'],
        {},
        { before: { x: 1, zones: ['1'] }, after: { x: 2, zones: ['2'] }, replace_paths: ['x', [0], ['zones', 0]] },
      ),
    ]);
    expect(resources[0].changes).toEqual([
      { attribute: 'x', before: 1, after: 2, forcesReplacement: false, through: [] },
      { attribute: 'zones', before: ['1'], after: ['2'], forcesReplacement: true, through: [] },
    ]);
  });

  describe('a gateway SKU change the danger rules check against the planned generation', () => {
    const GW = 'azurerm_virtual_network_gateway.Gw1';
    const resize = (afterSensitive: Entry) =>
      planWith([
        change(
          GW,
          ['update'],
          {},
          {
            before: { generation: 'Generation2', name: 'VNet1GW', sku: 'VpnGw2AZ' },
            after: { generation: 'Generation2', name: 'VNet1GW', sku: 'VpnGw1AZ' },
            after_sensitive: afterSensitive,
          },
        ),
      ]).dangers;

    it('a SKU the gateway generation does not offer is refused', () => {
      expect(resize({})).toEqual([
        {
          kind: 'sku-refused',
          address: GW,
          message:
            `gateway VNet1GW (${GW}): SKU change across generations is refused by Azure: VpnGw1AZ is Generation1 only ` +
            'and the gateway is Generation2; Terraform plans VpnGw2AZ -> VpnGw1AZ in place and the apply fails. Keep a ' +
            'Generation2 SKU, or create a new gateway',
        },
      ]);
    });

    it('a generation marked sensitive is not read, so never printed', () => {
      expect(resize({ generation: true })).toEqual([]);
    });
  });

  describe('which connections read a key, from the configuration', () => {
    const keyReplaced = (configuration?: unknown) =>
      planWith(
        [
          change(
            KEY,
            ['delete', 'create'],
            {},
            { before: { length: 32 }, after: { length: 40 }, replace_paths: [['length']] },
          ),
          change(CONN_A, ['no-op'], {}, { before: { name: 'A-to-B' }, after: { name: 'A-to-B' } }),
        ],
        configuration === undefined ? {} : { configuration },
      ).dangers.map((d) => d.message);
    const tail = '; a key rotation takes the tunnel down until both sides agree';
    const readsKey = (address: unknown, references: unknown[]) => ({
      address,
      expressions: { shared_key: { references } },
    });

    it('no configuration: the key is named without readers', () => {
      expect(keyReplaced()).toEqual([`shared key ${KEY} is replaced: a new key is generated${tail}`]);
    });

    it('readers sorted by address, each once; entries it cannot read are left out', () => {
      expect(
        keyReplaced({
          root_module: {
            resources: [
              readsKey(CONN_B, [`${KEY}.result`, KEY]),
              { address: 'azurerm_resource_group.Rg1', mode: 'managed' },
              readsKey(undefined, [`${KEY}.result`]),
              readsKey('azurerm_virtual_network_gateway_connection.C-to-A', [[KEY]]),
              readsKey('azurerm_virtual_network_gateway_connection.D-to-A', ['var.shared_key']),
              readsKey(CONN_A, [`${KEY}.result`]),
            ],
          },
        }),
      ).toEqual([`shared key ${KEY} is replaced: a new key is generated for ${CONN_A}, ${CONN_B}${tail}`]);
    });
  });

  it('outputs: sorted by name; a replaced output is updated; no-ops and unreadable changes are left out', () => {
    const { outputs } = planWith([], {
      output_changes: {
        'z-replaced': { actions: ['delete', 'create'] },
        'a-updated': { actions: ['update'] },
        'm-deleted': { actions: ['delete'] },
        'b-created': { actions: ['create'] },
        'c-created-first': { actions: ['create', 'delete'] },
        'd-unchanged': { actions: ['no-op'] },
        'e-text': 'update',
        'f-no-actions': {},
        'g-joined': { actions: ['deletecreate'] },
      },
    });
    expect(outputs).toEqual([
      { name: 'a-updated', action: 'update' },
      { name: 'b-created', action: 'create' },
      { name: 'c-created-first', action: 'update' },
      { name: 'm-deleted', action: 'delete' },
      { name: 'z-replaced', action: 'update' },
    ]);
  });
});

/**
 * Every string at a path a plan marks sensitive, and every `shared_key`/`result` value in the changes (not in
 * `configuration`, whose expressions name references, not values).
 */
function secretsOf(json: unknown): string[] {
  const found = new Set<string>();
  const strings = (v: unknown): void => {
    if (typeof v === 'string') found.add(v);
    else if (Array.isArray(v)) v.forEach(strings);
    else if (v && typeof v === 'object') Object.values(v).forEach(strings);
  };
  const walk = (value: unknown, mirror: unknown): void => {
    if (mirror === true) return strings(value);
    if (!value || typeof value !== 'object' || !mirror || typeof mirror !== 'object') return;
    for (const [k, v] of Object.entries(value)) walk(v, (mirror as Record<string, unknown>)[k]);
  };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if ('before_sensitive' in o) walk(o.before, o.before_sensitive);
    if ('after_sensitive' in o) walk(o.after, o.after_sensitive);
    for (const [k, x] of Object.entries(o)) {
      if (k === 'configuration') continue;
      if (k === 'shared_key' || k === 'result') strings(x);
      visit(x);
    }
  };
  visit(json);
  return [...found];
}

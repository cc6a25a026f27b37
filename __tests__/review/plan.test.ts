import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReview } from '../../review/cli';
import { exitCodeOf, StackInputError } from '../../review/compare';
import { reviewPlan } from '../../review/plan';
import { ROOT } from '../support/synth';

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

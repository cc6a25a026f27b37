import { GENERATIONS_BY_SKU, VPN_GATEWAY_SKUS, VpnGatewaySku } from '../azure/skus';
import {
  CONNECTION_TYPE,
  DELETE_LOCK_TYPE,
  FORCE_NEW,
  forcesReplacement,
  GATEWAY_TYPE,
  KEY_RESOURCE_TYPES,
  META_ARGUMENTS,
  SECRET_ATTRIBUTES,
} from './force-new';
import { canonicalJson, isObject } from './json';

/**
 * What Terraform will do to one resource (or, for `read`, one data source). `no-op` is a resource Azure sees no change
 * to, listed for its meta changes (`provider`, `timeouts`, `lifecycle`) or a plan's `forget`.
 */
export type ResourceAction = 'create' | 'delete' | 'update' | 'replace' | 'read' | 'no-op';

export interface AttributeChange {
  /** Top-level argument name (`sku`, `ip_configuration`). */
  readonly attribute: string;
  /** Configured values; `undefined` when not set, or when the value is secret (see `sensitive`). */
  readonly before?: unknown;
  readonly after?: unknown;
  /** True when the provider replaces the resource for this change. */
  readonly forcesReplacement: boolean;
  /** Replaced resources whose new values reach this argument through a reference, when the text itself is unchanged. */
  readonly through: readonly string[];
  /**
   * Referenced values that change although this argument's text does not: `azurerm_resource_group.X.name` renamed in
   * code, or a data source read with new arguments (`data.azurerm_key_vault_secret.X`). Absent when there are none.
   */
  readonly reads?: readonly string[];
  /** The value is secret (a shared key, or marked sensitive in a plan): `before` and `after` are left out. */
  readonly sensitive?: true;
  /** The new value is known only after apply (a plan's `after_unknown`). */
  readonly unknownAfter?: true;
}

/** A change to how Terraform handles a resource rather than to the resource: `provider`, `timeouts`, `lifecycle.*`. */
export interface MetaChange {
  /** `provider`, `timeouts`, `lifecycle.prevent_destroy`, `forget`. */
  readonly argument: string;
  /** Short printable values; `undefined` when not set. */
  readonly before?: string;
  readonly after?: string;
}

export interface ResourceChange {
  /** Terraform address, `type.name`. */
  readonly address: string;
  readonly type: string;
  /** The Azure `name` argument, when it is a literal. */
  readonly azureName?: string;
  readonly action: ResourceAction;
  /** Changed arguments (empty for create and delete). */
  readonly changes: readonly AttributeChange[];
  /** False when this tool has no ForceNew list for the type: a change is shown as in place, unverified. */
  readonly forceNewKnown: boolean;
  /** Meta changes, apart from argument changes. Absent when there are none. */
  readonly meta?: readonly MetaChange[];
  /** Why Terraform replaces or deletes it, when a plan says so beyond the arguments (`action_reason`). */
  readonly reason?: string;
}

export interface ValueChange {
  readonly name: string;
  readonly action: 'create' | 'delete' | 'update';
}

export type DangerKind =
  | 'gateway-replaced'
  | 'gateway-destroyed'
  | 'connection-replaced'
  | 'connection-destroyed'
  | 'shared-key-changed'
  | 'sku-refused'
  | 'protection-removed';

export interface Danger {
  readonly kind: DangerKind;
  readonly address: string;
  readonly message: string;
}

export interface StackReview {
  /** Every resource that changes, sorted by address; unchanged resources are left out. */
  readonly resources: readonly ResourceChange[];
  readonly outputs: readonly ValueChange[];
  readonly variables: readonly ValueChange[];
  /** What can take a tunnel down, most serious first. */
  readonly dangers: readonly Danger[];
}

/** Input that is not a synthesized stack: the message is for the user as it stands. */
export class StackInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackInputError';
  }
}

type Body = Record<string, unknown>;

interface Stack {
  readonly resources: ReadonlyMap<string, Body>;
  /** Data sources by address, `data.type.name`. */
  readonly data: ReadonlyMap<string, Body>;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** Compares two synthesized stacks (parsed `cdk.tf.json`); `label`s name them in errors. */
export function compareStacks(before: unknown, after: unknown, labels = ['old stack', 'new stack']): StackReview {
  const old = readStack(before, labels[0]);
  const now = readStack(after, labels[1]);
  const analysis = new Analysis(old, now);

  const addresses = [...new Set([...old.resources.keys(), ...now.resources.keys()])].sort();
  const resources: ResourceChange[] = [];
  for (const address of addresses) {
    const type = address.split('.')[0];
    const forceNewKnown = Object.hasOwn(FORCE_NEW, type);
    const a = old.resources.get(address);
    const b = now.resources.get(address);
    const azureName = literalName(b) ?? literalName(a);
    if (!a) resources.push({ address, type, azureName, action: 'create', changes: [], forceNewKnown });
    else if (!b) resources.push({ address, type, azureName, action: 'delete', changes: [], forceNewKnown });
    else {
      const changes = analysis.changes(address);
      const meta = metaChanges(a, b);
      if (changes.length === 0 && meta.length === 0) continue;
      const action = changes.some((c) => c.forcesReplacement) ? 'replace' : changes.length > 0 ? 'update' : 'no-op';
      resources.push({ address, type, azureName, action, changes, forceNewKnown, ...(meta.length ? { meta } : {}) });
    }
  }
  // Data sources are read again when their arguments change; what reads them changes with them (see `reads`).
  for (const address of [...now.data.keys()].sort()) {
    const a = old.data.get(address);
    const b = now.data.get(address) as Body;
    const changes = a ? analysis.changes(address) : [];
    if (a && changes.length === 0) continue;
    const type = address.split('.')[1];
    resources.push({ address, type, azureName: literalName(b), action: 'read', changes, forceNewKnown: true });
  }

  const keyReaders = (keyAddress: string) =>
    [...now.resources.entries()]
      .filter(([, body]) => references(body.shared_key).some((ref) => ref.address === keyAddress))
      .map(([address]) => ({ address, azureName: literalName(now.resources.get(address)) }));
  return {
    resources,
    outputs: compareValues(old.outputs, now.outputs),
    variables: compareValues(old.variables, now.variables),
    dangers: findDangers(resources, { bodyOf: (address) => now.resources.get(address), keyReaders }),
  };
}

/** 2 when anything is replaced or destroyed, or anything else is dangerous (a second approval in CI), else 0. */
export function exitCodeOf(review: StackReview): 0 | 2 {
  return review.dangers.length > 0 || review.resources.some((r) => r.action === 'replace' || r.action === 'delete')
    ? 2
    : 0;
}

/** The label a report uses for a resource: its Azure name when it has one. */
export function describe(resource: Pick<ResourceChange, 'address' | 'azureName'>): string {
  return resource.azureName ? `${resource.azureName} (${resource.address})` : resource.address;
}

function readStack(json: unknown, label: string): Stack {
  if (!isObject(json)) throw new StackInputError(`${label}: not a synthesized stack (expected a JSON object)`);
  if (!('resource' in json) && !('terraform' in json) && !('output' in json)) {
    throw new StackInputError(
      `${label}: not a synthesized stack (no "resource", "output" or "terraform" block); pass a cdk.tf.json`,
    );
  }
  const resources = new Map<string, Body>();
  const byType = json.resource ?? {};
  if (!isObject(byType)) throw new StackInputError(`${label}: "resource" is not an object`);
  for (const [type, byName] of Object.entries(byType)) {
    if (!isObject(byName)) throw new StackInputError(`${label}: resource.${type} is not an object`);
    for (const [name, body] of Object.entries(byName)) {
      if (!isObject(body)) throw new StackInputError(`${label}: resource.${type}.${name} is not an object`);
      resources.set(`${type}.${name}`, body);
    }
  }
  const data = new Map<string, Body>();
  const dataByType = json.data ?? {};
  if (!isObject(dataByType)) throw new StackInputError(`${label}: "data" is not an object`);
  for (const [type, byName] of Object.entries(dataByType)) {
    if (!isObject(byName)) throw new StackInputError(`${label}: data.${type} is not an object`);
    for (const [name, body] of Object.entries(byName)) {
      if (!isObject(body)) throw new StackInputError(`${label}: data.${type}.${name} is not an object`);
      data.set(`data.${type}.${name}`, body);
    }
  }
  const outputs = json.output ?? {};
  const variables = json.variable ?? {};
  if (!isObject(outputs)) throw new StackInputError(`${label}: "output" is not an object`);
  if (!isObject(variables)) throw new StackInputError(`${label}: "variable" is not an object`);
  return { resources, data, outputs, variables };
}

/**
 * `provider`, `timeouts` and `lifecycle` say how Terraform handles a resource, not what Azure holds: listed apart.
 * A new `provider` manages the same Azure resource with other settings (it does not move it); `timeouts` only change
 * how long Terraform waits; `lifecycle.prevent_destroy` removed lets a later plan destroy the resource.
 */
function metaChanges(a: Body, b: Body): MetaChange[] {
  const changes: MetaChange[] = [];
  const add = (argument: string, before: unknown, after: unknown) => {
    if (canonicalJson(before) === canonicalJson(after)) return;
    changes.push({
      argument,
      ...(before === undefined ? {} : { before: formatValue(before) }),
      ...(after === undefined ? {} : { after: formatValue(after) }),
    });
  };
  add('provider', a.provider, b.provider);
  add('timeouts', stripMetadata(a.timeouts), stripMetadata(b.timeouts));
  const la = isObject(a.lifecycle) ? a.lifecycle : {};
  const lb = isObject(b.lifecycle) ? b.lifecycle : {};
  for (const key of [...new Set([...Object.keys(la), ...Object.keys(lb)])].sort()) {
    add(`lifecycle.${key}`, la[key], lb[key]);
  }
  return changes;
}

/**
 * Works out which arguments change, following references: when a resource is replaced, what other resources read
 * from it (`${azurerm_public_ip.X.id}`) is only known after apply, so a dependent whose ForceNew argument reads it is
 * replaced as well, although its text is the same.
 */
class Analysis {
  private readonly replacedMemo = new Map<string, boolean>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly old: Stack,
    private readonly now: Stack,
  ) {}

  /** Changed arguments of a resource (or data source, `data.…`) present in both stacks. */
  public changes(address: string): AttributeChange[] {
    const isData = address.startsWith('data.');
    const a = ((isData ? this.old.data : this.old.resources).get(address) ?? {}) as Body;
    const b = ((isData ? this.now.data : this.now.resources).get(address) ?? {}) as Body;
    const type = address.split('.')[0];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !META_ARGUMENTS.includes(k)).sort();
    const changes: AttributeChange[] = [];
    for (const attribute of keys) {
      const before = stripMetadata(a[attribute]);
      const after = stripMetadata(b[attribute]);
      const textChanged = canonicalJson(before) !== canonicalJson(after);
      const { through, reads } = textChanged ? { through: [], reads: [] } : this.changedReferences(after);
      if (!textChanged && through.length === 0 && reads.length === 0) continue;
      const secret = SECRET_ATTRIBUTES.includes(attribute) && !(isReferenceOnly(before) && isReferenceOnly(after));
      changes.push({
        attribute,
        ...(secret ? { sensitive: true as const } : { before, after }),
        forcesReplacement: !isData && forcesReplacement(type, attribute, before, after),
        through,
        ...(reads.length > 0 ? { reads } : {}),
      });
    }
    return changes;
  }

  /** Whether a resource present in both stacks is replaced, directly or through what it references. */
  public replaced(address: string): boolean {
    const memo = this.replacedMemo.get(address);
    if (memo !== undefined) return memo;
    if (this.visiting.has(address)) return false; // Terraform forbids cycles; never loop on a malformed stack.
    this.visiting.add(address);
    const result =
      this.old.resources.has(address) &&
      this.now.resources.has(address) &&
      this.changes(address).some((c) => c.forcesReplacement);
    this.visiting.delete(address);
    this.replacedMemo.set(address, result);
    return result;
  }

  /** Whether a data source in both stacks is read with other arguments, so everything it returns may change. */
  private dataChanged(address: string): boolean {
    const memo = this.replacedMemo.get(address);
    if (memo !== undefined) return memo;
    if (this.visiting.has(address)) return false;
    this.visiting.add(address);
    const result = this.old.data.has(address) && this.now.data.has(address) && this.changes(address).length > 0;
    this.visiting.delete(address);
    this.replacedMemo.set(address, result);
    return result;
  }

  /**
   * What `value` references that gets a new value, although `value`'s text is the same:
   * - `through`: a replaced resource whose referenced attribute is computed (`id`, `result`, `ip_address`) rather than
   *   set in its configuration;
   * - `reads`: an attribute set in the configuration whose value changes (a resource group or network renamed in code
   *   under the same construct id), or any attribute of a data source whose arguments change.
   */
  private changedReferences(value: unknown): { through: string[]; reads: string[] } {
    const through = new Set<string>();
    const reads = new Set<string>();
    for (const { address, attribute } of references(value)) {
      if (address.startsWith('data.')) {
        if (this.dataChanged(address)) reads.add(address);
        continue;
      }
      const body = this.now.resources.get(address);
      const old = this.old.resources.get(address);
      if (!body || !old) continue;
      if (attribute in body && !isComputedIn(body[attribute])) {
        if (canonicalJson(stripMetadata(old[attribute])) !== canonicalJson(stripMetadata(body[attribute]))) {
          reads.add(`${address}.${attribute}`);
        }
        continue;
      }
      if (this.replaced(address)) through.add(address);
    }
    return { through: [...through].sort(), reads: [...reads].sort() };
  }
}

/** `${random_password.k.result}`: nothing but one interpolation, so printing it shows no secret. */
function isReferenceOnly(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && /^\$\{[^}]*\}$/.test(value));
}

/** An argument whose value is itself a reference is only as stable as what it reads; treat it as computed. */
function isComputedIn(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

const INTERPOLATION = /\$\{([^}]*)\}/g;
const REFERENCE = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)\.([a-z_][a-z0-9_]*)/g;

/** `${azurerm_public_ip.X.id}` anywhere in a value, as address and attribute. */
export function references(value: unknown): { address: string; attribute: string }[] {
  const found: { address: string; attribute: string }[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const [, expression] of v.matchAll(INTERPOLATION)) {
        for (const [, address, attribute] of expression.matchAll(REFERENCE)) {
          if (!address.startsWith('var.') && !address.startsWith('local.')) found.push({ address, attribute });
        }
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

function compareValues(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): ValueChange[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const changes: ValueChange[] = [];
  for (const name of names) {
    if (!Object.hasOwn(a, name)) changes.push({ name, action: 'create' });
    else if (!Object.hasOwn(b, name)) changes.push({ name, action: 'delete' });
    else if (canonicalJson(stripMetadata(a[name])) !== canonicalJson(stripMetadata(b[name]))) {
      changes.push({ name, action: 'update' });
    }
  }
  return changes;
}

const OUTAGE = 'a VPN gateway takes 45 minutes or more to create, and every tunnel on that side is down until then';

/** What the danger rules need to know beyond the changes: the new configuration or planned values. */
export interface DangerContext {
  /** The new arguments of a resource (never secret ones), for the SKU rules. */
  readonly bodyOf: (address: string) => Readonly<Record<string, unknown>> | undefined;
  /** Connections whose `shared_key` reads a key resource. */
  readonly keyReaders: (keyAddress: string) => readonly Pick<ResourceChange, 'address' | 'azureName'>[];
}

/** The dangers among the changes, most serious first; shared by the two-stack comparison and the plan reader. */
export function findDangers(resources: readonly ResourceChange[], context: DangerContext): Danger[] {
  const dangers: Danger[] = [];
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  for (const r of resources) {
    const label = describe(r);
    const forcing = r.changes.filter((c) => c.forcesReplacement).map(formatCause);
    if (r.type === GATEWAY_TYPE && r.action === 'replace') {
      dangers.push({
        kind: 'gateway-replaced',
        address: r.address,
        message: `gateway ${label} is replaced (${forcing.join(', ')}): ${OUTAGE}`,
      });
    }
    if (r.type === GATEWAY_TYPE && r.action === 'delete') {
      dangers.push({
        kind: 'gateway-destroyed',
        address: r.address,
        message: `gateway ${label} is destroyed: every connection through it goes down`,
      });
    }
    if (r.type === CONNECTION_TYPE && r.action === 'replace') {
      dangers.push({
        kind: 'connection-replaced',
        address: r.address,
        message: `connection ${label} is replaced (${forcing.join(', ')}): the tunnel is down until it is created again`,
      });
    }
    if (r.type === CONNECTION_TYPE && r.action === 'delete') {
      dangers.push({
        kind: 'connection-destroyed',
        address: r.address,
        message: `connection ${label} is destroyed: the tunnel goes down`,
      });
    }
    if (r.type === CONNECTION_TYPE && r.action !== 'create' && r.action !== 'delete') {
      const key = r.changes.find((c) => c.attribute === 'shared_key');
      if (key) {
        const how =
          key.through.length > 0
            ? `${key.through.join(', ')} is replaced, so a new key is generated`
            : key.reads && key.reads.length > 0
              ? `${key.reads.join(', ')} changes, so the key read from it changes`
              : key.sensitive || key.unknownAfter
                ? 'the key changes'
                : `${formatValue(key.before)} -> ${formatValue(key.after)}`;
        dangers.push({
          kind: 'shared-key-changed',
          address: r.address,
          message: `shared key of connection ${label} changes (${how}): the tunnel is down until both sides hold the new key`,
        });
      }
    }
    if (KEY_RESOURCE_TYPES.includes(r.type) && (r.action === 'replace' || r.action === 'delete')) {
      const readers = context.keyReaders(r.address).map((reader) => describe(byAddress.get(reader.address) ?? reader));
      const verb = r.action === 'replace' ? 'is replaced: a new key is generated' : 'is destroyed: its key is gone';
      dangers.push({
        kind: 'shared-key-changed',
        address: r.address,
        message:
          `shared key ${r.address} ${verb}` +
          (readers.length > 0 ? ` for ${readers.join(', ')}` : '') +
          '; a key rotation takes the tunnel down until both sides agree',
      });
    }
    if (r.type === GATEWAY_TYPE) {
      const refused = refusedSkuChange(r, context.bodyOf(r.address));
      if (refused) dangers.push({ kind: 'sku-refused', address: r.address, message: `gateway ${label}: ${refused}` });
    }
    if (r.type === DELETE_LOCK_TYPE && r.action === 'delete') {
      dangers.push({
        kind: 'protection-removed',
        address: r.address,
        message: `delete lock ${label} is removed: what it protected can be deleted again, by Terraform or anyone`,
      });
    }
    const preventDestroy = r.meta?.find((m) => m.argument === 'lifecycle.prevent_destroy');
    if (preventDestroy && preventDestroy.before === 'true' && preventDestroy.after !== 'true') {
      dangers.push({
        kind: 'protection-removed',
        address: r.address,
        message: `prevent_destroy is dropped from ${label}: Terraform no longer refuses a plan that destroys it`,
      });
    }
  }
  const order: DangerKind[] = [
    'gateway-replaced',
    'gateway-destroyed',
    'sku-refused',
    'connection-replaced',
    'connection-destroyed',
    'shared-key-changed',
    'protection-removed',
  ];
  return dangers.sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
}

/**
 * Azure resizes a gateway in place only to a SKU its generation supports, and within one family; it refuses the rest
 * rather than replacing the gateway (provider issue #5535). VpnGw1(AZ) is Generation1 only, VpnGw4/5(AZ) Generation2
 * only; Basic, VpnGwN and VpnGwNAZ are separate families.
 */
function refusedSkuChange(r: ResourceChange, body: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const sku = r.changes.find((c) => c.attribute === 'sku');
  // A generation change replaces the gateway anyway: the new SKU goes on a new gateway.
  if (!sku || r.action === 'replace' || !isSku(sku.before) || !isSku(sku.after)) return undefined;
  const generation = body?.generation;
  const newGenerations = GENERATIONS_BY_SKU[sku.after];
  if (typeof generation === 'string' && !(newGenerations as readonly string[]).includes(generation)) {
    return (
      `SKU change across generations is refused by Azure: ${sku.after} is ${newGenerations.join('/')} only and the ` +
      `gateway is ${generation}; Terraform plans ${sku.before} -> ${sku.after} in place and the apply fails. Keep a ` +
      `${generation} SKU, or create a new gateway`
    );
  }
  if (!sameFamily(sku.before, sku.after)) {
    return (
      `SKU change between families is refused by Azure: ${sku.before} -> ${sku.after} (Basic, VpnGw and VpnGwAZ ` +
      'resize only within their own family); Terraform plans it in place and the apply fails. Migrate or create a new ' +
      'gateway'
    );
  }
  return undefined;
}

/** Basic, VpnGwN and VpnGwNAZ are separate families; Azure resizes only within one. */
function sameFamily(a: VpnGatewaySku, b: VpnGatewaySku): boolean {
  const family = (sku: VpnGatewaySku) => (sku === 'Basic' ? 'Basic' : sku.endsWith('AZ') ? 'AZ' : 'VpnGw');
  return family(a) === family(b);
}

function isSku(value: unknown): value is VpnGatewaySku {
  return typeof value === 'string' && (VPN_GATEWAY_SKUS as readonly string[]).includes(value);
}

/** `generation "Generation2" -> "Generation1"`, or `ip_configuration (through azurerm_public_ip.X, replaced)`. */
export function formatCause(change: AttributeChange): string {
  if (change.through.length > 0) return `${change.attribute} (reads ${change.through.join(', ')}, replaced)`;
  if (change.reads && change.reads.length > 0) return `${change.attribute} (reads ${change.reads.join(', ')}, changed)`;
  if (change.sensitive) return `${change.attribute} (secret; the value changes)`;
  if (change.unknownAfter) return `${change.attribute} ${formatValue(change.before)} -> (known after apply)`;
  if (
    isObject(change.before) ||
    isObject(change.after) ||
    Array.isArray(change.before) ||
    Array.isArray(change.after)
  ) {
    return change.attribute;
  }
  return `${change.attribute} ${formatValue(change.before)} -> ${formatValue(change.after)}`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function literalName(body: Body | undefined): string | undefined {
  const name = body?.name;
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}

function stripMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '//')
      .map(([k, v]) => [k, stripMetadata(v)]),
  );
}

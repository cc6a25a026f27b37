import {
  AttributeChange,
  findDangers,
  MetaChange,
  references,
  ResourceAction,
  ResourceChange,
  StackInputError,
  StackReview,
  ValueChange,
} from './compare';
import { SECRET_ATTRIBUTES } from './force-new';
import { canonicalJson, isObject } from './json';

/**
 * Reads a real plan: the output of `terraform show -json <planfile>`, Terraform's JSON output format
 * (https://developer.hashicorp.com/terraform/internals/json-format, "Plan Representation" and "Change
 * Representation"), format_version 1.x: a new minor version only adds properties, which are ignored here; another
 * major version is refused.
 *
 * Each `resource_changes[]` entry has `address`, `mode` (`managed` or `data`), `type`, and a `change` with:
 * - `actions`: `["no-op"]`, `["create"]`, `["read"]`, `["update"]`, `["delete"]`, `["delete","create"]` (replace,
 *   destroy first) or `["create","delete"]` (replace, create first: `create_before_destroy`); Terraform 1.7 adds
 *   `["forget"]` (removed from state, not destroyed);
 * - `before` and `after`: the whole object before and after; `after_unknown` marks values known only after apply;
 * - `before_sensitive` and `after_sensitive`: `true` where a value is sensitive, mirroring `before`/`after`. The values
 *   themselves are in clear in `before`/`after`: they never leave this file;
 * - `replace_paths`: the attribute paths that force a replacement (`[["generation"]]`);
 * and an optional `action_reason`: `replace_because_tainted`, `replace_because_cannot_update`, `replace_by_request`,
 * `delete_because_no_resource_config`, `delete_because_wrong_repetition`, `delete_because_count_index`,
 * `delete_because_each_key`, `delete_because_no_module`, `delete_because_no_move_target`,
 * `read_because_config_unknown`, `read_because_dependency_pending`, `read_because_check_nested`.
 * `output_changes` maps each output to a change with `actions`.
 */
export interface PlanReview {
  readonly review: StackReview;
  /** `terraform_version` of the plan, when it says. */
  readonly terraformVersion?: string;
}

type Json = Record<string, unknown>;

/** Why Terraform replaces, deletes or reads something, in the report's words (`action_reason`). */
const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: 'tainted: Terraform replaces it',
  replace_because_cannot_update: 'the provider cannot update it in place',
  replace_by_request: 'replaced on request (-replace)',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_wrong_repetition: 'count or for_each added or removed',
  delete_because_count_index: 'its count index is gone',
  delete_because_each_key: 'its for_each key is gone',
  delete_because_no_module: 'its module is gone',
  delete_because_no_move_target: 'the target of its moved block is gone',
  read_because_config_unknown: 'its arguments are known only after apply',
  read_because_dependency_pending: 'what it depends on changes',
  read_because_check_nested: 'a check block reads it',
};

/** Parses a plan's JSON into the report the two-stack comparison makes; throws `StackInputError` for anything else. */
export function reviewPlan(json: unknown, label: string): PlanReview {
  const plan = readPlan(json, label);
  const resources: ResourceChange[] = [];
  const bodies = new Map<string, Json>();
  const changes = plan.resource_changes as unknown[];
  for (const [i, entry] of changes.entries()) {
    if (!isObject(entry) || !isObject(entry.change) || typeof entry.address !== 'string') {
      throw new StackInputError(`${label}: resource_changes[${i}] is not a resource change (no address or change)`);
    }
    const change = entry.change;
    const action = actionOf(change.actions, `${label}: resource_changes[${i}] (${entry.address})`);
    if (action === undefined) continue; // no-op
    const type = typeof entry.type === 'string' ? entry.type : entry.address.split('.').slice(-2)[0];
    const before = isObject(change.before) ? change.before : {};
    const after = isObject(change.after) ? change.after : {};
    const beforeSensitive = change.before_sensitive;
    const afterSensitive = change.after_sensitive;
    const secret = (attribute: string) =>
      SECRET_ATTRIBUTES.includes(attribute) || marked(beforeSensitive, attribute) || marked(afterSensitive, attribute);
    const name = !secret('name') && typeof (after.name ?? before.name) === 'string' ? (after.name ?? before.name) : '';
    const reason =
      typeof entry.action_reason === 'string' && Object.hasOwn(REASONS, entry.action_reason)
        ? REASONS[entry.action_reason]
        : undefined;
    const deposed =
      typeof entry.deposed === 'string' ? 'a deposed object left by an earlier create_before_destroy' : '';
    const order =
      Array.isArray(change.actions) && change.actions.join(',') === 'create,delete'
        ? 'the new one is created before the old one is destroyed (create_before_destroy)'
        : '';
    const meta: MetaChange[] = action.kind === 'forget' ? [{ argument: 'forget' }] : [];
    const address = entry.address;
    const resourceAction: ResourceAction = action.kind === 'forget' ? 'no-op' : action.kind;
    const replacePaths = readReplacePaths(change.replace_paths);
    const attributeChanges =
      resourceAction === 'update' || resourceAction === 'replace'
        ? diff(before, after, change.after_unknown, secret, replacePaths, resourceAction === 'replace')
        : [];
    resources.push({
      address,
      type,
      ...(name ? { azureName: String(name) } : {}),
      action: resourceAction,
      changes: attributeChanges,
      forceNewKnown: true, // The provider itself decided what is replaced.
      ...(meta.length > 0 ? { meta } : {}),
      ...(reason || deposed || order ? { reason: [deposed, order, reason].filter(Boolean).join('; ') } : {}),
    });
    // What the danger rules may read: the planned values, without anything secret.
    bodies.set(address, Object.fromEntries(Object.entries(after).filter(([k]) => !secret(k))));
  }
  resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

  const keyReaders = keyReadersFrom(plan.configuration, resources);
  return {
    review: {
      resources,
      outputs: outputChanges(plan.output_changes),
      variables: [],
      dangers: findDangers(resources, { bodyOf: (address) => bodies.get(address), keyReaders }),
    },
    ...(typeof plan.terraform_version === 'string' ? { terraformVersion: plan.terraform_version } : {}),
  };
}

function readPlan(json: unknown, label: string): Json {
  const hint = 'save one with `terraform show -json plan.tfplan > plan.json`';
  if (!isObject(json) || typeof json.format_version !== 'string') {
    throw new StackInputError(`${label}: not a Terraform plan (no "format_version"); ${hint}`);
  }
  if (!json.format_version.startsWith('1.')) {
    throw new StackInputError(
      `${label}: plan format_version ${json.format_version} is not supported (1.x is); ${hint} with Terraform 1.x`,
    );
  }
  if (!('planned_values' in json) && !('resource_changes' in json)) {
    throw new StackInputError(
      `${label}: a Terraform state or configuration, not a plan (no "planned_values" or "resource_changes"); ${hint}`,
    );
  }
  const changes = json.resource_changes ?? [];
  if (!Array.isArray(changes)) throw new StackInputError(`${label}: "resource_changes" is not a list`);
  return { ...json, resource_changes: changes };
}

type PlanAction = { kind: Exclude<ResourceAction, 'no-op'> } | { kind: 'forget' };

function actionOf(actions: unknown, where: string): PlanAction | undefined {
  const list = Array.isArray(actions) ? actions.join(',') : '';
  switch (list) {
    case 'no-op':
      return undefined;
    case 'create':
    case 'read':
    case 'update':
    case 'delete':
      return { kind: list };
    case 'delete,create':
    case 'create,delete':
      return { kind: 'replace' };
    case 'forget':
      return { kind: 'forget' };
    default:
      throw new StackInputError(`${where}: unknown actions ${JSON.stringify(actions)}`);
  }
}

/** Top-level attributes named in `replace_paths` (`[["ip_configuration", 0, "public_ip_address_id"]]`). */
function readReplacePaths(paths: unknown): Set<string> {
  const found = new Set<string>();
  if (!Array.isArray(paths)) return found;
  for (const path of paths) if (Array.isArray(path) && typeof path[0] === 'string') found.add(path[0]);
  return found;
}

/** Changed top-level attributes; secret ones carry no value. On a replacement, unknowns only where they force it. */
function diff(
  before: Json,
  after: Json,
  afterUnknown: unknown,
  secret: (attribute: string) => boolean,
  replacePaths: ReadonlySet<string>,
  replacing: boolean,
): AttributeChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: AttributeChange[] = [];
  for (const attribute of keys) {
    const unknown = marked(afterUnknown, attribute);
    const a = before[attribute] ?? undefined;
    const b = after[attribute] ?? undefined;
    const forces = replacePaths.has(attribute);
    if (unknown) {
      // A replacement leaves every computed attribute (`id`, `guid`) unknown: only the forcing ones say anything.
      if (replacing && !forces) continue;
    } else if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) continue;
    changes.push({
      attribute,
      ...(secret(attribute) ? { sensitive: true as const } : { before: a, ...(unknown ? {} : { after: b }) }),
      forcesReplacement: forces,
      through: [],
      ...(unknown ? { unknownAfter: true as const } : {}),
    });
  }
  return changes;
}

/** Whether a `*_sensitive` or `after_unknown` mirror marks `attribute`, or anything inside it, or the whole object. */
function marked(mirror: unknown, attribute: string): boolean {
  if (mirror === true) return true;
  if (!isObject(mirror)) return false;
  const any = (v: unknown): boolean =>
    v === true || (Array.isArray(v) ? v.some(any) : isObject(v) ? Object.values(v).some(any) : false);
  return any(mirror[attribute]);
}

/**
 * Connections whose `shared_key` reads a key resource, from the plan's `configuration` (its `expressions` name their
 * `references`), when the plan carries it.
 */
function keyReadersFrom(
  configuration: unknown,
  resources: readonly ResourceChange[],
): (keyAddress: string) => { address: string; azureName?: string }[] {
  const readers = new Map<string, string[]>();
  const root = isObject(configuration) && isObject(configuration.root_module) ? configuration.root_module : {};
  for (const resource of Array.isArray(root.resources) ? root.resources : []) {
    if (!isObject(resource) || typeof resource.address !== 'string' || !isObject(resource.expressions)) continue;
    const key = resource.expressions.shared_key;
    const refs = isObject(key) && Array.isArray(key.references) ? key.references : [];
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      const [target] = references(`\${${ref}.x}`).map((r) => r.address);
      if (target) readers.set(target, [...(readers.get(target) ?? []), resource.address]);
    }
  }
  const names = new Map(resources.map((r) => [r.address, r.azureName]));
  return (keyAddress) =>
    [...new Set(readers.get(keyAddress) ?? [])].sort().map((address) => ({ address, azureName: names.get(address) }));
}

function outputChanges(changes: unknown): ValueChange[] {
  if (!isObject(changes)) return [];
  const found: ValueChange[] = [];
  for (const name of Object.keys(changes).sort()) {
    const change = changes[name];
    const actions = isObject(change) && Array.isArray(change.actions) ? change.actions.join(',') : '';
    if (actions === 'create' || actions === 'delete' || actions === 'update') found.push({ name, action: actions });
    else if (actions === 'delete,create' || actions === 'create,delete') found.push({ name, action: 'update' });
  }
  return found;
}

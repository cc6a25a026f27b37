/**
 * The stacks the blast-radius picture reads, rebuilt from a real plan (`terraform show -json`): the new stack from
 * what each resource becomes (`after`), the old one from what it was (`before`). A value that is another resource's id
 * in the plan becomes a reference to that resource (`${azurerm_virtual_network_gateway.X.id}`), and the plan's
 * `configuration` supplies references for values known only after apply (a replaced gateway's new id). Sensitive values
 * (shared keys, or a whole object marked sensitive) are left out: the picture needs none.
 * Format: https://developer.hashicorp.com/terraform/internals/json-format ("Plan Representation").
 */

type Json = Record<string, unknown>;

/** A stack in the shape of `cdk.tf.json`: `{ resource: { <type>: { <name>: body } } }`. */
export interface StackLike {
  readonly resource: Record<string, Record<string, Json>>;
}

export function planStacks(plan: unknown): { now: StackLike; old: StackLike } {
  const changes = arrayOf(isObject(plan) ? plan.resource_changes : undefined).filter(
    (rc) => rc.mode === undefined || rc.mode === 'managed',
  );
  const idToAddress = new Map<string, string>();
  for (const rc of changes) {
    const change = isObject(rc.change) ? rc.change : {};
    for (const side of [change.before, change.after]) {
      if (isObject(side) && typeof side.id === 'string' && typeof rc.address === 'string') {
        idToAddress.set(side.id, rc.address);
      }
    }
  }
  const expressions = configurationExpressions(plan);
  const reference = (value: unknown): unknown => {
    if (typeof value === 'string') return idToAddress.has(value) ? `\${${idToAddress.get(value)}.id}` : value;
    if (Array.isArray(value)) return value.map(reference);
    // A resource's own `id` stays a value; only what it points at becomes a reference.
    if (isObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'id' ? v : reference(v)]));
    }
    return value;
  };

  const now: StackLike = { resource: {} };
  const old: StackLike = { resource: {} };
  for (const rc of changes) {
    const { address, type, name } = rc;
    if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string') continue;
    const change = isObject(rc.change) ? rc.change : {};
    if (isObject(change.before)) {
      put(old, type, name, reference(withoutSensitive(change.before, change.before_sensitive)) as Json);
    }
    if (isObject(change.after)) {
      const body = reference(withoutSensitive(change.after, change.after_sensitive)) as Json;
      const before = isObject(change.before)
        ? (reference(withoutSensitive(change.before, change.before_sensitive)) as Json)
        : {};
      const unknown = isObject(change.after_unknown) ? change.after_unknown : {};
      for (const [attribute, refs] of Object.entries(expressions.get(address) ?? {})) {
        // The configuration names what a value reads; it matters for values the plan knows only after apply.
        if (body[attribute] === undefined || unknown[attribute] === true) body[attribute] = `\${${refs}}`;
      }
      for (const [attribute, isUnknown] of Object.entries(unknown)) {
        if (isUnknown === true && body[attribute] === undefined && typeof before[attribute] === 'string') {
          // Not in the configuration: the old value still says what the resource points at.
          if (String(before[attribute]).startsWith('${')) body[attribute] = before[attribute];
        }
      }
      put(now, type, name, body);
    }
  }
  return { now, old };
}

/** `address -> attribute -> the first reference` (`azurerm_virtual_network_gateway.X.id`) of the root module. */
function configurationExpressions(plan: unknown): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const configuration = isObject(plan) && isObject(plan.configuration) ? plan.configuration : {};
  const root = isObject(configuration.root_module) ? configuration.root_module : {};
  for (const resource of arrayOf(root.resources)) {
    if (typeof resource.address !== 'string' || !isObject(resource.expressions)) continue;
    const refs: Record<string, string> = {};
    for (const [attribute, expression] of Object.entries(resource.expressions)) {
      // `references` lists the attribute first, then the resource: ["azurerm_x.name.id", "azurerm_x.name"].
      const named = isObject(expression) && Array.isArray(expression.references) ? expression.references[0] : undefined;
      if (typeof named === 'string' && named.split('.').length >= 3) refs[attribute] = named;
    }
    out.set(resource.address, refs);
  }
  return out;
}

/**
 * The values without what the plan's mirror (`before_sensitive`/`after_sensitive`) marks: an attribute marked, or with
 * anything inside it marked, is left out, and a whole object marked (`true`) leaves nothing, so the picture names the
 * resource by its address.
 */
function withoutSensitive(values: Json, sensitive: unknown): Json {
  if (sensitive === true) return {};
  const marks = isObject(sensitive) ? sensitive : {};
  return Object.fromEntries(
    Object.entries(values).filter(([k]) => !anyMarked(marks[k]) && k !== 'shared_key' && k !== 'result'),
  );
}

function anyMarked(mark: unknown): boolean {
  return (
    mark === true ||
    (Array.isArray(mark) ? mark.some(anyMarked) : isObject(mark) && Object.values(mark).some(anyMarked))
  );
}

function put(stack: StackLike, type: string, name: string, body: Json): void {
  (stack.resource[type] ??= {})[name] = body;
}

function arrayOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

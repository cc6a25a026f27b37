import { FULL_DRAWING_LIMITS } from './mermaid';
import {
  classDefLines,
  label,
  Line,
  LINK_STYLES,
  markdownFence,
  MAX_LINE,
  NodeClass,
  NodeIds,
  shorten,
} from './mermaid-text';

/**
 * The blast radius of a change as a picture: the VPN gateways, sites and connections of the stacks, each marked with
 * what the change does to it. It reads only what every review report holds (resource type, address, Azure name,
 * action, and the dangers found) and the synthesized Terraform of the new stack (and of the old one, for what is
 * destroyed), so the same picture serves a review of two synths and a review of a plan.
 */

/** One resource the change touches, as the review reports it. */
export interface ChangedResource {
  readonly type: string;
  readonly address: string;
  readonly azureName?: string;
  /** `create`, `delete`, `update`, `replace`; anything else (a data source `read`, a `no-op`) is drawn unchanged. */
  readonly action: string;
}

export interface ChangeReport {
  readonly resources: readonly ChangedResource[];
  /** Dangers by kind and address; a `shared-key-changed` on a connection marks its tunnel as going down. */
  readonly dangers?: readonly { readonly kind: string; readonly address: string }[];
}

/** What the change does to one thing in the picture, worst first. */
export type ChangeStatus = 'danger' | 'changed' | 'added' | 'plain';

const GATEWAY = 'azurerm_virtual_network_gateway';
const CONNECTION = 'azurerm_virtual_network_gateway_connection';
const LOCAL_GATEWAY = 'azurerm_local_network_gateway';

type Body = Record<string, unknown>;

interface Endpoint {
  /** Terraform address, or the literal id of a gateway that exists outside the stack. */
  readonly key: string;
  readonly kind: 'gateway' | 'site' | 'existing';
  readonly name: string;
  /** The network a gateway is in, when the stack says. */
  readonly network?: string;
}

interface Tunnel {
  readonly address: string;
  readonly name: string;
  readonly from?: string;
  readonly to?: string;
  readonly keyReads: readonly string[];
}

/** Markdown for the review: a heading, the picture, and a line that says what the colours mean. */
export function changeDiagram(report: ChangeReport, newStack: unknown, oldStack?: unknown): string {
  const { text, left } = buildChangeFlowchart(report, newStack, oldStack);
  const note =
    left > 0
      ? ` ${left} unchanged connection${left === 1 ? ' is' : 's are'} not drawn (the topology is too large to draw in full).`
      : '';
  return [
    markdownFence(text, 'Blast radius').trimEnd(),
    '',
    '_Red, dashed: replaced or destroyed, or its shared key changes: the tunnel goes down. Green: added. ' +
      `Amber: changed in place. Grey: unchanged._${note}`,
    '',
  ].join('\n');
}

/** The Mermaid flowchart text of the picture alone. */
export function changeFlowchart(report: ChangeReport, newStack: unknown, oldStack?: unknown): string {
  return buildChangeFlowchart(report, newStack, oldStack).text;
}

function buildChangeFlowchart(
  report: ChangeReport,
  newStack: unknown,
  oldStack?: unknown,
): { text: string; left: number } {
  const now = resourcesOf(newStack);
  const old = oldStack === undefined ? new Map<string, Body>() : resourcesOf(oldStack);
  const actions = new Map(report.resources.map((r) => [r.address, r]));
  const keyDangers = new Set(
    (report.dangers ?? []).filter((d) => d.kind === 'shared-key-changed').map((d) => d.address),
  );

  // Everything in the new stack, and what only the old one holds (destroyed).
  const all = new Map<string, Body>(old);
  for (const [address, body] of now) all.set(address, body);
  const stacks = [now, old];

  const endpoints = new Map<string, Endpoint>();
  const endpoint = (value: unknown): string | undefined => {
    const ref = firstReference(value);
    if (ref && (ref.type === GATEWAY || ref.type === LOCAL_GATEWAY)) {
      const address = `${ref.type}.${ref.name}`;
      if (!endpoints.has(address)) {
        const body = all.get(address);
        endpoints.set(address, {
          key: address,
          kind: ref.type === GATEWAY ? 'gateway' : 'site',
          // No name (a plan that marks it sensitive leaves it out): the Terraform address, as the report says.
          name: literal(body?.name) ?? actions.get(address)?.azureName ?? address,
          network: ref.type === GATEWAY ? networkOf(body, stacks) : undefined,
        });
      }
      return address;
    }
    if (typeof value !== 'string' || value === '') return undefined;
    // A gateway outside the stack: a literal resource id, or a data source.
    const key = ref ? `${ref.type}.${ref.name}` : value;
    if (!endpoints.has(key)) {
      endpoints.set(key, { key, kind: 'existing', name: ref ? ref.name : (value.split('/').pop() ?? value) });
    }
    return key;
  };

  for (const address of all.keys()) {
    if (address.startsWith(`${GATEWAY}.`) || address.startsWith(`${LOCAL_GATEWAY}.`)) endpoint(`\${${address}.id}`);
  }
  const tunnels: Tunnel[] = [];
  for (const [address, body] of all) {
    if (!address.startsWith(`${CONNECTION}.`)) continue;
    tunnels.push({
      address,
      name: literal(body.name) ?? actions.get(address)?.azureName ?? address,
      from: endpoint(body.virtual_network_gateway_id),
      to: endpoint(body.peer_virtual_network_gateway_id ?? body.local_network_gateway_id),
      keyReads: references(body.shared_key).map((r) => `${r.type}.${r.name}`),
    });
  }
  // A connection the report names but neither stack holds (a plan review without the old stack): drawn on its own.
  for (const r of report.resources) {
    if (r.type === CONNECTION && !all.has(r.address)) {
      tunnels.push({ address: r.address, name: r.azureName ?? r.address, keyReads: [] });
    }
    if ((r.type === GATEWAY || r.type === LOCAL_GATEWAY) && !endpoints.has(r.address)) {
      endpoints.set(r.address, {
        key: r.address,
        kind: r.type === GATEWAY ? 'gateway' : 'site',
        name: r.azureName ?? r.address,
      });
    }
  }

  const statusOf = (address: string): ChangeStatus => {
    const action = actions.get(address)?.action;
    return action === 'replace' || action === 'delete'
      ? 'danger'
      : action === 'update'
        ? 'changed'
        : action === 'create'
          ? 'added'
          : 'plain';
  };
  const tunnelStatus = (t: Tunnel): { status: ChangeStatus; why: string } => {
    const own = statusOf(t.address);
    if (own === 'danger' || own === 'added') return { status: own, why: verb(actions.get(t.address)?.action) };
    const keyChanges =
      keyDangers.has(t.address) || t.keyReads.some((k) => keyDangers.has(k) || statusOf(k) === 'danger');
    if (keyChanges) return { status: 'danger', why: 'key changes' };
    return { status: own, why: verb(actions.get(t.address)?.action) };
  };

  // One edge per pair of endpoints: a bidirectional connection is two resources, drawn as one line.
  interface Edge {
    from: string;
    to: string;
    both: boolean;
    statuses: ChangeStatus[];
    whys: Set<string>;
  }
  const edges = new Map<string, Edge>();
  const loose: { tunnel: Tunnel; status: ChangeStatus; why: string }[] = [];
  for (const t of tunnels) {
    const { status, why } = tunnelStatus(t);
    if (!t.from || !t.to) {
      loose.push({ tunnel: t, status, why });
      continue;
    }
    const key = [t.from, t.to].sort().join('\n');
    const edge = edges.get(key);
    if (edge) {
      if (edge.from !== t.from) edge.both = true;
      edge.statuses.push(status);
      if (why) edge.whys.add(why);
    } else {
      edges.set(key, { from: t.from, to: t.to, both: false, statuses: [status], whys: new Set(why ? [why] : []) });
    }
  }

  // A large topology: only what changes, and the gateways at the ends of what changes.
  const large = edges.size > FULL_DRAWING_LIMITS.connections;
  const drawnEdges = [...edges.values()].filter((e) => !large || worst(e.statuses) !== 'plain');
  const drawnEndpoints = new Set<string>();
  for (const e of drawnEdges) drawnEndpoints.add(e.from).add(e.to);
  for (const key of endpoints.keys()) if (!large || statusOf(key) !== 'plain') drawnEndpoints.add(key);

  const ids = new NodeIds();
  const used = new Set<NodeClass>(['danger', 'added', 'changed', 'plain']);
  const lines = ['flowchart LR'];
  const nodeId = new Map<string, string>();
  for (const key of [...drawnEndpoints].sort()) {
    const e = endpoints.get(key);
    if (!e) continue;
    const status = e.kind === 'existing' ? 'plain' : statusOf(key);
    const why = verb(actions.get(key)?.action);
    const text: Line[] = [
      { bold: shorten(e.name, MAX_LINE.node) },
      ...(e.kind === 'site' ? ['site'] : e.kind === 'existing' ? ['existing gateway'] : []),
      ...(e.network ? [shorten(e.network, MAX_LINE.node)] : []),
      ...(why ? [why] : []),
    ];
    const id = ids.for(`${e.kind === 'site' ? 'site' : 'gw'}_${e.name}`);
    nodeId.set(key, id);
    lines.push(
      e.kind === 'site' ? `  ${id}[/"${label(text)}"/]:::${status}` : `  ${id}{{"${label(text)}"}}:::${status}`,
    );
  }
  const linkStyles: string[] = [];
  const link = (line: string, status: ChangeStatus) => {
    linkStyles.push(`  linkStyle ${linkStyles.length} ${LINK_STYLES[status]}`);
    lines.push(line);
  };
  for (const e of drawnEdges) {
    const from = nodeId.get(e.from);
    const to = nodeId.get(e.to);
    if (!from || !to) continue;
    const text = [...e.whys].join(' · ');
    const arrow = e.both ? '<-->' : '-->';
    link(text ? `  ${from} ${arrow}|"${label([text])}"| ${to}` : `  ${from} ${arrow} ${to}`, worst(e.statuses));
  }
  // A connection with an end the stacks do not say: a box of its own, tied to the end that is known.
  for (const { tunnel, status, why } of loose) {
    const id = ids.for(`conn_${tunnel.name}`);
    const text = label([{ bold: shorten(tunnel.name, MAX_LINE.node) }, 'connection', ...(why ? [why] : [])]);
    lines.push(`  ${id}["${text}"]:::${status}`);
    const known = nodeId.get(tunnel.from ?? tunnel.to ?? '');
    if (known) link(`  ${known} --- ${id}`, status);
  }
  lines.push(
    '  subgraph legend["Legend"]',
    '    direction TB',
    `    legend_danger["${label(['replaced or destroyed', 'or key changes: down'])}"]:::danger`,
    `    legend_added["${label(['added'])}"]:::added`,
    `    legend_changed["${label(['changed in place'])}"]:::changed`,
    `    legend_plain["${label(['unchanged'])}"]:::plain`,
    // Invisible links stack the legend in one column beside the picture (in one row, it would stretch the picture's
    // ranks); they come after the drawn edges, so `linkStyle` indices hold.
    '    legend_danger ~~~ legend_added ~~~ legend_changed ~~~ legend_plain',
    '  end',
    '  style legend fill:#ffffff,stroke:#cbd5e1',
  );
  lines.push(...linkStyles, ...classDefLines(used));
  return { text: lines.join('\n'), left: edges.size - drawnEdges.length };
}

function worst(statuses: readonly ChangeStatus[]): ChangeStatus {
  for (const s of ['danger', 'changed', 'added'] as const) if (statuses.includes(s)) return s;
  return 'plain';
}

function verb(action: string | undefined): string {
  return action === 'replace'
    ? 'replaced'
    : action === 'delete'
      ? 'destroyed'
      : action === 'create'
        ? 'new'
        : action === 'update'
          ? 'changed in place'
          : '';
}

/** Every resource of a parsed `cdk.tf.json`, by address (`type.name`). */
function resourcesOf(stack: unknown): Map<string, Body> {
  const out = new Map<string, Body>();
  const resource = isObject(stack) ? stack.resource : undefined;
  if (!isObject(resource)) return out;
  for (const [type, byName] of Object.entries(resource)) {
    if (!isObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) if (isObject(body)) out.set(`${type}.${name}`, body);
  }
  return out;
}

/** The network a gateway sits in: its first ip_configuration's subnet, that subnet's virtual network, its name. */
function networkOf(gateway: Body | undefined, stacks: readonly Map<string, Body>[]): string | undefined {
  const configs = gateway?.ip_configuration;
  const first = Array.isArray(configs) ? configs[0] : configs;
  const subnet = isObject(first) ? firstReference(first.subnet_id) : undefined;
  if (!subnet) return undefined;
  for (const stack of stacks) {
    const body = stack.get(`${subnet.type}.${subnet.name}`);
    if (!body) continue;
    const vnet = firstReference(body.virtual_network_name);
    if (!vnet) return literal(body.virtual_network_name);
    return literal(stack.get(`${vnet.type}.${vnet.name}`)?.name);
  }
  return undefined;
}

interface Reference {
  readonly type: string;
  readonly name: string;
}

const REFERENCE = /\$\{(?:data\.)?([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)\.[^}]*\}/g;

function references(value: unknown): Reference[] {
  if (typeof value !== 'string') return [];
  return [...value.matchAll(REFERENCE)].map((m) => ({
    type: m[0].startsWith('${data.') ? `data.${m[1]}` : m[1],
    name: m[2],
  }));
}

function firstReference(value: unknown): Reference | undefined {
  return references(value)[0];
}

/** A string that Terraform does not evaluate: no `${`. */
function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { NetworkModel } from '../topology/model';
import { error, Finding } from './finding';
import { fieldPath, isKnown, networkLabel, Rule, siteLabel } from './rule';
import { hasControlCharacter, quoteText } from './text';

/**
 * Rule 25 of AZURE-RULES.md: what Azure takes as a name, per resource type. Microsoft's "Naming rules and restrictions
 * for Azure resources" (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules), rows
 * Microsoft.Resources/resourcegroups, Microsoft.Network/virtualNetworks, virtualnetworks/subnets, publicIPAddresses,
 * virtualNetworkGateways, connections, localNetworkGateways and Microsoft.Authorization/locks. Uniqueness is
 * checked in names.ts.
 */

interface NameRule {
  /** `virtual network`, as a message names the resource. */
  readonly what: string;
  /** `Microsoft.Network/virtualNetworks`, the row of the doc. */
  readonly type: string;
  readonly min: number;
  readonly max: number;
  /** Every character must match. */
  readonly allowed: RegExp;
  readonly allowedText: string;
  /** The first character must match. */
  readonly first?: RegExp;
  /** The last character must match. */
  readonly last: RegExp;
  /** What `first` and `last` ask: `must not end with a period`. */
  readonly edgesText: string;
}

/** "Alphanumerics, underscores, periods, and hyphens. Start with alphanumeric. End alphanumeric or underscore." */
const network = (what: string, type: string, min: number, max: number): NameRule => ({
  what,
  type,
  min,
  max,
  allowed: /^[A-Za-z0-9_.-]$/,
  allowedText: 'letters, digits, underscores, periods and hyphens',
  first: /^[A-Za-z0-9]$/,
  last: /^[A-Za-z0-9_]$/,
  edgesText: 'must start with a letter or digit and end with a letter, digit or underscore',
});

export const NAME_RULES = {
  /** Letters and digits as .NET's Char.IsLetterOrDigit sees them (Unicode Lu, Ll, Lt, Lm, Lo, Nd). */
  resourceGroup: {
    what: 'resource group',
    type: 'Microsoft.Resources/resourcegroups',
    min: 1,
    max: 90,
    allowed: /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}_().-]$/u,
    allowedText: 'letters, digits, underscores, parentheses, hyphens and periods',
    last: /^[^.]$/u,
    edgesText: 'must not end with a period',
  },
  virtualNetwork: network('virtual network', 'Microsoft.Network/virtualNetworks', 2, 64),
  subnet: network('subnet', 'Microsoft.Network/virtualNetworks/subnets', 1, 80),
  publicIp: network('public IP', 'Microsoft.Network/publicIPAddresses', 1, 80),
  gateway: network('virtual network gateway', 'Microsoft.Network/virtualNetworkGateways', 1, 80),
  connection: network('connection', 'Microsoft.Network/connections', 1, 80),
  localNetworkGateway: network('local network gateway', 'Microsoft.Network/localNetworkGateways', 1, 80),
  lock: {
    what: 'management lock',
    type: 'Microsoft.Authorization/locks',
    min: 1,
    max: 90,
    allowed: /^[A-Za-z0-9_().-]$/,
    allowedText: 'letters, digits, periods, underscores, hyphens and parentheses',
    last: /^[^.]$/,
    edgesText: 'must not end with a period',
  },
} satisfies Record<string, NameRule>;

/** What is wrong with a name under a rule, and the fix; undefined when Azure takes it. */
export function nameProblem(name: string, rule: NameRule): { problem: string; fix: string } | undefined {
  // A control character is the one-line rule's to report (text.ts), once.
  if (hasControlCharacter(name)) return undefined;
  const characters = [...name];
  if (characters.length < rule.min || characters.length > rule.max) {
    const n = characters.length;
    return {
      problem: `is ${n} character${n === 1 ? '' : 's'} long, but Azure takes ${rule.min}-${rule.max}`,
      fix:
        n > rule.max
          ? `shorten it to ${rule.max} characters or fewer`
          : `lengthen it to ${rule.min} characters or more`,
    };
  }
  const bad = [...new Set(characters.filter((c) => !rule.allowed.test(c)))];
  if (bad.length > 0) {
    const shown = bad.map((c) =>
      /^[\x21-\x7e]$/.test(c) ? `"${c}"` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    );
    return {
      problem: `contains ${shown.join(', ')}, but Azure takes only ${rule.allowedText}`,
      fix: `remove or replace ${bad.length > 1 ? 'them' : 'it'}`,
    };
  }
  if ((rule.first && !rule.first.test(characters[0])) || !rule.last.test(characters[characters.length - 1])) {
    return { problem: rule.edgesText, fix: 'change its first or last character' };
  }
  return undefined;
}

/** A name as a message shows it: whole up to a little past the longest Azure takes (90), one line. */
const quote = (name: string) => quoteText(name, 100);

function check(owner: string, path: string, name: string | undefined, rule: NameRule): Finding[] {
  if (!isKnown(name)) return [];
  const found = nameProblem(name, rule);
  if (!found) return [];
  return [error(path, `${owner}: ${rule.what} name ${quote(name)} ${found.problem} (${rule.type}); ${found.fix}`)];
}

/** The lock a gateway with `deleteProtection: "lock"` gets (constructs/vpn-gateway.ts). */
export const lockName = (gateway: string) => `${gateway}-cannot-delete`;

function networkNames(n: NetworkModel): Finding[] {
  const label = networkLabel(n);
  const findings = [
    ...check(label, fieldPath(n, 'resourceGroup'), n.resourceGroup, NAME_RULES.resourceGroup),
    ...check(label, fieldPath(n, 'name'), n.name, NAME_RULES.virtualNetwork),
    ...n.subnets.flatMap((s) => check(label, fieldPath(s, 'name'), s.name, NAME_RULES.subnet)),
  ];
  const g = n.gateway;
  if (!g) return findings;
  const gatewayLabel = `${label}: gateway "${g.name}"`;
  findings.push(...check(label, fieldPath(g, 'name'), g.name, NAME_RULES.gateway));
  if (isKnown(g.publicIpNames)) {
    g.publicIpNames.forEach((ip, i) =>
      findings.push(...check(gatewayLabel, fieldPath(g, `publicIpNames[${i}]`), ip, NAME_RULES.publicIp)),
    );
  }
  if (g.deleteProtection === 'lock' && isKnown(g.name) && nameProblem(g.name, NAME_RULES.gateway) === undefined) {
    const lock = lockName(g.name);
    const found = nameProblem(lock, NAME_RULES.lock);
    if (found) {
      findings.push(
        error(
          fieldPath(g, 'deleteProtection'),
          `${gatewayLabel}: its delete lock would be named ${quote(lock)}, which ${found.problem} (${NAME_RULES.lock.type}); give the gateway a name of ${NAME_RULES.lock.max - lockName('').length} characters or fewer`,
        ),
      );
    }
  }
  return findings;
}

/** Every name the topology gives an Azure resource, against that resource type's rule. */
export const azureNames: Rule = (topology) => [
  ...topology.networks.flatMap(networkNames),
  ...topology.sites.flatMap((s) => [
    ...check(siteLabel(s), fieldPath(s, 'name'), s.name, NAME_RULES.localNetworkGateway),
    ...check(siteLabel(s), fieldPath(s, 'resourceGroup'), s.resourceGroup, NAME_RULES.resourceGroup),
  ]),
  ...topology.connections.flatMap((c) =>
    c.names.flatMap((name, i) =>
      check(
        `connection "${c.names[0]}"`,
        c.path.startsWith('connections[') ? fieldPath(c, `names[${i}]`) : c.path,
        name,
        NAME_RULES.connection,
      ),
    ),
  ),
];

export const azureNameRules: readonly Rule[] = [azureNames];

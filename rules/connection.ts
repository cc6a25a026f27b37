import type { ConnectionModel, TopologyModel } from '../topology/model';
import { error, Finding, warning } from './finding';
import { byName, byRef, fieldPath, isKnown, networkNameOf, Rule } from './rule';

/** Rules 15, 17 and 18 of AZURE-RULES.md, and what a connection must name. */

const connectionLabel = (c: ConnectionModel) => `connection "${c.names[0]}"`;

/** A connection names networks (and sites) that exist, and networks that have a gateway. */
export const knownEndpoints: Rule = (topology) => {
  const networks = byRef(topology.networks);
  const sites = byName(topology.sites);
  const existing = new Set((topology.existingGateways ?? []).map((g) => g.path));
  return topology.connections.flatMap((c) => {
    const findings: Finding[] = [];
    const ends = c.kind === 'vnet' ? [c.from, c.to] : [c.from];
    ends.forEach((name, i) => {
      const field = i === 0 ? 'from' : 'to';
      const network = networks.get(name);
      if (i === 1 && existing.has(name)) return;
      if (!network) {
        findings.push(
          error(
            fieldPath(c, field),
            `${connectionLabel(c)}: unknown network "${name}"; name a network declared under "networks"`,
          ),
        );
      } else if (!network.gateway) {
        findings.push(
          error(
            fieldPath(c, field),
            `${connectionLabel(c)}: network "${name}" has no gateway; add "gateway" to network "${name}"`,
          ),
        );
      }
    });
    if (c.kind === 'site' && !sites.has(c.to)) {
      findings.push(
        error(
          fieldPath(c, 'toSite'),
          `${connectionLabel(c)}: unknown site "${c.to}"; name a site declared under "sites"`,
        ),
      );
    }
    return findings;
  });
};

/** A network does not connect to itself. */
export const notToItself: Rule = (topology) =>
  topology.connections
    .filter((c) => c.kind === 'vnet' && c.from === c.to)
    .map((c) =>
      error(
        fieldPath(c, 'to'),
        `${connectionLabel(c)}: connects network "${networkNameOf(topology, c.from)}" to itself; name two different networks`,
      ),
    );

const pairKey = (c: ConnectionModel) =>
  c.kind === 'vnet' ? `vnet:${[c.from, c.to].sort().join('|')}` : `site:${c.from}|${c.to}`;
const pairLabel = (topology: TopologyModel, c: ConnectionModel) => {
  const from = networkNameOf(topology, c.from);
  return c.kind === 'vnet' ? `${from} and ${networkNameOf(topology, c.to)}` : `${from} and site ${c.to}`;
};

/** One declaration per pair, in either direction, across connections, mesh and hubAndSpoke. */
export const eachPairOnce: Rule = (topology) => {
  const first = new Map<string, ConnectionModel>();
  return topology.connections.flatMap((c) => {
    if (c.kind === 'vnet' && c.from === c.to) return [];
    const earlier = first.get(pairKey(c));
    if (!earlier) {
      first.set(pairKey(c), c);
      return [];
    }
    const how = c.kind === 'vnet' ? ' (bidirectional: true creates both directions)' : '';
    return [
      error(
        c.path,
        `${connectionLabel(c)}: joins ${pairLabel(topology, c)}, which ${earlier.path} already joins; declare each pair once${how}`,
      ),
    ];
  });
};

/** Rule 17: VNet-to-VNet runs over IKEv2 (IKEv1 is not confirmed to work there: a warning). */
export const ikev2ForVnetToVnet: Rule = (topology) =>
  topology.connections
    .filter((c) => c.kind === 'vnet' && c.protocol === 'IKEv1')
    .map((c) =>
      warning(
        fieldPath(c, 'protocol'),
        `${connectionLabel(c)}: protocol IKEv1 on a VNet-to-VNet connection; VNet-to-VNet connections run over IKEv2; set protocol to IKEv2`,
      ),
    );

/** The values the provider's `ipsec_policy` takes (azurerm `virtual_network_gateway_connection_resource.go`). */
export const IPSEC_POLICY_VALUES = {
  dhGroup: ['DHGroup1', 'DHGroup14', 'DHGroup2', 'DHGroup2048', 'DHGroup24', 'ECP256', 'ECP384', 'None'],
  ikeEncryption: ['AES128', 'AES192', 'AES256', 'DES', 'DES3', 'GCMAES128', 'GCMAES256'],
  ikeIntegrity: ['GCMAES128', 'GCMAES256', 'MD5', 'SHA1', 'SHA256', 'SHA384'],
  ipsecEncryption: ['AES128', 'AES192', 'AES256', 'DES', 'DES3', 'GCMAES128', 'GCMAES192', 'GCMAES256', 'None'],
  ipsecIntegrity: ['GCMAES128', 'GCMAES192', 'GCMAES256', 'MD5', 'SHA1', 'SHA256'],
  pfsGroup: ['ECP256', 'ECP384', 'None', 'PFS1', 'PFS14', 'PFS2', 'PFS2048', 'PFS24', 'PFSMM'],
} as const;

/** Rule 18: a custom policy sets every field to a value the provider takes; SA lifetime >= 300 s, data size >= 1024 KB. */
export const ipsecPolicyValues: Rule = (topology) =>
  topology.connections.flatMap((c) => {
    const policy = c.ipsecPolicy;
    if (!policy) return [];
    const findings: Finding[] = [];
    for (const [field, allowed] of Object.entries(IPSEC_POLICY_VALUES) as [
      keyof typeof IPSEC_POLICY_VALUES,
      readonly string[],
    ][]) {
      const value = policy[field];
      const path = fieldPath(c, `ipsecPolicy.${field}`);
      if (value === undefined || value === '') {
        findings.push(
          error(
            path,
            `${connectionLabel(c)}: ipsecPolicy.${field} is not set; a custom policy sets every field; use one of ${allowed.join(', ')}`,
          ),
        );
      } else if (isKnown(value) && !allowed.includes(value)) {
        findings.push(
          error(
            path,
            `${connectionLabel(c)}: ipsecPolicy.${field} "${value}" is not one Azure takes; use one of ${allowed.join(', ')}`,
          ),
        );
      }
    }
    if (isKnown(policy.saLifetime) && policy.saLifetime < 300) {
      findings.push(
        error(
          fieldPath(c, 'ipsecPolicy.saLifetime'),
          `${connectionLabel(c)}: ipsecPolicy.saLifetime ${policy.saLifetime} is below the 300 seconds Azure requires; use 300 or more (Azure's default is 27000)`,
        ),
      );
    }
    if (isKnown(policy.saDatasize) && policy.saDatasize < 1024) {
      findings.push(
        error(
          fieldPath(c, 'ipsecPolicy.saDatasize'),
          `${connectionLabel(c)}: ipsecPolicy.saDatasize ${policy.saDatasize} is below the 1024 KB Azure requires; use 1024 or more (Azure's default is 102400000)`,
        ),
      );
    }
    return findings;
  });

/** Rule 11: Basic gateways take no custom IPsec/IKE policy. */
export const ipsecPolicyNotOnBasic: Rule = (topology) => {
  const networks = byRef(topology.networks);
  return topology.connections.flatMap((c) => {
    if (!c.ipsecPolicy) return [];
    const basic = (c.kind === 'vnet' ? [c.from, c.to] : [c.from]).filter(
      (name) => networks.get(name)?.gateway?.sku === 'Basic',
    );
    return basic
      .slice(0, 1)
      .map((name) =>
        error(
          fieldPath(c, 'ipsecPolicy'),
          `${connectionLabel(c)}: gateway "${networks.get(name)?.gateway?.name}" of network "${networks.get(name)?.name}" is Basic, which takes no custom ipsecPolicy; remove ipsecPolicy or use VpnGw1AZ or larger`,
        ),
      );
  });
};

/** Rule 18: dead peer detection timeout 9-3600 seconds. */
export const dpdTimeout: Rule = (topology) =>
  topology.connections
    .filter((c) => isKnown(c.dpdTimeoutSeconds) && (c.dpdTimeoutSeconds < 9 || c.dpdTimeoutSeconds > 3600))
    .map((c) =>
      error(
        fieldPath(c, 'dpdTimeoutSeconds'),
        `${connectionLabel(c)}: dpdTimeoutSeconds ${c.dpdTimeoutSeconds} is outside 9-3600; choose a timeout in that range (Azure's default is 45)`,
      ),
    );

export const connectionRules: readonly Rule[] = [
  knownEndpoints,
  notToItself,
  eachPairOnce,
  ikev2ForVnetToVnet,
  ipsecPolicyValues,
  ipsecPolicyNotOnBasic,
  dpdTimeout,
];

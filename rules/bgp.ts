import { formatIpv4, parseIpv4 } from '../net/cidr';
import { error, Finding, warning } from './finding';
import { gatewayLabel, gatewaysOf } from './gateway';
import { byName, byRef, fieldPath, isKnown, networkLabel, networkNameOf, Rule, siteLabel } from './rule';

/** Rules 20-23 of AZURE-RULES.md. */

const AZURE_RESERVED = [8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520];
const IANA_RESERVED: readonly [number, number][] = [
  [23456, 23456],
  [64496, 64511],
  [65535, 65551],
];
/** Azure's own default ASN for its gateways: reserved for on-premises devices, the default for a gateway. */
const AZURE_DEFAULT_ASN = 65515;
const ASN_FIX = 'use a private ASN in 64512-65514 or 65521-65534';

/** Why an ASN cannot be used, or undefined when it can. */
function asnProblem(asn: number, onGateway: boolean): string | undefined {
  if (!Number.isInteger(asn) || asn < 1 || asn > 4294967295) return 'is not an AS number (1-4294967295)';
  if (AZURE_RESERVED.includes(asn) && !(onGateway && asn === AZURE_DEFAULT_ASN)) return 'is reserved by Azure';
  if (IANA_RESERVED.some(([low, high]) => low <= asn && asn <= high)) return 'is reserved by IANA';
  return undefined;
}

/** Rule 20: gateways and sites use ASNs that neither Azure nor IANA reserves. */
export const usableAsn: Rule = (topology) => [
  ...gatewaysOf(topology).flatMap((g) => {
    const asn = g.gateway.bgp?.asn;
    const problem = isKnown(asn) ? asnProblem(asn, true) : undefined;
    return problem
      ? [error(fieldPath(g.gateway, 'bgp.asn'), `${gatewayLabel(g)}: BGP ASN ${asn} ${problem}; ${ASN_FIX}`)]
      : [];
  }),
  ...topology.sites.flatMap((site) => {
    const asn = site.bgp?.asn;
    const problem = isKnown(asn) ? asnProblem(asn, false) : undefined;
    const why = asn === AZURE_DEFAULT_ASN ? `${problem} (it is the ASN of Azure's own gateways)` : problem;
    return problem ? [error(fieldPath(site, 'bgp.asn'), `${siteLabel(site)}: BGP ASN ${asn} ${why}; ${ASN_FIX}`)] : [];
  }),
];

const APIPA_FIRST = parseIpv4('169.254.21.0') as number;
const APIPA_LAST = parseIpv4('169.254.22.255') as number;

/** Rules 21 and 22: custom APIPA addresses lie in 169.254.21.0-169.254.22.255 and name an ip_configuration of theirs. */
export const apipaAddresses: Rule = (topology) =>
  gatewaysOf(topology).flatMap((g) =>
    (g.gateway.bgp?.peeringAddresses ?? []).flatMap((peering, i): Finding[] => {
      const at = (field: string) => fieldPath(g.gateway, `bgp.peeringAddresses[${i}].${field}`);
      const findings: Finding[] = [];
      const name = peering.ipConfigurationName;
      if (isKnown(name) && isKnown(g.gateway.ipConfigurationNames) && !g.gateway.ipConfigurationNames.includes(name)) {
        findings.push(
          error(
            at('ipConfigurationName'),
            `${gatewayLabel(g)}: BGP peering address names ip configuration "${name}", which the gateway does not have; use one of ${g.gateway.ipConfigurationNames.join(', ')}`,
          ),
        );
      }
      if (!isKnown(peering.apipaAddresses)) return findings;
      peering.apipaAddresses.forEach((address, j) => {
        if (!isKnown(address)) return;
        const value = parseIpv4(address);
        if (value === undefined || value < APIPA_FIRST || value > APIPA_LAST) {
          findings.push(
            error(
              at(`apipaAddresses[${j}]`),
              `${gatewayLabel(g)}: APIPA BGP address "${address}" is outside ${formatIpv4(APIPA_FIRST)}-${formatIpv4(APIPA_LAST)}, the range Azure takes for custom BGP addresses; choose an address in it, e.g. 169.254.21.1`,
            ),
          );
        }
      });
      return findings;
    }),
  );

/** A connection exchanges routes over BGP only when both ends speak BGP. */
export const bgpNeedsBgpGateways: Rule = (topology) => {
  const networks = byRef(topology.networks);
  const sites = byName(topology.sites);
  return topology.connections.flatMap((c) => {
    if (c.enableBgp !== true) return [];
    const missing: string[] = [];
    const from = networks.get(c.from);
    if (from?.gateway && !from.gateway.bgp) missing.push(`the gateway of ${networkLabel(from)}`);
    if (c.kind === 'vnet') {
      const to = networks.get(c.to);
      const existing = topology.existingGateways?.find((g) => g.path === c.to);
      if (to?.gateway && !to.gateway.bgp) missing.push(`the gateway of ${networkLabel(to)}`);
      if (existing && !existing.bgp) missing.push(`existing gateway "${existing.name}"`);
    } else {
      const site = sites.get(c.to);
      if (site && !site.bgp) missing.push(siteLabel(site));
    }
    if (missing.length === 0) return [];
    return [
      error(
        fieldPath(c, 'enableBgp'),
        `connection "${c.names[0]}": enableBgp is true but ${missing.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} no BGP settings; add bgp to ${missing.length > 1 ? 'both' : 'it'} or set enableBgp to false`,
      ),
    ];
  });
};

/** Two gateways peering over BGP need different ASNs (unconfirmed for Azure, so a warning). */
export const distinctAsnsAcrossBgpConnections: Rule = (topology) => {
  const networks = byRef(topology.networks);
  const asnOf = (ref: string) =>
    networks.get(ref)?.gateway?.bgp?.asn ?? topology.existingGateways?.find((g) => g.path === ref)?.bgp?.asn;
  return topology.connections.flatMap((c) => {
    if (c.kind !== 'vnet' || c.enableBgp !== true || c.from === c.to) return [];
    const a = asnOf(c.from);
    const b = asnOf(c.to);
    if (!isKnown(a) || !isKnown(b) || a !== b) return [];
    return [
      warning(
        fieldPath(c, 'enableBgp'),
        `connection "${c.names[0]}": networks "${networkNameOf(topology, c.from)}" and "${networkNameOf(topology, c.to)}" both use BGP ASN ${a}; BGP between VNets expects a different ASN on each side; give each gateway its own private ASN`,
      ),
    ];
  });
};

/** Rule 23: without BGP a hub does not pass traffic between its spokes. */
export const hubAndSpokeTransit: Rule = (topology) =>
  topology.groups
    .filter((g) => g.kind === 'hubAndSpoke' && !g.bgp && g.networks.length > 2)
    .map((g) =>
      warning(
        fieldPath(g, 'bgp'),
        `hub-and-spoke around "${networkNameOf(topology, g.hub ?? '')}": bgp is false, so spokes will not reach each other through the hub (transit needs BGP on every connection of the path); set bgp to true and give every gateway bgp settings, or connect spokes that must talk directly`,
      ),
    );

export const bgpRules: readonly Rule[] = [
  usableAsn,
  apipaAddresses,
  bgpNeedsBgpGateways,
  distinctAsnsAcrossBgpConnections,
  hubAndSpokeTransit,
];

import type { TopologyModel } from '../topology/model';
import { addressSpaceRules } from './address-space';
import { azureNameRules } from './azure-names';
import { bgpRules } from './bgp';
import { connectionRules } from './connection';
import type { Finding } from './finding';
import { gatewaySubnetRules } from './gateway-subnet';
import { gatewayRules } from './gateway';
import { nameRules } from './names';
import { placementRules } from './placement';
import { reservedRangeRules } from './reserved-ranges';
import type { Rule } from './rule';
import { sharedKeyRules } from './shared-key';
import { siteRules } from './sites';
import { tagRules } from './tags';
import { textRules } from './text';
import { tunnelRules } from './tunnels';

/** Every rule, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  ...textRules,
  ...nameRules,
  ...azureNameRules,
  ...tagRules,
  ...placementRules,
  ...addressSpaceRules,
  ...reservedRangeRules,
  ...siteRules,
  ...gatewaySubnetRules,
  ...gatewayRules,
  ...tunnelRules,
  ...connectionRules,
  ...sharedKeyRules,
  ...bgpRules,
];

/** Every rule a topology can break, checked at once so that a user sees all findings of a file in one run. */
export function checkTopology(topology: TopologyModel): Finding[] {
  const findings = RULES.flatMap((rule) => rule(topology));
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.severity}|${f.path}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

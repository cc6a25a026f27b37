import { error, Finding } from './finding';
import { fieldPath, isKnown, Rule, siteLabel } from './rule';

/** What a site needs to route anything through its tunnel. */

/**
 * A local network gateway tells Azure which prefixes are on premises: listed in `addressSpace`, or learned over BGP.
 * With neither, the connection comes up and carries no traffic.
 */
export const siteRoutes: Rule = (topology) =>
  topology.sites.flatMap((site): Finding[] => {
    if (!isKnown(site.addressSpace) || site.addressSpace.length > 0 || site.bgp !== undefined) return [];
    return [
      error(
        fieldPath(site, 'addressSpace'),
        `${siteLabel(site)}: has neither addressSpace nor bgp, so its tunnel would route nothing; list the on-premises prefixes in addressSpace, or give the site bgp settings (asn and peeringAddress)`,
      ),
    ];
  });

export const siteRules: readonly Rule[] = [siteRoutes];

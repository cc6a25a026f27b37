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

/**
 * A site with its own resource group and region has one local network gateway, shared by the networks that connect
 * to it; without either, each network gets one beside its own gateway. One of the two alone would be dropped.
 */
export const sitePlacement: Rule = (topology) =>
  topology.sites.flatMap((site): Finding[] => {
    const group = site.resourceGroup !== undefined;
    const location = site.location !== undefined;
    if (group === location) return [];
    const [given, missing] = group ? ['resourceGroup', 'location'] : ['location', 'resourceGroup'];
    return [
      error(
        fieldPath(site, given),
        `${siteLabel(site)}: ${given} is given without ${missing}; a site has a resource group and a region of its own only with both (one local network gateway shared by every network that connects to it), otherwise one beside each network's gateway; add ${missing}, or remove ${given}`,
      ),
    ];
  });

export const siteRules: readonly Rule[] = [siteRoutes, sitePlacement];

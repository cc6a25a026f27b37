import { canonicalLocation, closestRegion, isKnownRegion } from '../azure/regions';
import { error, warning } from './finding';
import { createdGroups } from './names';
import { fieldPath, isKnown, networkLabel, Rule, siteLabel } from './rule';

/** Where things go: regions, subscriptions, resource groups. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A region Azure does not know is most often a typo: say which one was probably meant. */
export const knownRegions: Rule = (topology) =>
  [
    ...topology.networks.map((n) => ({ owner: n, label: networkLabel(n), location: n.location })),
    ...topology.sites.map((s) => ({ owner: s, label: siteLabel(s), location: s.location })),
    ...(topology.existingGateways ?? []).map((g) => ({
      owner: g,
      label: `existing gateway "${g.name}"`,
      location: g.location,
    })),
  ].flatMap(({ owner, label, location }) => {
    if (!isKnown(location) || isKnownRegion(canonicalLocation(location))) return [];
    return [
      warning(
        fieldPath(owner, 'location'),
        `${label}: location "${location}" is not a known Azure public-cloud region; did you mean "${closestRegion(canonicalLocation(location))}"?`,
      ),
    ];
  });

export const subscriptionIds: Rule = (topology) =>
  [
    ...topology.networks.map((n) => ({ owner: n, label: networkLabel(n), subscriptionId: n.subscriptionId })),
    ...(topology.existingGateways ?? []).map((g) => ({
      owner: g,
      label: `existing gateway "${g.name}"`,
      subscriptionId: g.subscriptionId,
    })),
  ]
    .filter((n) => isKnown(n.subscriptionId) && !GUID.test(n.subscriptionId))
    .map((n) =>
      error(
        fieldPath(n.owner, 'subscriptionId'),
        `${n.label}: subscriptionId "${n.subscriptionId}" is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000); copy it from \`az account show --query id\``,
      ),
    );

/**
 * A created resource group has one location. Networks in different regions sharing one would put the group where the
 * first of them is, and reordering the networks would move (replace) the group.
 */
export const resourceGroupLocation: Rule = (topology) =>
  [...createdGroups(topology).values()].flatMap((networks) => {
    const [first, ...rest] = networks;
    if (!isKnown(first.location)) return [];
    return rest
      .filter((n) => isKnown(n.location) && canonicalLocation(n.location) !== canonicalLocation(first.location))
      .map((n) =>
        error(
          fieldPath(n, 'resourceGroup'),
          `${networkLabel(n)}: resource group "${n.resourceGroup}" is created in ${canonicalLocation(first.location)} for ${networkLabel(first)}, but this network is in ${canonicalLocation(n.location)}; a created group has one location: give this network a resource group of its own, or set createResourceGroup to false and create the group yourself`,
        ),
      );
  });

export const placementRules: readonly Rule[] = [knownRegions, subscriptionIds, resourceGroupLocation];

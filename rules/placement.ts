import { canonicalLocation, closestRegion, isKnownRegion } from '../azure/regions';
import { GATEWAY_ID_FORM, parseGatewayId } from '../azure/resource-id';
import type { NetworkModel } from '../topology/model';
import { error, warning } from './finding';
import { createdGroups, groupKey } from './names';
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
 * An existing gateway's literal `gatewayId` is what the connection points at: written as the provider parses it, and
 * naming the subscription, resource group and name given beside it (Azure compares them without case). Without a
 * `subscriptionId`, the id's subscription is the gateway's, and must be a GUID.
 */
export const existingGatewayIds: Rule = (topology) =>
  (topology.existingGateways ?? []).flatMap((g) => {
    if (!isKnown(g.gatewayId)) return [];
    const label = `existing gateway "${g.name}"`;
    const path = fieldPath(g, 'gatewayId');
    const id = parseGatewayId(g.gatewayId);
    if (!id) {
      return [
        error(
          path,
          `${label}: gatewayId "${g.gatewayId}" is not a VPN gateway's resource id; write it as ${GATEWAY_ID_FORM}, as \`az network vnet-gateway show --query id\` prints it`,
        ),
      ];
    }
    const differs = (given: string | undefined, named: string) =>
      isKnown(given) && given.toLowerCase() !== named.toLowerCase();
    return [
      ...(differs(g.subscriptionId, id.subscriptionId)
        ? [
            error(
              path,
              `${label}: gatewayId names subscription "${id.subscriptionId}" but subscriptionId is "${g.subscriptionId}"; make them the same, or leave subscriptionId out (it is read from gatewayId)`,
            ),
          ]
        : []),
      ...(g.subscriptionId === undefined && !GUID.test(id.subscriptionId)
        ? [
            error(
              path,
              `${label}: gatewayId names subscription "${id.subscriptionId}", which is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000); copy the id from \`az network vnet-gateway show --query id\``,
            ),
          ]
        : []),
      ...(differs(g.resourceGroup, id.resourceGroup)
        ? [
            error(
              path,
              `${label}: gatewayId names resource group "${id.resourceGroup}" but resourceGroupName is "${g.resourceGroup}"; make them the same`,
            ),
          ]
        : []),
      ...(differs(g.name, id.name)
        ? [error(path, `${label}: gatewayId names gateway "${id.name}" but name is "${g.name}"; make them the same`)]
        : []),
    ];
  });

/**
 * A created resource group has one location. Networks in different regions sharing one would put the group where the
 * first of them is, and reordering the networks would move (replace) the group. A group whose location its creator
 * chose is not moved by them, and holds networks of any region: "The resources in a resource group can be located in
 * different regions than the resource group" (Microsoft Learn, "What is Azure Resource Manager?", What is a resource
 * group?: https://learn.microsoft.com/azure/azure-resource-manager/management/overview).
 */
export const resourceGroupLocation: Rule = (topology) =>
  [...createdGroups(topology).values()].flatMap((networks) => {
    const [first, ...rest] = networks.filter((n) => !n.resourceGroupLocationChosen);
    if (first === undefined || !isKnown(first.location)) return [];
    return rest
      .filter((n) => isKnown(n.location) && canonicalLocation(n.location) !== canonicalLocation(first.location))
      .map((n) =>
        error(
          fieldPath(n, 'resourceGroup'),
          `${networkLabel(n)}: resource group "${n.resourceGroup}" is created in ${canonicalLocation(first.location)} for ${networkLabel(first)}, but this network is in ${canonicalLocation(n.location)}; a created group has one location: give this network a resource group of its own, or create the group yourself and set createResourceGroup to false for every network in it`,
        ),
      );
  });

/** A network whose group a construct creates (in code). */
type Created = NetworkModel & { readonly resourceGroupCreator: NonNullable<NetworkModel['resourceGroupCreator']> };
const isCreated = (network: NetworkModel): network is Created => network.resourceGroupCreator !== undefined;

/**
 * Whether the groups of two networks' creators are in one subscription: by the subscription ids the networks give,
 * when both give one, as the other rules key them; else by the creators' azurerm provider, one provider being one
 * subscription. Undefined when the rules cannot tell: a token, or two providers without ids beside them.
 */
function sameSubscription(a: Created, b: Created): boolean | undefined {
  if (a.subscriptionId !== undefined && b.subscriptionId !== undefined) {
    if (!isKnown(a.subscriptionId) || !isKnown(b.subscriptionId)) return undefined;
    return a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase();
  }
  return a.resourceGroupCreator.provider === b.resourceGroupCreator.provider ? true : undefined;
}

/**
 * One resource group, one creator. In code, two `ResourceGroup` constructs (two networks' own, or one passed in and a
 * network's own) may create groups of one name in one subscription, which to Azure are one group (rule 24 of
 * AZURE-RULES.md): "Resource and resource group names are case-insensitive unless specifically noted in the valid
 * characters column", and a resource group's scope is its subscription (Microsoft Learn, "Naming rules and restrictions
 * for Azure resources", Microsoft.Resources:
 * https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules). The plan shows two creates;
 * at apply azurerm reads the group first and refuses to create one that exists: "A resource with the ID %q already
 * exists - to be managed via Terraform this resource needs to be imported into the State" (terraform-provider-azurerm,
 * internal/services/resource/resource_group_resource.go, resourceResourceGroupCreate, and helpers/tf/errors.go,
 * ImportAsExistsError); when the two creates race, both may pass that check, and two resources then manage one group. A
 * topology file makes one group per subscription and name, and its networks name no creator.
 */
export const oneResourceGroupCreator: Rule = (topology) => {
  // By group name without case: the first network of each creator.
  const creators = new Map<string, Created[]>();
  return topology.networks.filter(isCreated).flatMap((created) => {
    if (!isKnown(created.resourceGroup)) return [];
    const creator = created.resourceGroupCreator.path;
    const name = created.resourceGroup.toLowerCase();
    const earlier = creators.get(name) ?? [];
    if (earlier.some((n) => n.resourceGroupCreator.path === creator)) return [];
    creators.set(name, [...earlier, created]);
    const first = earlier.find((n) => sameSubscription(n, created) === true);
    if (first === undefined) return [];
    const spelled = first.resourceGroup === created.resourceGroup ? '' : `, as "${first.resourceGroup}",`;
    return [
      error(
        fieldPath(created, 'resourceGroup'),
        `${networkLabel(created)}: resource group "${created.resourceGroup}" is created by ${creator} and also${spelled} by ${first.resourceGroupCreator.path} for ${networkLabel(first)}; a subscription holds one group of a name, compared without case, and azurerm refuses to create one that exists, so the apply fails; pass ${networkLabel(first)}'s resourceGroup to this network, so that one construct creates the group, or give this network a group of another name`,
      ),
    ];
  });
};

/**
 * A group a network says exists (`createResourceGroup: false`) that the same topology creates for another network. The
 * network's resources then name the group by its literal name, not by a reference to the group the stack creates, so
 * Terraform creates them in parallel with the group and the first apply can fail on a group not found. One subscription
 * (the networks' ids, without case; in code, without ids, one azurerm provider) and one name without case (rule 24 of
 * AZURE-RULES.md) are one group. A group named by a token is a reference already, which Terraform waits for.
 */
export const existingGroupCreatedHere: Rule = (topology) => {
  const created = createdGroups(topology);
  return topology.networks.flatMap((network) => {
    if (network.createResourceGroup || !isKnown(network.subscriptionId ?? '')) return [];
    // A group name known only at apply time matches none: createdGroups holds literal names only.
    const creator = created.get(groupKey(network))?.[0];
    if (creator === undefined) return [];
    const inCode = creator.resourceGroupCreator;
    // Without subscription ids, in code, one azurerm provider is one subscription; two may be two.
    if (inCode && network.subscriptionId === undefined && inCode.provider !== network.provider) return [];
    const spelled = creator.resourceGroup === network.resourceGroup ? '' : `, as "${creator.resourceGroup}",`;
    const by = inCode ? `${inCode.path} for ${networkLabel(creator)}` : `${networkLabel(creator)} in this topology`;
    const sameRegion = canonicalLocation(creator.location) === canonicalLocation(network.location);
    const fix = inCode
      ? `pass ${networkLabel(creator)}'s resourceGroup to this network, so that it refers to the group and Terraform creates the group first`
      : sameRegion
        ? 'set createResourceGroup to true (the group is created once, for both)'
        : `a created group has one location, and it is created in ${canonicalLocation(creator.location)}: give this network a resource group of its own, or create the group outside this topology and set createResourceGroup to false for ${networkLabel(creator)} too`;
    return [
      error(
        fieldPath(network, 'createResourceGroup'),
        `${networkLabel(network)}: resource group "${network.resourceGroup}" is created${spelled} by ${by}, but createResourceGroup is false here, so nothing makes this network wait for the group and the first apply can fail; ${fix}`,
      ),
    ];
  });
};

export const placementRules: readonly Rule[] = [
  knownRegions,
  subscriptionIds,
  existingGatewayIds,
  resourceGroupLocation,
  oneResourceGroupCreator,
  existingGroupCreatedHere,
];

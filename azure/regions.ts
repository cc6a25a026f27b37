// The token module alone: the rest of cdktf is not needed to tell a token from text.
import { Token } from 'cdktf/lib/tokens/token';

/**
 * Azure public-cloud regions: canonical name (what ARM and the provider store) and display name (what the portal and
 * the article show). The provider normalises `location` to the canonical form, so writing anything else shows up as a
 * perpetual diff; the topology accepts either form and synthesizes the canonical one.
 */
export const AZURE_REGIONS: ReadonlyArray<readonly [canonical: string, display: string]> = [
  ['australiacentral', 'Australia Central'],
  ['australiacentral2', 'Australia Central 2'],
  ['australiaeast', 'Australia East'],
  ['australiasoutheast', 'Australia Southeast'],
  ['austriaeast', 'Austria East'],
  ['belgiumcentral', 'Belgium Central'],
  ['brazilsouth', 'Brazil South'],
  ['brazilsoutheast', 'Brazil Southeast'],
  ['canadacentral', 'Canada Central'],
  ['canadaeast', 'Canada East'],
  ['centralindia', 'Central India'],
  ['centralus', 'Central US'],
  ['chilecentral', 'Chile Central'],
  ['eastasia', 'East Asia'],
  ['eastus', 'East US'],
  ['eastus2', 'East US 2'],
  ['francecentral', 'France Central'],
  ['francesouth', 'France South'],
  ['germanynorth', 'Germany North'],
  ['germanywestcentral', 'Germany West Central'],
  ['indonesiacentral', 'Indonesia Central'],
  ['israelcentral', 'Israel Central'],
  ['italynorth', 'Italy North'],
  ['japaneast', 'Japan East'],
  ['japanwest', 'Japan West'],
  ['jioindiacentral', 'Jio India Central'],
  ['jioindiawest', 'Jio India West'],
  ['koreacentral', 'Korea Central'],
  ['koreasouth', 'Korea South'],
  ['malaysiawest', 'Malaysia West'],
  ['mexicocentral', 'Mexico Central'],
  ['newzealandnorth', 'New Zealand North'],
  ['northcentralus', 'North Central US'],
  ['northeurope', 'North Europe'],
  ['norwayeast', 'Norway East'],
  ['norwaywest', 'Norway West'],
  ['polandcentral', 'Poland Central'],
  ['qatarcentral', 'Qatar Central'],
  ['southafricanorth', 'South Africa North'],
  ['southafricawest', 'South Africa West'],
  ['southcentralus', 'South Central US'],
  ['southeastasia', 'Southeast Asia'],
  ['southindia', 'South India'],
  ['spaincentral', 'Spain Central'],
  ['swedencentral', 'Sweden Central'],
  ['swedensouth', 'Sweden South'],
  ['switzerlandnorth', 'Switzerland North'],
  ['switzerlandwest', 'Switzerland West'],
  ['uaecentral', 'UAE Central'],
  ['uaenorth', 'UAE North'],
  ['uksouth', 'UK South'],
  ['ukwest', 'UK West'],
  ['westcentralus', 'West Central US'],
  ['westeurope', 'West Europe'],
  ['westindia', 'West India'],
  ['westus', 'West US'],
  ['westus2', 'West US 2'],
  ['westus3', 'West US 3'],
];

/**
 * Regions with availability zones, and the known regions without them: Microsoft's "Azure regions list"
 * (learn.microsoft.com/azure/reliability/regions-list, MicrosoftDocs/reliability-docs
 * articles/reliability/regions-list.md of 23 September 2025, "Availability zone support" column). A region in neither
 * list (Jio India, Sweden South, one that is new) is not known either way: zones are left as the SKU asks.
 */
export const REGIONS_WITH_ZONES: ReadonlySet<string> = new Set([
  'australiaeast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'canadacentral',
  'centralindia',
  'centralus',
  'chilecentral',
  'denmarkeast',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northeurope',
  'norwayeast',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southcentralus',
  'southeastasia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'uaenorth',
  'uksouth',
  'westeurope',
  'westus2',
  'westus3',
]);

/** Regions the same list shows without availability zones: Azure refuses zoned resources there. */
export const REGIONS_WITHOUT_ZONES: ReadonlySet<string> = new Set([
  'australiacentral',
  'australiacentral2',
  'australiasoutheast',
  'brazilsoutheast',
  'canadaeast',
  'francesouth',
  'germanynorth',
  'koreasouth',
  'northcentralus',
  'norwaywest',
  'southafricawest',
  'southindia',
  'switzerlandwest',
  'uaecentral',
  'ukwest',
  'westcentralus',
  'westindia',
  'westus',
]);

/** Whether a region (any spelling) is one the regions list shows without availability zones. */
export function regionWithoutZones(location: string): boolean {
  return REGIONS_WITHOUT_ZONES.has(canonicalLocation(location));
}

const KNOWN = new Set(AZURE_REGIONS.map(([canonical]) => canonical));

/**
 * `East US`, `eastus` and `EastUS` all become `eastus`: ARM's canonical form is lower case without spaces. A value
 * known only at apply time (a cdktf token, `var.region`) is returned as it is: lower-casing its text would break the
 * reference it stands for.
 */
export function canonicalLocation(location: string): string {
  if (Token.isUnresolved(location)) return location;
  return location.replace(/\s+/g, '').toLowerCase();
}

/** Whether a canonical location names a known public-cloud region. */
export function isKnownRegion(canonical: string): boolean {
  return KNOWN.has(canonical);
}

/** The known region closest to an unknown name (edit distance), for a "did you mean" hint. */
export function closestRegion(canonical: string): string {
  let best = AZURE_REGIONS[0][0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [candidate] of AZURE_REGIONS) {
    const distance = editDistance(canonical, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

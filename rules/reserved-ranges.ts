import { Cidr, containsAddress, formatCidr, overlaps, parseCidr, parseIpv4 } from '../net/cidr';
import { error, Finding, warning } from './finding';
import { addressSpaceRanges, fieldPath, isKnown, networkLabel, Rule, siteLabel } from './rule';
import { hasControlCharacter, quoteText } from './text';

/**
 * Rule 27 of AZURE-RULES.md: address ranges a virtual network cannot use, and the one address a site's device must
 * have. Microsoft's Virtual Network FAQ ("What address ranges can I use in my virtual networks?"): "you can't add the
 * following address ranges: 224.0.0.0/4 (multicast), 255.255.255.255/32 (broadcast), 127.0.0.0/8 (loopback),
 * 169.254.0.0/16 (link local), 168.63.129.16/32 (internal DNS)".
 */

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`bad constant ${text}`);
  return parsed.cidr;
};

export const RANGES_AZURE_REFUSES: readonly { readonly cidr: Cidr; readonly what: string }[] = [
  { cidr: cidr('224.0.0.0/4'), what: 'multicast' },
  { cidr: cidr('255.255.255.255/32'), what: 'broadcast' },
  { cidr: cidr('127.0.0.0/8'), what: 'loopback' },
  { cidr: cidr('169.254.0.0/16'), what: 'link-local' },
  { cidr: cidr('168.63.129.16/32'), what: "Azure's internal DNS and health probes" },
];

/**
 * 0.0.0.0/8 is "this network" (RFC 1122 3.2.1.3), never a destination; Microsoft's list does not name it, so a
 * warning rather than an error.
 */
const THIS_NETWORK = cidr('0.0.0.0/8');

/** No prefix of a virtual network's address space reaches into a range Azure refuses. */
export const reservedRanges: Rule = (topology) =>
  topology.networks.flatMap((network) =>
    addressSpaceRanges(network).flatMap((range): Finding[] => {
      const refused = RANGES_AZURE_REFUSES.filter((r) => overlaps(r.cidr, range.cidr));
      if (refused.length > 0) {
        const list = refused.map((r) => `${formatCidr(r.cidr)} (${r.what})`).join(', ');
        return [
          error(
            range.path,
            `${networkLabel(network)}: address space ${range.text} overlaps ${list}, which Azure does not allow in a virtual network; use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`,
          ),
        ];
      }
      if (overlaps(THIS_NETWORK, range.cidr)) {
        return [
          warning(
            range.path,
            `${networkLabel(network)}: address space ${range.text} overlaps 0.0.0.0/8 ("this network", which no packet can be sent to); use a private range such as 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`,
          ),
        ];
      }
      return [];
    }),
  );

/** Addresses that are not a unicast host anywhere: "this network", loopback, multicast, reserved and broadcast. */
const NOT_UNICAST: readonly { readonly cidr: Cidr; readonly what: string }[] = [
  { cidr: THIS_NETWORK, what: '"this network" (0.0.0.0/8)' },
  { cidr: cidr('127.0.0.0/8'), what: 'loopback (127.0.0.0/8)' },
  { cidr: cidr('224.0.0.0/4'), what: 'multicast (224.0.0.0/4)' },
  { cidr: cidr('240.0.0.0/4'), what: 'reserved or broadcast (240.0.0.0/4)' },
];

/** A site's device is reached at one IPv4 unicast address: `999.1.2.3` and `224.0.0.1` are refused. */
export const siteGatewayAddress: Rule = (topology) =>
  topology.sites.flatMap((site): Finding[] => {
    const text = site.gatewayAddress;
    if (!isKnown(text) || hasControlCharacter(text)) return [];
    const path = fieldPath(site, 'gatewayAddress');
    const address = parseIpv4(text);
    if (address === undefined) {
      return [
        error(
          path,
          `${siteLabel(site)}: gatewayAddress ${quoteText(text)} is not an IPv4 address (four decimal numbers 0-255 without leading zeros); write the public IPv4 address of the on-premises VPN device, e.g. 203.0.113.10, or give gatewayFqdn instead`,
        ),
      ];
    }
    const reserved = NOT_UNICAST.find((r) => containsAddress(r.cidr, address));
    if (!reserved) return [];
    return [
      error(
        path,
        `${siteLabel(site)}: gatewayAddress ${text} is ${reserved.what}, not a unicast address a VPN device can have; write the public IPv4 address of the on-premises VPN device`,
      ),
    ];
  });

export const reservedRangeRules: readonly Rule[] = [reservedRanges, siteGatewayAddress];

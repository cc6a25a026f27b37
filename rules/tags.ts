import type { TopologyModel } from '../topology/model';
import { error, Finding } from './finding';
import { fieldPath, isKnown, networkLabel, Rule, siteLabel } from './rule';
import { hasControlCharacter, quoteText } from './text';

/**
 * Rule 26 of AZURE-RULES.md. Microsoft's "Use tags to organize your Azure resources", Limitations: "Each resource,
 * resource group, and subscription can have a maximum of 50 tag name-value pairs"; "The tag name has a limit of 512
 * characters and the tag value has a limit of 256 characters"; tag names can't contain `<`, `>`, `%`, `&`, `\`, `?`,
 * `/`. The naming rules' Microsoft.Resources/tagNames row says the same (1-512).
 */

export const MAX_TAGS = 50;
export const MAX_TAG_NAME = 512;
export const MAX_TAG_VALUE = 256;
const REFUSED_IN_NAME = ['<', '>', '%', '&', '\\', '?', '/'];

type Tags = Readonly<Record<string, string>>;

/** Each name and value of one set of tags, where it was written. */
function tagFindings(owner: string, path: string, tags: Tags): Finding[] {
  return Object.entries(tags).flatMap(([name, value]): Finding[] => {
    // A control character in a tag is the one-line rule's to report (text.ts), once.
    if (hasControlCharacter(name)) return [];
    const at = `${path}.${name}`;
    const findings: Finding[] = [];
    const length = [...name].length;
    if (length === 0 || length > MAX_TAG_NAME) {
      findings.push(
        error(
          at,
          `${owner}: tag name ${length === 0 ? 'is empty' : `is ${length} characters long`}; Azure takes tag names of 1-${MAX_TAG_NAME} characters; ${length === 0 ? 'name the tag' : 'shorten it'}`,
        ),
      );
    }
    const refused = REFUSED_IN_NAME.filter((c) => name.includes(c));
    if (refused.length > 0) {
      findings.push(
        error(
          at,
          `${owner}: tag name ${quoteText(name)} contains ${refused.map((c) => `"${c}"`).join(', ')}, which Azure does not take in a tag name (< > % & \\ ? /); remove ${refused.length > 1 ? 'them' : 'it'}`,
        ),
      );
    }
    if (isKnown(value) && [...value].length > MAX_TAG_VALUE) {
      findings.push(
        error(
          at,
          `${owner}: the value of tag ${quoteText(name)} is ${[...value].length} characters long; Azure takes tag values of up to ${MAX_TAG_VALUE} characters; shorten it`,
        ),
      );
    }
    return findings;
  });
}

/** How many tags a resource gets: the topology's, then its own over them (constructs/topology-stack.ts merges so). */
function tagCount(owner: string, path: string, common: Tags | undefined, own: Tags | undefined): Finding[] {
  const count = Object.keys({ ...common, ...own }).length;
  if (count <= MAX_TAGS) return [];
  const merged = common && Object.keys(common).length > 0 ? " after merging the topology's tags with its own" : '';
  return [
    error(
      path,
      `${owner}: ${count} tags${merged}; Azure takes at most ${MAX_TAGS} on a resource; remove ${count - MAX_TAGS}`,
    ),
  ];
}

/** Tags on every resource: names, values, and how many each resource ends up with. */
export const tags: Rule = (topology: TopologyModel) => {
  const common = isKnown(topology.tags) ? topology.tags : undefined;
  return [
    ...(common ? tagFindings('the topology', 'tags', common) : []),
    ...[
      ...topology.networks.map((n) => ({ owner: networkLabel(n), at: n, tags: n.tags })),
      ...topology.sites.map((s) => ({ owner: siteLabel(s), at: s, tags: s.tags })),
    ].flatMap(({ owner, at, tags: own }) => {
      const known = isKnown(own) ? own : undefined;
      const path = fieldPath(at, 'tags');
      return [...(known ? tagFindings(owner, path, known) : []), ...tagCount(owner, path, common, known)];
    }),
  ];
};

export const tagRules: readonly Rule[] = [tags];

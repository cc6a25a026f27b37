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

/**
 * Tag names that differ only in case are one tag to Azure. Microsoft's "Use tags to organize your Azure resources and
 * management hierarchy" (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources): "Tag names
 * are case-insensitive for operations. A tag with a tag name, regardless of casing, is updated or retrieved." Azure
 * keeps one of `Env` and `env`, and Terraform, which compares names with case, would plan to change the tags on every
 * run. Compared lower-cased, as every name rule compares names (rules/names.ts).
 */
const ONE_TAG =
  'Azure compares tag names without case and keeps one of them, so Terraform would plan to change the tags on every run; keep one spelling';

/** Two names of one set of tags that differ only in case, at the second. */
function caseClashes(owner: string, path: string, tags: Tags): Finding[] {
  const first = new Map<string, string>();
  return Object.keys(tags).flatMap((name): Finding[] => {
    if (!isKnown(name)) return [];
    const earlier = first.get(name.toLowerCase());
    if (earlier === undefined) {
      first.set(name.toLowerCase(), name);
      return [];
    }
    return [
      error(
        fieldPath({ path }, name),
        `${owner}: tag names ${quoteText(earlier)} and ${quoteText(name)} differ only in case; ${ONE_TAG}`,
      ),
    ];
  });
}

/**
 * A name of a resource's own and one of the topology's that differ only in case: the stack merges the two sets
 * (constructs/topology-stack.ts), and keeps both. Clashes inside one set are reported with that set.
 */
function mergedCaseClashes(owner: string, path: string, common: Tags, own: Tags): Finding[] {
  return Object.keys(own).flatMap((name): Finding[] => {
    if (!isKnown(name)) return [];
    const other = Object.keys(common).find((c) => c.toLowerCase() === name.toLowerCase() && !Object.hasOwn(own, c));
    if (other === undefined) return [];
    return [
      error(
        fieldPath({ path }, name),
        `${owner}: tag ${quoteText(name)} and the topology's tag ${quoteText(other)} differ only in case, and the stack puts both on its resources; ${ONE_TAG}`,
      ),
    ];
  });
}

/** Tags on every resource: names, values, and how many each resource ends up with. */
export const tags: Rule = (topology: TopologyModel) => {
  const common = isKnown(topology.tags) ? topology.tags : undefined;
  return [
    ...(common ? tagFindings('the topology', 'tags', common) : []),
    ...(common ? caseClashes('the topology', 'tags', common) : []),
    ...[
      ...topology.networks.map((n) => ({ owner: networkLabel(n), at: n, tags: n.tags })),
      ...topology.sites.map((s) => ({ owner: siteLabel(s), at: s, tags: s.tags })),
    ].flatMap(({ owner, at, tags: own }) => {
      const known = isKnown(own) ? own : undefined;
      const path = fieldPath(at, 'tags');
      return [
        ...(known ? tagFindings(owner, path, known) : []),
        ...(known ? caseClashes(owner, path, known) : []),
        ...(known && common ? mergedCaseClashes(owner, path, common, known) : []),
        ...tagCount(owner, path, common, known),
      ];
    }),
  ];
};

export const tagRules: readonly Rule[] = [tags];

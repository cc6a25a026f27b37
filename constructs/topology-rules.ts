import { Annotations, TerraformStack } from 'cdktf';
import { Construct, IValidation } from 'constructs';
import { checkTopology, formatFinding } from '../rules';
import type { ConnectionModel, GroupModel, NetworkModel, SiteModel, TopologyModel } from '../topology/model';

/**
 * Context key a caller sets when it has already checked the whole topology (the topology file's reader does, with
 * paths into the file), so that the stack does not check and warn a second time.
 */
export const RULES_CHECKED_CONTEXT = 'vnet2vnet:rulesChecked';

/** The topology being gathered from a stack's constructs, keyed by construct path. */
export interface TopologyDraft {
  readonly networks: Map<string, NetworkModel>;
  readonly sites: SiteModel[];
  readonly connections: ConnectionModel[];
  readonly groups: GroupModel[];
}

type Contribution = (draft: TopologyDraft) => void;
const contributions = new WeakMap<Construct, Contribution>();
const registered = new WeakSet<TerraformStack>();

/**
 * Records what a construct adds to its stack's topology, and makes the stack check Azure's rules over all of it when it
 * synthesizes: the same rule code the topology file goes through, so constructs used from TypeScript get the same
 * protection.
 */
export function registerTopologyRules(part: Construct, contribute: Contribution): void {
  contributions.set(part, contribute);
  const stack = TerraformStack.of(part);
  if (registered.has(stack)) return;
  registered.add(stack);
  stack.node.addValidation(new TopologyRulesValidation(stack));
}

class TopologyRulesValidation implements IValidation {
  constructor(private readonly stack: TerraformStack) {}

  public validate(): string[] {
    if (this.stack.node.tryGetContext(RULES_CHECKED_CONTEXT) === true) return [];
    const findings = checkTopology(collectTopology(this.stack));
    for (const finding of findings.filter((f) => f.severity === 'warning')) {
      Annotations.of(this.stack).addWarning(formatFinding(finding));
    }
    return findings.filter((f) => f.severity === 'error').map(formatFinding);
  }
}

/** The topology the constructs under a scope describe. */
export function collectTopology(scope: Construct): TopologyModel {
  const draft: TopologyDraft = { networks: new Map(), sites: [], connections: [], groups: [] };
  for (const construct of scope.node.findAll()) contributions.get(construct)?.(draft);
  return { ...draft, networks: [...draft.networks.values()] };
}

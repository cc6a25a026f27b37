import {
  describe,
  exitCodeOf,
  formatCause,
  MetaChange,
  ResourceAction,
  ResourceChange,
  StackReview,
  ValueChange,
} from './compare';

const SYMBOL: Record<ResourceAction, string> = {
  create: '+',
  delete: '-',
  update: '~',
  replace: '-/+',
  read: '<=',
  'no-op': '=',
};
const VERB: Record<ResourceAction, string> = {
  create: 'added',
  delete: 'destroyed',
  update: 'changed in place',
  replace: 'replaced',
  read: 'read',
  'no-op': 'unchanged in Azure',
};

/** `2 replaced, 1 destroyed, 1 changed in place, 3 added`, then `, 1 read, 1 unchanged in Azure` when there are any. */
export function countLine(review: StackReview): string {
  const count = (action: ResourceAction) => review.resources.filter((r) => r.action === action).length;
  const always = (['replace', 'delete', 'update', 'create'] as const).map((a) => `${count(a)} ${VERB[a]}`);
  const some = (['read', 'no-op'] as const).filter((a) => count(a) > 0).map((a) => `${count(a)} ${VERB[a]}`);
  return [...always, ...some].join(', ');
}

function verdict(review: StackReview): string {
  const replacedOrDestroyed = review.resources.some((r) => r.action === 'replace' || r.action === 'delete');
  return exitCodeOf(review) === 2
    ? replacedOrDestroyed
      ? 'Something is replaced or destroyed: this change needs a second approval.'
      : 'Something can take a tunnel down or lift a protection: this change needs a second approval.'
    : review.resources.length === 0 && review.outputs.length === 0 && review.variables.length === 0
      ? 'No changes.'
      : 'Nothing is replaced or destroyed.';
}

function details(r: ResourceChange): string {
  const parts: string[] = [];
  if (r.reason) parts.push(r.reason);
  if (r.action !== 'create' && r.action !== 'delete') {
    const forcing = r.changes.filter((c) => c.forcesReplacement);
    const others = r.changes.filter((c) => !c.forcesReplacement);
    if (forcing.length > 0) parts.push(`forced by ${forcing.map(formatCause).join('; ')}`);
    if (others.length > 0) parts.push(`${forcing.length > 0 ? 'also ' : ''}${others.map(formatCause).join('; ')}`);
    if (!r.forceNewKnown) parts.push('ForceNew arguments of this type are not known to this tool: check the plan');
  }
  if (r.meta && r.meta.length > 0) parts.push(`meta: ${r.meta.map(formatMeta).join('; ')}`);
  return parts.join('; ');
}

/** `provider "${azurerm.a}" -> "${azurerm.b}"`, `forget`. */
function formatMeta(m: MetaChange): string {
  if (m.before === undefined && m.after === undefined) return m.argument;
  return `${m.argument} ${m.before ?? '(unset)'} -> ${m.after ?? '(unset)'}`;
}

function valueLines(title: string, changes: readonly ValueChange[]): string[] {
  if (changes.length === 0) return [];
  const verb = { create: 'added', delete: 'removed', update: 'changed' };
  return ['', `${title}:`, ...changes.map((c) => `  ${SYMBOL[c.action]} ${c.name} (${verb[c.action]})`)];
}

/** Plain text for a terminal or a CI log: the dangerous lines first, then every resource. */
export function formatText(review: StackReview, title = 'Replacement-risk report'): string {
  const lines = [title, '', `Summary: ${countLine(review)}. ${verdict(review)}`];
  if (review.dangers.length > 0) {
    lines.push('', 'DANGER:', ...review.dangers.map((d) => `  ! ${d.message}`));
  }
  if (review.resources.length > 0) {
    lines.push('', 'Resources:');
    for (const r of review.resources) {
      const extra = details(r);
      lines.push(`  ${SYMBOL[r.action].padEnd(3)} ${describe(r)}: ${VERB[r.action]}${extra ? `, ${extra}` : ''}`);
    }
  }
  lines.push(...valueLines('Outputs', review.outputs), ...valueLines('Variables', review.variables));
  return `${lines.join('\n')}\n`;
}

/** Markdown for a pull-request comment. */
export function formatMarkdown(review: StackReview, title = 'Replacement-risk report'): string {
  const lines = [`### ${title}`, '', `**${countLine(review)}.** ${verdict(review)}`];
  if (review.dangers.length > 0) {
    lines.push('', '> [!CAUTION]', ...review.dangers.map((d) => `> - ${escapeMarkdown(d.message)}`));
  }
  if (review.resources.length > 0) {
    lines.push('', '| Action | Resource | Why |', '| --- | --- | --- |');
    for (const r of review.resources) {
      const name = r.azureName ? `${escapeMarkdown(r.azureName)} \`${r.address}\`` : `\`${r.address}\``;
      lines.push(`| ${VERB[r.action]} | ${name} | ${escapeMarkdown(details(r))} |`);
    }
  }
  for (const [heading, changes] of [
    ['Outputs', review.outputs],
    ['Variables', review.variables],
  ] as const) {
    if (changes.length === 0) continue;
    const verb = { create: 'added', delete: 'removed', update: 'changed' };
    lines.push('', `**${heading}:** ${changes.map((c) => `\`${c.name}\` ${verb[c.action]}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Table cells and list items: pipes would end a cell, and `<`/`>` read as HTML; arrows read better as `→`. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/->/g, '→')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The pieces every diagram here is written with: escaped labels, safe node ids, shortened values, and the colours.
 * User text never reaches Mermaid as syntax: it is entity-encoded (`#34;`), and node ids are made of letters, digits
 * and `_` only.
 */

/** A line of a label: plain text, or a bold name followed by plain text. */
export type Line = string | { readonly bold: string; readonly after?: string };

/**
 * Text for a quoted Mermaid label. Mermaid reads `#…;` as an entity and a `"` as the end of the label, and GitHub
 * renders labels as HTML: user text is entity-encoded, so only the `<b>` and `<br/>` written here are markup.
 */
export function label(lines: readonly Line[]): string {
  return lines
    .map((line) =>
      typeof line === 'string' ? escapeText(line) : `<b>${escapeText(line.bold)}</b>${escapeText(line.after ?? '')}`,
    )
    .join('<br/>');
}

/**
 * Mermaid entity codes (`#34;`) for every character that could end a label or read as markup; a line break, which
 * would end the statement (or a Markdown fence), becomes a space.
 */
export function escapeText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[#&"<>[\]{}()|`;]/g, (c) => `#${c.charCodeAt(0)};`);
}

/**
 * The longest line a label holds, in characters: longer values are cut in the middle, so that both ends stay readable.
 * Mermaid wraps a node's text at 200 pixels, even mid-word: a line of 16-pixel text (bold, dots and dashes included)
 * stays under that at 20 characters, a details line (12-pixel text) at 28. Subgraph titles are not wrapped.
 */
export const MAX_LINE = { title: 40, node: 20, details: 28 } as const;

/** `a-very-long-…-name`: at most `max` characters, the middle replaced by `…`. */
export function shorten(text: string, max: number = MAX_LINE.title): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** Values joined with `, ` into as few lines as fit `max` characters each (a value longer than a line is shortened). */
export function pack(values: readonly string[], max: number): string[] {
  const lines: string[] = [];
  for (const value of values.map((v) => shorten(v, max))) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 2 + value.length <= max) lines[last] = `${lines[last]}, ${value}`;
    else lines.push(value);
  }
  return lines;
}

/**
 * A subscription id for a picture: a GUID's first block is enough to tell subscriptions apart at a glance (the table
 * and the Terraform hold the whole id).
 */
export function shortSubscription(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) ? `${id.slice(0, 8)}…` : shorten(id, 24);
}

/**
 * Mermaid node ids from user names: letters, digits and `_` only, at most 48 of them before a suffix, unique even when
 * two names differ only in symbols or after the 48th character.
 */
export class NodeIds {
  private readonly used = new Set<string>();

  public for(name: string): string {
    const base = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 48);
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    return id;
  }
}

/** Node styles, by role. Colours are readable in light and dark themes and tell apart in grey scale by border. */
export const CLASS_DEFS = {
  gateway: 'fill:#eef2ff,stroke:#4338ca,color:#1e1b4b',
  hub: 'fill:#c7d2fe,stroke:#312e81,stroke-width:3px,color:#1e1b4b',
  site: 'fill:#fef3c7,stroke:#92400e,color:#451a03',
  details: 'fill:#ffffff,stroke:#cbd5e1,color:#334155,font-size:12px',
  group: 'fill:#f1f5f9,stroke:#475569,color:#0f172a',
  danger: 'fill:#fee2e2,stroke:#b91c1c,stroke-width:3px,color:#450a0a',
  added: 'fill:#dcfce7,stroke:#15803d,stroke-width:3px,color:#052e16',
  changed: 'fill:#fef9c3,stroke:#a16207,stroke-width:2px,color:#422006',
  plain: 'fill:#f8fafc,stroke:#94a3b8,color:#1e293b',
} as const;

export type NodeClass = keyof typeof CLASS_DEFS;

/** Link styles for the review's picture (`linkStyle` takes the same CSS). */
export const LINK_STYLES = {
  danger: 'stroke:#b91c1c,stroke-width:3px,stroke-dasharray:6 4',
  added: 'stroke:#15803d,stroke-width:3px',
  changed: 'stroke:#a16207,stroke-width:2px',
  plain: 'stroke:#94a3b8,stroke-width:1px',
} as const;

/** `classDef` lines for the classes a diagram uses, in a stable order. */
export function classDefLines(used: ReadonlySet<NodeClass>): string[] {
  return (Object.keys(CLASS_DEFS) as NodeClass[])
    .filter((c) => used.has(c))
    .map((c) => `  classDef ${c} ${CLASS_DEFS[c]}`);
}

/** Wraps flowchart text in a Markdown fence, with an optional heading. */
export function markdownFence(flowchart: string, title?: string): string {
  const heading = title === undefined ? [] : [`### ${title}`, ''];
  return [...heading, '```mermaid', flowchart, '```', ''].join('\n');
}

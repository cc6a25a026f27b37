import { Aspects, IAspect, TerraformElement } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Text a user wrote reaches Terraform as literal text. Terraform reads every string of a configuration, and every
 * property name of an object such as `tags`, as a template: `${…}` interpolates and `%{…}` is a directive. The
 * literal forms are `$${` and `%%{` (Terraform's "Strings and Templates": "Literal ${, without beginning an
 * interpolation sequence"; "Literal %{, without beginning a template directive sequence").
 *
 * One mechanism, in one place: each construct of this library calls `keepTextLiteral(this)`, which adds one aspect to
 * its own subtree. At synthesis the aspect makes every Terraform element under it (resources, data sources,
 * outputs, variables, providers) escape the literal parts of each string and key of its configuration, while cdktf's
 * tokens (`${TfToken[…]}`, references such as `gateway.id`) stay tokens and resolve to references. Elements a
 * consumer adds elsewhere in the stack are not touched. The escape is applied to the configuration each time it is
 * rendered, from the values as given, so a value is never escaped twice.
 */
export function keepTextLiteral(scope: IConstruct): void {
  if (scopes.has(scope)) return;
  scopes.add(scope);
  Aspects.of(scope).add(LITERAL_TEXT);
}

const scopes = new WeakSet<IConstruct>();
const escaped = new WeakSet<TerraformElement>();

/** cdktf's string token: `${TfToken[TOKEN.12]}`. Everything between two of them is the user's literal text. */
const STRING_TOKEN = /\$\{TfToken\[[A-Za-z0-9_.-]+\]\}/g;

/** `${` -> `$${`, `%{` -> `%%{` in text that holds no cdktf token. */
export function escapeTemplateText(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** Escapes the literal parts of a string and keeps its cdktf tokens as they are. */
export function escapeLiteralParts(value: string): string {
  let result = '';
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN)) {
    result += escapeTemplateText(value.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + escapeTemplateText(value.slice(last));
}

/** A copy of a configuration with every string and key escaped; numbers, booleans and list tokens as they are. */
export function escapeConfiguration(value: unknown): unknown {
  if (typeof value === 'string') return escapeLiteralParts(value);
  if (Array.isArray(value)) return value.map(escapeConfiguration);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[escapeLiteralParts(key)] = escapeConfiguration(inner);
    return copy;
  }
  // Tokens held as objects (IResolvable), numbers, booleans, null: cdktf resolves or writes them as they are.
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

class LiteralTextAspect implements IAspect {
  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformElement) || escaped.has(node)) return;
    escaped.add(node);
    const element = node as TerraformElement & {
      toTerraform(): unknown;
      toHclTerraform(): unknown;
    };
    const toTerraform = element.toTerraform.bind(element);
    element.toTerraform = () => escapeConfiguration(toTerraform());
    const toHclTerraform = element.toHclTerraform.bind(element);
    // `cdktf synth --hcl` wraps each attribute as `{ value, type, … }`; a quoted HCL string takes the same escapes.
    element.toHclTerraform = () => escapeConfiguration(toHclTerraform());
  }
}

const LITERAL_TEXT = new LiteralTextAspect();

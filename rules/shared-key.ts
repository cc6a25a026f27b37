import { KEY_VAULT_SECRET_ID_FORM, parseKeyVaultSecretId } from '../azure/key-vault';
import type { ConnectionModel } from '../topology/model';
import { error, Finding } from './finding';
import { fieldPath, isKnown, Rule } from './rule';

/** Rule 16 of AZURE-RULES.md: what a pre-shared key may hold, and where it may come from. */

const MAX_LENGTH = 128;
/** A generated key has at least one lower-case letter, one upper-case letter and one digit. */
const MIN_GENERATED_LENGTH = 3;
/** Terraform identifiers: a letter or underscore, then letters, digits, underscores and hyphens. */
const TERRAFORM_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Names Terraform keeps for itself in a variable block's label. */
const RESERVED_VARIABLE_NAMES = [
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'lifecycle',
  'depends_on',
  'locals',
];

const label = (c: ConnectionModel) => `connection "${c.names[0]}"`;

/** Characters of a key Azure refuses, shown by name: the key itself is a secret and never printed. */
function refusedCharacters(key: string): string[] {
  const refused = new Set<string>();
  for (const ch of key) {
    const code = ch.codePointAt(0) as number;
    if (ch === ' ') refused.add('space');
    else if (ch === '-') refused.add('"-"');
    else if (ch === '~') refused.add('"~"');
    else if (code < 0x21 || code > 0x7e) refused.add(`U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...refused];
}

function sharedKeyFindings(c: ConnectionModel): Finding[] {
  const key = c.sharedKey;
  const path = fieldPath(c, 'sharedKey');
  if (key.kind === 'generate') {
    if (
      !isKnown(key.length) ||
      (Number.isInteger(key.length) && key.length >= MIN_GENERATED_LENGTH && key.length <= MAX_LENGTH)
    )
      return [];
    return [
      error(
        fieldPath(c, 'sharedKey.length'),
        `${label(c)}: sharedKey.length ${key.length} is outside ${MIN_GENERATED_LENGTH}-${MAX_LENGTH} (Azure takes keys of up to ${MAX_LENGTH} characters; a generated key holds a lower-case letter, an upper-case letter and a digit); choose a length in that range, e.g. 64`,
      ),
    ];
  }
  if (key.kind === 'keyVault') {
    if (!isKnown(key.keyVaultSecretId) || parseKeyVaultSecretId(key.keyVaultSecretId)) return [];
    return [
      error(
        fieldPath(c, 'sharedKey.keyVaultSecretId'),
        `${label(c)}: sharedKey.keyVaultSecretId "${key.keyVaultSecretId}" is not a Key Vault secret's resource id; write it as ${KEY_VAULT_SECRET_ID_FORM}`,
      ),
    ];
  }
  const findings: Finding[] = [];
  if (key.kind === 'variable' && isKnown(key.variable)) {
    if (!TERRAFORM_IDENTIFIER.test(key.variable) || RESERVED_VARIABLE_NAMES.includes(key.variable)) {
      findings.push(
        error(
          fieldPath(c, 'sharedKey.variable'),
          `${label(c)}: sharedKey.variable "${key.variable}" is not a name Terraform takes for a variable; use letters, digits, _ and - starting with a letter, e.g. vpn_shared_key`,
        ),
      );
    }
  }
  const value = key.knownValue;
  if (!isKnown(value)) return findings;
  const source = key.kind === 'variable' ? `the default of variable "${key.variable}"` : 'the shared key';
  if (value.length < 1 || value.length > MAX_LENGTH) {
    findings.push(
      error(
        path,
        `${label(c)}: ${source} is ${value.length} characters long; Azure takes 1-${MAX_LENGTH}; use a key of that length`,
      ),
    );
  }
  const refused = refusedCharacters(value);
  if (refused.length > 0) {
    findings.push(
      error(
        path,
        `${label(c)}: ${source} contains ${refused.join(', ')}, which Azure does not take in a shared key; use printable ASCII other than space, "-" and "~"`,
      ),
    );
  }
  return findings;
}

/** A mesh's connections share one key source: it is reported once, on the first of them. */
export const sharedKeys: Rule = (topology) => {
  const seen = new Set<ConnectionModel['sharedKey']>();
  return topology.connections.flatMap((c) => {
    if (seen.has(c.sharedKey)) return [];
    seen.add(c.sharedKey);
    return sharedKeyFindings(c);
  });
};

export const sharedKeyRules: readonly Rule[] = [sharedKeys];

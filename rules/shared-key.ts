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
  if (isKnown(key.knownValue)) {
    // Never the value itself, only that there is one: a default is a key written into cdk.tf.json as it is.
    findings.push(
      error(
        path,
        `${label(c)}: variable "${key.variable}" has a default, which Terraform would write into cdk.tf.json as it is; remove the default and give the key at plan time (TF_VAR_${key.variable}) or from a Key Vault secret`,
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

/** A Key Vault secret's ARM resource id, split into the vault's id and the secret's name. */
export interface KeyVaultSecretId {
  readonly keyVaultId: string;
  readonly secretName: string;
}

const KEY_VAULT_SECRET_ID =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+)\/secrets\/([^/]+)$/i;

/** How a Key Vault secret's id is written, for messages. */
export const KEY_VAULT_SECRET_ID_FORM =
  '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>';

/** Splits `/subscriptions/…/vaults/<vault>/secrets/<name>`; undefined when the id is not written that way. */
export function parseKeyVaultSecretId(id: string): KeyVaultSecretId | undefined {
  const match = KEY_VAULT_SECRET_ID.exec(id);
  return match ? { keyVaultId: match[1], secretName: match[2] } : undefined;
}

import { parseResourceId } from './resource-id';

/** A Key Vault secret's ARM resource id, split into the vault's id and the secret's name. */
export interface KeyVaultSecretId {
  readonly keyVaultId: string;
  readonly secretName: string;
}

/**
 * What the provider takes, exactly (azurerm 4.55.0): `azurerm_key_vault_secret`'s data source parses `key_vault_id`
 * with go-azure-helpers' `commonids.ParseKeyVaultID`, case-sensitively (`subscriptions`, `resourceGroups`,
 * `providers`, `Microsoft.KeyVault`, `vaults`, each other segment non-empty, nothing after the vault), and checks
 * `name` with `keyvault/validate.NestedItemName` (`^[0-9a-zA-Z-]+$`). A secret name is 1-127 characters (Microsoft's
 * "Naming rules and restrictions for Azure resources", `Microsoft.KeyVault/vaults/secrets`).
 */
const SECRET = /^\/secrets\/([0-9A-Za-z-]{1,127})$/;

/** How a Key Vault secret's id is written, for messages. */
export const KEY_VAULT_SECRET_ID_FORM =
  '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name> (segments in that case; a name of 1-127 letters, digits and hyphens)';

/** Splits `/subscriptions/…/vaults/<vault>/secrets/<name>`; undefined when the id is not written that way. */
export function parseKeyVaultSecretId(id: string): KeyVaultSecretId | undefined {
  const vault = parseResourceId(id, 'Microsoft.KeyVault/vaults');
  const secret = vault ? SECRET.exec(vault.rest) : null;
  return vault && secret ? { keyVaultId: vault.id, secretName: secret[1] } : undefined;
}

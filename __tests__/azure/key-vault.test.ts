import { parseKeyVaultSecretId } from '../../azure/key-vault';

const VAULT =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1';

/** What the provider's parsers take (commonids.ParseKeyVaultID, case-sensitive; validate.NestedItemName). */
describe('parseKeyVaultSecretId', () => {
  it('splits a secret id into the vault id and the secret name', () => {
    expect(parseKeyVaultSecretId(`${VAULT}/secrets/vpn-psk-1`)).toEqual({ keyVaultId: VAULT, secretName: 'vpn-psk-1' });
  });

  it('takes a secret name of 127 characters and refuses 128', () => {
    expect(parseKeyVaultSecretId(`${VAULT}/secrets/${'s'.repeat(127)}`)?.secretName).toHaveLength(127);
    expect(parseKeyVaultSecretId(`${VAULT}/secrets/${'s'.repeat(128)}`)).toBeUndefined();
  });

  it.each([
    ['resourcegroups in lower case', VAULT.replace('resourceGroups', 'resourcegroups')],
    ['Subscriptions capitalised', VAULT.replace('subscriptions', 'Subscriptions')],
    ['microsoft.keyvault in lower case', VAULT.replace('Microsoft.KeyVault', 'microsoft.keyvault')],
    ['Vaults capitalised', VAULT.replace('/vaults/', '/Vaults/')],
  ])('refuses %s, as the provider does', (_, vault) => {
    expect(parseKeyVaultSecretId(`${vault}/secrets/psk`)).toBeUndefined();
  });

  it.each([
    ['Secrets capitalised', `${VAULT}/Secrets/psk`],
    ['an underscore in the name', `${VAULT}/secrets/vpn_psk`],
    ['a period in the name', `${VAULT}/secrets/vpn.psk`],
    ['an empty name', `${VAULT}/secrets/`],
    ['a version after the name', `${VAULT}/secrets/psk/0123456789abcdef`],
    ['an empty resource group', VAULT.replace('/resourceGroups/rg/', '/resourceGroups//') + '/secrets/psk'],
    ['a data-plane URL', 'https://kv1.vault.azure.net/secrets/psk'],
  ])('refuses %s', (_, id) => {
    expect(parseKeyVaultSecretId(id)).toBeUndefined();
  });
});

import { TerraformVariable } from 'cdktf';
import { SHARED_KEY_SPECIALS, SharedKey } from '../../constructs';
import { articleGateway } from '../support/fixtures';
import { resourcesOf, synthScope } from '../support/synth';

describe('SharedKey', () => {
  it('generates a 64-character key from characters Azure accepts (no space, hyphen or tilde)', () => {
    const json = synthScope((scope) => new SharedKey(scope, 'Key'));
    expect(Object.values(resourcesOf(json, 'random_password'))).toEqual([
      expect.objectContaining({ length: 64, special: true, override_special: SHARED_KEY_SPECIALS }),
    ]);
    expect(SHARED_KEY_SPECIALS).not.toMatch(/[ \-~"'\\$`]/);
    expect(json.provider?.random).toHaveLength(1);
  });

  it('reads a sensitive variable named as given, once however many keys use it', () => {
    const json = synthScope((scope) => {
      new SharedKey(scope, 'A', { source: { variable: 'vpn_key' } });
      new SharedKey(scope, 'B', { source: { variable: 'vpn_key' } });
    });
    expect(json.variable).toEqual({
      vpn_key: expect.objectContaining({ type: 'string', sensitive: true, nullable: false }),
    });
  });

  it('reports a default the variable carries to the rules, and nothing else', () => {
    synthScope((scope) => {
      new TerraformVariable(scope, 'preset', { type: 'string', default: 'abc', sensitive: true });
      const key = new SharedKey(scope, 'Key', { source: { variable: 'preset' } });
      expect(key.toModel()).toEqual({ kind: 'variable', variable: 'preset', knownValue: 'abc' });
    });
  });

  it('reads a Key Vault secret given by its resource id', () => {
    const vault = '/subscriptions/0000/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/kv1';
    const json = synthScope(
      (scope) => new SharedKey(scope, 'Key', { source: { keyVaultSecretId: `${vault}/secrets/vpn` } }),
    );
    expect(Object.values(json.data?.azurerm_key_vault_secret ?? {})).toEqual([
      expect.objectContaining({ key_vault_id: vault, name: 'vpn' }),
    ]);
    expect(json.resource).toBeUndefined();
  });

  it('refuses, at synth, a Key Vault secret URL where a link uses it, asking for the resource id', () => {
    expect(() =>
      synthScope((scope) => {
        const sharedKey = new SharedKey(scope, 'Key', {
          source: { keyVaultSecretId: 'https://kv1.vault.azure.net/secrets/vpn' },
        });
        articleGateway(scope, 'VNet1', 1).connectTo(articleGateway(scope, 'VNet4', 41), { sharedKey });
      }),
    ).toThrow(
      'sharedKey.keyVaultSecretId "https://kv1.vault.azure.net/secrets/vpn" is not a Key Vault secret\'s resource id; write it as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name> (segments in that case; a name of 1-127 letters, digits and hyphens)',
    );
  });

  it("writes an id that is not a secret's as it is, with an empty secret name, where no link uses it", () => {
    const url = 'https://kv1.vault.azure.net/secrets/vpn';
    const json = synthScope((scope) => new SharedKey(scope, 'Key', { source: { keyVaultSecretId: url } }));
    expect(Object.values(json.data?.azurerm_key_vault_secret ?? {})).toEqual([
      expect.objectContaining({ key_vault_id: url, name: '' }),
    ]);
  });

  it('is shared by both directions of a link', () => {
    const json = synthScope((scope) => {
      articleGateway(scope, 'VNet1', 1).connectTo(articleGateway(scope, 'VNet4', 41));
    });
    const keys = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection')).map(
      (c) => c.shared_key,
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toMatch(/^\$\{random_password\..+\.result\}$/);
  });
});

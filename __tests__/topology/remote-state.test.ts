import { Testing } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TopologyStack } from '../../constructs';
import { remoteState } from '../../topology/remote-state';
import { readTopology } from '../support/synth';

const seed = readTopology('vnet1-vnet4.json');
const env = {
  VNET2VNET_STATE_RESOURCE_GROUP: 'tfstate-rg',
  VNET2VNET_STATE_STORAGE_ACCOUNT: 'tfstate123',
  VNET2VNET_STATE_CONTAINER: 'tfstate',
};

describe('remote state', () => {
  it('is local unless the environment or the file asks for it', () => {
    expect(remoteState(seed.file, {})).toBeUndefined();
  });

  it('comes from the environment', () => {
    expect(remoteState(seed.file, { ...env, VNET2VNET_STATE_KEY: 'k.tfstate' })).toEqual({
      resourceGroupName: 'tfstate-rg',
      storageAccountName: 'tfstate123',
      containerName: 'tfstate',
      key: 'k.tfstate',
    });
  });

  it('comes from the file when the environment says nothing', () => {
    const file = {
      ...seed.file,
      backend: { type: 'azurerm' as const, resourceGroupName: 'rg', storageAccountName: 'sa', containerName: 'c' },
    };
    expect(remoteState(file, {})).toEqual({ resourceGroupName: 'rg', storageAccountName: 'sa', containerName: 'c' });
  });

  it('names the variables missing when only some are set', () => {
    expect(() => remoteState(seed.file, { VNET2VNET_STATE_STORAGE_ACCOUNT: 'sa' })).toThrow(
      'remote state: VNET2VNET_STATE_RESOURCE_GROUP, VNET2VNET_STATE_CONTAINER not set; set all of VNET2VNET_STATE_RESOURCE_GROUP, VNET2VNET_STATE_STORAGE_ACCOUNT, VNET2VNET_STATE_CONTAINER, or none for local state',
    );
  });

  it('synthesizes an azurerm backend with Azure AD auth and no secret', () => {
    const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
    const stack = new TopologyStack(app, 'vnet1-vnet4', { topology: seed.model, backend: remoteState(seed.file, env) });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.terraform.backend).toEqual({
      azurerm: {
        resource_group_name: 'tfstate-rg',
        storage_account_name: 'tfstate123',
        container_name: 'tfstate',
        key: 'vnet1-vnet4.tfstate',
        use_azuread_auth: true,
      },
    });
    expect(JSON.stringify(json.terraform.backend)).not.toMatch(/access_key|sas_token|client_secret|password/);
  });
});

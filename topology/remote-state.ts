import type { RemoteStateSettings } from './model';
import type { TopologyFile } from './schema';

/** Environment variables that select remote state; all three of the first are needed, the key is optional. */
export const REMOTE_STATE_ENV = {
  resourceGroupName: 'VNET2VNET_STATE_RESOURCE_GROUP',
  storageAccountName: 'VNET2VNET_STATE_STORAGE_ACCOUNT',
  containerName: 'VNET2VNET_STATE_CONTAINER',
  key: 'VNET2VNET_STATE_KEY',
} as const;

/**
 * Where state lives: the environment (so that CI can choose) over the topology file's `backend`, else local state.
 * Throws, naming what is missing, when the environment sets only some of the variables.
 */
export function remoteState(
  file: TopologyFile,
  env: Readonly<Record<string, string | undefined>>,
): RemoteStateSettings | undefined {
  const required = ['resourceGroupName', 'storageAccountName', 'containerName'] as const;
  const given = required.filter((k) => env[REMOTE_STATE_ENV[k]]);
  if (given.length === required.length) {
    return {
      resourceGroupName: env[REMOTE_STATE_ENV.resourceGroupName]!,
      storageAccountName: env[REMOTE_STATE_ENV.storageAccountName]!,
      containerName: env[REMOTE_STATE_ENV.containerName]!,
      key: env[REMOTE_STATE_ENV.key] || undefined,
    };
  }
  if (given.length > 0) {
    const missing = required.filter((k) => !env[REMOTE_STATE_ENV[k]]).map((k) => REMOTE_STATE_ENV[k]);
    throw new Error(
      `remote state: ${missing.join(', ')} not set; set all of ${required.map((k) => REMOTE_STATE_ENV[k]).join(', ')}, or none for local state`,
    );
  }
  if (!file.backend) return undefined;
  const { type, ...settings } = file.backend;
  return settings;
}

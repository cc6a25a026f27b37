export * from './network';
export * from './vpn-gateway';
export * from './shared-key';
export * from './vnet-to-vnet-connection';
export * from './topology-stack';
export * from './topology-rules';

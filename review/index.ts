export * from './compare';
export * from './force-new';
export * from './format';
export * from './plan';

export * from './finding';
export * from './rule';
export * from './check-topology';

/**
 * The contract between the platform and its clients (web, n8n nodes, Node-RED nodes): the API's
 * types, its closed vocabularies, the national register number check and problem+json. No I/O, no
 * dependencies: see README.md for how each consumer compiles it in.
 */
export * from './agency-vocabulary';
export * from './decision-vocabulary';
export * from './mandate-vocabulary';
export * from './nrn';
export * from './outward-views';
export * from './problem';
export * from './privacy-vocabulary';
export * from './rollout';
export type * from './agency';
export type * from './audit';
export type * from './decision';
export type * from './lifecycle';
export type * from './mandate';
export type * from './notification';
export type * from './page';
export type * from './routing';
export type * from './signalement';

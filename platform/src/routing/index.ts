/**
 * Routing: the DMN tables generated from the reference data (one file per province), the rollout
 * rewrite PUT /api/routing/rollout deploys, and the pure oracle / preview of where a case goes.
 */
export { generateRoutingTable, generateRoutingTables } from './routing-file';
export { routingDecisionIds } from './routing-decisions';
export { expectedRouting, expectedPreview, type RoutingPreview } from './expected-routing';
export { defaultRoutingTests, type RoutingTest } from './default-routing-tests';
export { withRollout, readRollout, RolloutTableError } from './with-rollout';
export {
  initialRollout,
  isLive,
  switchRollout,
  FIRST_LIVE_PROVINCES,
  type ProvinceRollout,
} from './rollout-state';
export { monitoringCentreFor, justiceHouseFor, MONITORING_CENTRES } from './routing-rules';
export { routingFiles, ROUTING_DIR } from './routing-files';

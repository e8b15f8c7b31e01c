/** The Camunda version whose Orchestration Cluster REST API (v2) this read API follows. */
export const REST_API_VERSION = '8.8.0';

/** Where the Zeebe gateway of this engine listens, for the topology answer. */
export interface GatewayInfo {
  host: string;
  port: number;
}

/** `GET /v2/topology`: one broker, one partition, always leader and healthy (one process). */
export function topology(gateway: GatewayInfo): Record<string, unknown> {
  return {
    brokers: [
      {
        nodeId: 0,
        host: gateway.host,
        port: gateway.port,
        partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
        version: REST_API_VERSION,
      },
    ],
    // the engine is no cluster and has no cluster id (8.9 allows null)
    clusterId: null,
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: REST_API_VERSION,
    lastCompletedChangeId: '-1',
  };
}

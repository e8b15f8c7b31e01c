import * as grpc from '@grpc/grpc-js';
import { loadGatewayService } from './gateway/proto';

export interface EngineOptions {
  /** Folder holding the engine's database. */
  dataDir: string;
  /** Interface and port of the Zeebe gateway gRPC API (port 0 picks a free one). */
  gatewayHost: string;
  gatewayPort: number;
}

export interface EngineHealth {
  status: 'up' | 'down';
  gateway: string;
}

export interface RunningEngine {
  /** host:port the gateway listens on, as a Zeebe client's ZEEBE_ADDRESS. */
  readonly gatewayAddress: string;
  health(): EngineHealth;
  /** Stops accepting calls, finishes in-flight writes, closes the store. */
  close(): Promise<void>;
}

/** Starts the embedded engine. Resolves once the gateway accepts connections. */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const server = new grpc.Server();
  server.addService(loadGatewayService(), {
    Topology: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
      callback(null, {
        brokers: [
          {
            nodeId: 0,
            host: options.gatewayHost,
            port: options.gatewayPort,
            partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
            version: '8.4.0',
          },
        ],
        clusterSize: 1,
        partitionsCount: 1,
        replicationFactor: 1,
        gatewayVersion: '8.4.0',
      }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${options.gatewayHost}:${options.gatewayPort}`,
      grpc.ServerCredentials.createInsecure(),
      (err, bound) => (err ? reject(err) : resolve(bound)),
    ),
  );
  const gatewayAddress = `${options.gatewayHost}:${port}`;
  let up = true;
  return {
    gatewayAddress,
    health: () => ({ status: up ? 'up' : 'down', gateway: gatewayAddress }),
    close: () =>
      new Promise<void>((resolve) => {
        up = false;
        server.tryShutdown(() => resolve());
      }),
  };
}

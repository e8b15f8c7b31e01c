import * as grpc from '@grpc/grpc-js';
import type { ClientAuthenticator } from '../auth/client-authenticator';
import type { Engine } from '../processor/engine';
import { authenticated } from './authenticated';
import { loadGatewayService } from './proto';
import { gatewayHandlers } from './handlers';

/** The Zeebe version the gateway reports (the clients we serve speak 8.3 to 8.8). */
export const GATEWAY_VERSION = '8.4.0';

export interface GatewayServer {
  address: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the Zeebe gateway gRPC API (plaintext) for an engine, to authenticated callers only. */
export async function startGateway(
  engine: Engine,
  host: string,
  port: number,
  authenticator: ClientAuthenticator,
): Promise<GatewayServer> {
  const server = new grpc.Server({
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 1000,
    'grpc.max_receive_message_length': 4 * 1024 * 1024 + 1024,
  });
  let bound = port;
  const handlers = gatewayHandlers(engine, { host, port: () => bound, version: GATEWAY_VERSION });
  const service = loadGatewayService();
  server.addService(service, authenticated(service, handlers, authenticator));
  bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `${host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), 2000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

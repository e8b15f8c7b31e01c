import { ClientAuthenticator, type EngineAuthOptions } from './auth/client-authenticator';
import { Engine, type Logger } from './processor/engine';
import { startGateway } from './gateway/server';
import { startRestServer, type RestServer } from './rest/server';
import type { Clock } from './clock/clock';
import { SystemClock } from './clock/system-clock';

export { ManualClock } from './clock/manual-clock';
export { SystemClock } from './clock/system-clock';
export type { Clock } from './clock/clock';
export { Engine } from './processor/engine';
export type { Logger, EngineConfig } from './processor/engine';
export type { EngineAuthOptions } from './auth/client-authenticator';

export interface EngineOptions {
  /** Folder holding the engine's database. */
  dataDir: string;
  /** Interface and port of the Zeebe gateway gRPC API (port 0 picks a free one). */
  gatewayHost: string;
  gatewayPort: number;
  /**
   * Credentials every call to the gateway and the read API must carry (Basic client id/secret,
   * OAuth bearer tokens, or both). Required: the engine has no anonymous mode.
   */
  auth: EngineAuthOptions;
  /** Time source for timers, job deadlines and message time-to-live (tests pass a ManualClock). */
  clock?: Clock;
  logger?: Logger;
  /** Running instances kept in memory; the rest are reloaded from disk when touched. */
  cacheSize?: number;
  /** Long-poll time of ActivateJobs when a request asks for the default (0). */
  defaultLongPollMs?: number;
  /**
   * Port of the REST API (Camunda 8.9 v2 shapes, see README "REST API"); 0 picks a free one,
   * omitted = no REST server. `restHost` defaults to `gatewayHost`.
   */
  restPort?: number;
  restHost?: string;
}

export interface EngineHealth {
  status: 'up' | 'down';
  gateway: string;
  queuedCommands: number;
}

export interface RunningEngine {
  /** host:port the gateway listens on, as a Zeebe client's ZEEBE_ADDRESS. */
  readonly gatewayAddress: string;
  /** `http://host:port` of the REST API (CAMUNDA_REST_ADDRESS), when `restPort` was given. */
  readonly restAddress?: string;
  /** The engine itself (its database is what a read API queries). */
  readonly engine: Engine;
  health(): EngineHealth;
  /** Stops accepting calls, finishes in-flight writes, closes the store. */
  close(): Promise<void>;
}

/** Starts the embedded engine. Resolves once the gateway accepts connections. */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const authenticator = new ClientAuthenticator(options.auth, options.clock ?? new SystemClock());
  const engine = new Engine({
    dataDir: options.dataDir,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.cacheSize ? { cacheSize: options.cacheSize } : {}),
    ...(options.defaultLongPollMs ? { defaultLongPollMs: options.defaultLongPollMs } : {}),
  });
  let gateway;
  try {
    gateway = await startGateway(engine, options.gatewayHost, options.gatewayPort, authenticator);
  } catch (e) {
    await engine.close();
    throw e;
  }
  let rest: RestServer | undefined;
  if (options.restPort !== undefined) {
    try {
      rest = await startRestServer({
        databaseFile: engine.db.name,
        engine,
        gateway: { host: options.gatewayHost, port: gateway.port },
        host: options.restHost ?? options.gatewayHost,
        port: options.restPort,
        authenticator,
        ...(options.logger ? { logger: options.logger } : {}),
      });
    } catch (e) {
      await engine.close();
      await gateway.close();
      throw e;
    }
  }
  let up = true;
  return {
    gatewayAddress: gateway.address,
    ...(rest ? { restAddress: rest.address } : {}),
    engine,
    health: () => ({
      status: up && !engine.isClosed ? 'up' : 'down',
      gateway: gateway.address,
      queuedCommands: engine.queuedCommands,
    }),
    close: async () => {
      if (!up) return;
      up = false;
      await rest?.close();
      await engine.close();
      await gateway.close();
    },
  };
}

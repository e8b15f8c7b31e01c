import { buildServer } from './http/server';
import { ZBClient } from 'zeebe-node';

export interface PlatformOptions {
  dataDir: string;
  httpHost: string;
  httpPort: number;
  /** host:port of the Zeebe gateway (embedded engine or a Camunda 8 cluster). */
  zeebeAddress: string;
  /** Folder of the built web UI, served at `/`; absent means no UI (API only). */
  webRoot?: string;
}

export interface RunningPlatform {
  /** Base URL of the HTTP API, such as http://127.0.0.1:8080. */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the iplus service. It reaches the engine only through a Zeebe client. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const zeebe = new ZBClient(options.zeebeAddress, { useTLS: false, loglevel: 'NONE', retry: false });
  const app = buildServer({
    webRoot: options.webRoot,
    checkEngine: async () => {
      try {
        const topology = await zeebe.topology();
        return { status: 'up', address: options.zeebeAddress, brokers: topology.brokers.length };
      } catch (e) {
        return { status: 'down', address: options.zeebeAddress, error: (e as Error).message };
      }
    },
  });
  await app.listen({ host: options.httpHost, port: options.httpPort });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.httpPort;
  return {
    url: `http://${options.httpHost}:${port}`,
    close: async () => {
      await app.close();
      await zeebe.close();
    },
  };
}

import { ZBClient } from 'zeebe-node';

/**
 * Deploys a resource straight to the engine's gateway, as a process with gateway access (with the engine's credentials, or a
 * deployment made before the platform checked tables) could: the state the platform must recover
 * from. Connects the way the platform's own client does.
 */
export async function deployBehindThePlatform(
  engine: { address: string; basicAuth: { username: string; password: string } },
  name: string,
  xml: string,
): Promise<void> {
  const zbc = new ZBClient(engine.address, {
    useTLS: false,
    loglevel: 'NONE',
    retry: false,
    basicAuth: engine.basicAuth,
  });
  try {
    if (name.endsWith('.dmn')) await zbc.deployResource({ name, decision: Buffer.from(xml) });
    else await zbc.deployResource({ name, process: Buffer.from(xml) });
  } finally {
    await zbc.close(2000).catch(() => undefined);
  }
}

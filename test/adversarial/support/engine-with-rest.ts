import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineProcess } from '../../../platform/src/__fixtures__/engine-process';

const CLI = path.resolve(__dirname, '..', '..', '..', 'cli', 'dist', 'main.js');

/** The engine process with the address of its Camunda v2 REST API, which the operations view needs. */
export interface EngineWithRest extends EngineProcess {
  restAddress: string;
}

/**
 * Starts `iplus engine` on a fresh data folder and free ports, reading back both the gateway and
 * the REST address it prints (the platform fixture reads only the gateway). Needs the CLI built.
 */
export async function startEngineWithRest(): Promise<EngineWithRest> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -b engine platform cli first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-adv-engine-'));
  const child = spawn(process.execPath, [CLI, 'engine'], {
    env: {
      ...process.env,
      IPLUS_DATA_DIR: dataDir,
      IPLUS_GATEWAY_PORT: '0',
      IPLUS_ENGINE_REST_PORT: '0',
      IPLUS_GATEWAY_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [address, restAddress] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const gateway = /Zeebe gateway on (\S+)/.exec(out)?.[1];
      const rest = /Camunda v2 REST\) on (\S+)/.exec(out)?.[1];
      if (gateway && rest) resolve([gateway, rest.startsWith('http') ? rest : `http://${rest}`]);
    });
    child.stderr.resume();
    child.once('exit', (code) => reject(new Error(`iplus engine exited with ${code}: ${out}`)));
  });
  return {
    address,
    restAddress,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

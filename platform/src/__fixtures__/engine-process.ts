import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineConnection } from '../zeebe/engine-credentials';

const CLI = path.resolve(__dirname, '..', '..', '..', 'cli', 'dist', 'main.js');

/** The embedded engine in its own process, started through the `iplus` binary (tests only). */
export interface EngineProcess {
  address: string;
  /** `http://host:port` of its Camunda v2 REST read API. */
  restAddress: string;
  dataDir: string;
  /** The Basic credentials it was started with, as the platform's `engineConnection`. */
  connection: EngineConnection;
  /** The same credentials as zeebe-node's `basicAuth` option. */
  basicAuth: { username: string; password: string };
  /** The same credentials as an HTTP Authorization header (for its REST read API). */
  authorization: string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `iplus engine` on a fresh data folder and free ports, the way an operator would; the
 * platform's tests reach it only over gRPC and its REST read API. Needs the CLI built (`npx tsc -b engine platform cli`).
 */
export async function startEngineProcess(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-engine-')),
): Promise<EngineProcess> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -b engine platform cli first`);
  const basicAuth = { username: 'platform-tests', password: randomBytes(24).toString('base64url') };
  const child: ChildProcess = spawn(process.execPath, [CLI, 'engine'], {
    env: {
      ...process.env,
      IPLUS_DATA_DIR: dataDir,
      IPLUS_GATEWAY_PORT: '0',
      IPLUS_ENGINE_REST_PORT: '0',
      IPLUS_GATEWAY_HOST: '127.0.0.1',
      IPLUS_ENGINE_CLIENT_ID: basicAuth.username,
      IPLUS_ENGINE_CLIENT_SECRET: basicAuth.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const [address, restAddress] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const gateway = /Zeebe gateway on (\S+)/.exec(out)?.[1];
      const rest = /Camunda v2 REST\) on (\S+)/.exec(out)?.[1];
      if (gateway && rest) resolve([gateway, rest.startsWith('http') ? rest : `http://${rest}`]);
    });
    child.once('exit', (code) => reject(new Error(`iplus engine exited with ${code}: ${out}${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    address,
    restAddress,
    dataDir,
    connection: { credentials: { kind: 'basic', ...basicAuth } },
    basicAuth,
    authorization: `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

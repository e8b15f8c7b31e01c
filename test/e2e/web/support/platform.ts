import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../../..');

/**
 * For writing these tests while a part of the platform is still missing: go on once /health
 * answers, without waiting for /ready. Never under CI=true.
 */
const ALLOW_DEGRADED = process.env.IPLUS_E2E_ALLOW_DEGRADED === '1' && process.env.CI !== 'true';

export interface DemoUser {
  user: string;
  password: string;
  role: string;
  agencyId: string;
  token: string;
}

export interface RunningPlatform {
  url: string;
  dataDir: string;
  gatewayAddress: string;
  /** Basic credentials the engine accepts (zeebe-node's `basicAuth`): the secret iplus start generated. */
  engineBasicAuth: { username: string; password: string };
  users: DemoUser[];
  /** The demo user of a role (the first one, e.g. clerk.mons for parquet_clerk), or by name. */
  user(roleOrName: string): DemoUser;
  log(): string;
  /** Stops it; `keepData` keeps the data folder, to start again on it (a restart). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the whole platform as `npm start` does (`iplus start`), on free ports and a fresh data
 * folder, and waits until it prints its URL and is ready. The build (cli/dist, web/dist) must exist:
 * `npm test` builds first; locally run `npm run build`.
 */
export async function startPlatform(
  env: Record<string, string> = {},
  timeoutMs = 120_000,
  /** An existing data folder (a restart); default a fresh one. */
  existingDataDir?: string,
): Promise<RunningPlatform> {
  for (const built of ['cli/dist/main.js', 'web/dist/index.html']) {
    if (!fs.existsSync(path.join(REPO, built))) {
      throw new Error(`${built} is missing: run "npm run build" before the web end-to-end tests`);
    }
  }
  const dataDir = existingDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-e2e-web-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'cli/dist/main.js'), 'start'], {
    cwd: REPO,
    env: {
      ...process.env,
      IPLUS_DATA_DIR: dataDir,
      IPLUS_GATEWAY_PORT: '0',
      IPLUS_ENGINE_REST_PORT: '0',
      IPLUS_HTTP_PORT: '0',
      IPLUS_DEMO: existingDataDir ? 'off' : 'on',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const stop = async ({ keepData = false }: { keepData?: boolean } = {}) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the platform exited (${child.exitCode}):\n${output}`);
    url ??= /HTTP API and web UI on (http:\/\/[^\s]+)/.exec(output)?.[1];
    if (url) {
      try {
        const ready = await fetch(`${url}/ready`);
        if (ready.ok || (ALLOW_DEGRADED && (await fetch(`${url}/health`)).ok)) break;
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!url || Date.now() >= deadline) {
    await stop();
    throw new Error(`the platform did not become ready in ${timeoutMs} ms:\n${output}`);
  }
  const credentials = path.join(dataDir, 'platform', 'demo-credentials.json');
  const users = JSON.parse(fs.readFileSync(credentials, 'utf8')) as DemoUser[];
  const gatewayAddress = /Zeebe gateway on ([^\s]+)/.exec(output)?.[1] ?? '';
  const engineBasicAuth = {
    username: 'iplus-platform',
    password: fs.readFileSync(path.join(dataDir, 'engine-client-secret'), 'utf8').trim(),
  };
  return {
    url,
    dataDir,
    gatewayAddress,
    engineBasicAuth,
    users,
    user(roleOrName) {
      const u = users.find((x) => x.user === roleOrName) ?? users.find((x) => x.role === roleOrName);
      if (!u) throw new Error(`no demo user ${roleOrName} in ${credentials}`);
      return u;
    },
    log: () => output,
    stop,
  };
}

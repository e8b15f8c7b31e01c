/**
 * The real iplus platform for the n8n end-to-end tests: `iplus start` (engine + platform) from the
 * built CLI, on a fresh data folder and free ports, in demo mode (its users' API tokens are written to
 * demo-credentials.json).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startLogged, type Started } from './child-process';
import { REPO_ROOT } from './n8n-tools';

export type DemoUser = { user: string; role: string; agencyId: string; token: string };

export type Platform = {
  url: string;
  dataDir: string;
  /** The API token of a demo user, by user name (clerk.mons, agent.comines, …). */
  token(user: string): string;
  server: Started;
  stop(): Promise<void>;
};

/** Starts the platform and resolves once it is ready (engine up, models deployed). */
export async function startPlatform(env: NodeJS.ProcessEnv = {}, untilReady = true): Promise<Platform> {
  const cli = path.join(REPO_ROOT, 'cli/dist/main.js');
  if (!fs.existsSync(cli))
    throw new Error(`${cli} is missing: build first (npm run build, which npm test runs)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-n8n-e2e-platform-'));
  const server = startLogged(process.execPath, [cli, 'start'], {
    cwd: REPO_ROOT,
    logFile: path.join(dataDir, 'iplus.log'),
    env: {
      ...process.env,
      IPLUS_DATA_DIR: dataDir,
      IPLUS_DEMO: 'on',
      IPLUS_HTTP_PORT: '0',
      IPLUS_GATEWAY_PORT: '0',
      IPLUS_ENGINE_REST_PORT: '0',
      // n8n runs on this machine: its webhook-waiting URLs are loopback, refused unless allowed.
      IPLUS_CALLBACK_ALLOW: '127.0.0.1,localhost,::1',
      ...env,
    },
  });
  try {
    const [, url] = await server.waitForLog(/HTTP API and web UI on (http:\/\/[^\s]+)/, 120_000);
    const [, credentialsFile] = await server.waitForLog(/also in (\S+demo-credentials\.json)/, 30_000);
    if (untilReady) await waitUntilReady(url, server, 180_000);
    const users = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as DemoUser[];
    return {
      url,
      dataDir,
      server,
      token(user) {
        const found = users.find((u) => u.user === user);
        if (!found) throw new Error(`no demo user ${user}: ${users.map((u) => u.user).join(', ')}`);
        return found.token;
      },
      async stop() {
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function waitUntilReady(url: string, server: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${url}/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the platform at ${url} was not ready in ${timeoutMs} ms:\n${server.log().slice(-4000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

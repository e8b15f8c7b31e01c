/**
 * A real n8n 2.41.1 on Node 24 for the end-to-end tests, with this repository's package installed as
 * a community package in <N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-iplus. Credentials and
 * workflows go in through n8n's CLI (import:credentials, import:workflow, publish:workflow), as a
 * user would bring them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startLogged, type Started } from './child-process';
import { freePort } from './free-port';
import { ensureN8nTools, node24Env, REPO_ROOT } from './n8n-tools';

export type N8n = {
  url: string;
  userFolder: string;
  server: Started;
  stop(): Promise<void>;
};

/**
 * A new n8n user folder with the community package installed in it, the way the README's "Use from
 * n8n" says: `npm pack`, then `npm install --omit=peer <tarball>` in <user folder>/.n8n/nodes (n8n
 * provides n8n-workflow itself).
 */
export function prepareUserFolder(): string {
  const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-n8n-e2e-user-'));
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  fs.mkdirSync(nodesDir, { recursive: true });
  execFileSync('npm', ['run', '--silent', 'build:nodes'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const tarball = execFileSync(
    'npm',
    ['pack', '--silent', '--ignore-scripts', '--pack-destination', nodesDir],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  )
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('npm', ['install', '--omit=peer', '--no-audit', '--no-fund', path.join(nodesDir, tarball)], {
    cwd: nodesDir,
    stdio: 'inherit',
    env: node24Env(cleanEnv()),
  });
  const installed = path.join(nodesDir, 'node_modules');
  const packages = fs.readdirSync(installed).filter((name) => !name.startsWith('.'));
  if (packages.join() !== 'n8n-nodes-iplus') {
    throw new Error(`the package should install alone, without dependencies; got ${packages.join(', ')}`);
  }
  return userFolder;
}

/** Runs an n8n CLI command against the user folder (n8n must not be running, as n8n's docs say). */
export function n8nCli(userFolder: string, args: string[]): string {
  const { n8nBin } = ensureN8nTools();
  return execFileSync(n8nBin, args, {
    env: n8nEnv(userFolder, {}),
    encoding: 'utf8',
    timeout: 180_000,
  });
}

/** The node types n8n loads from the user folder, as `n8n export:nodes` lists them. */
export function exportedNodeTypes<T>(userFolder: string): T[] {
  const file = path.join(userFolder, 'node-types.json');
  n8nCli(userFolder, ['export:nodes', `--output=${file}`]);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T[];
}

/** Starts n8n on free ports and resolves once it serves requests. */
export async function startN8n(userFolder: string): Promise<N8n> {
  const { n8nBin } = ensureN8nTools();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startLogged(n8nBin, ['start'], {
    logFile: path.join(userFolder, 'n8n.log'),
    env: n8nEnv(userFolder, {
      N8N_PORT: String(port),
      N8N_RUNNERS_BROKER_PORT: String(await freePort()),
      WEBHOOK_URL: `${url}/`,
    }),
  });
  const deadline = Date.now() + 240_000;
  for (;;) {
    const status = await fetch(`${url}/healthz/readiness`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (server.process.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`n8n did not become ready at ${url}:\n${server.log().slice(-6000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    userFolder,
    server,
    async stop() {
      await server.stop(20_000);
    },
  };
}

/** n8n's settings for a quiet, local, test instance in `userFolder`. */
function n8nEnv(userFolder: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return node24Env({
    ...cleanEnv(),
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'iplus-e2e-not-a-secret',
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PROTOCOL: 'http',
    N8N_SECURE_COOKIE: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_LOG_LEVEL: 'info',
    DB_TYPE: 'sqlite',
    ...extra,
  });
}

/** The environment without what the npm that runs jest sets (npm_*, NODE_ENV=test). */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_ENV'),
  );
}

/**
 * A session of n8n's owner on its internal REST API (the editor's), set up on first use: for what only
 * the editor does, such as testing a credential.
 */
export async function ownerSession(
  url: string,
): Promise<{ post(path: string, body: unknown): Promise<Response> }> {
  const headers = { 'content-type': 'application/json', 'browser-id': 'iplus-e2e' };
  const setup = await fetch(`${url}/rest/owner/setup`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      email: 'owner@iplus.example',
      firstName: 'Iplus',
      lastName: 'Tester',
      password: 'Iplus-e2e-owner-1',
    }),
  });
  if (!setup.ok) throw new Error(`n8n owner setup answered ${setup.status}: ${await setup.text()}`);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    post: (path, body) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(body) }),
  };
}

/**
 * A real n8n 2.41.1 on Node 24 for the end-to-end tests, with this repository's package installed as
 * a community package in <N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-iplus. Credentials and
 * workflows go in through n8n's CLI (import:credentials, import:workflow), as a user would bring them;
 * what a user does in the editor (publish, test a credential) goes through the editor's REST API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { run, startLogged, type Started } from './child-process';
import { freePort } from './free-port';
import { ensureN8nTools, node24Env, REPO_ROOT } from './n8n-tools';
import { stagePublishedPackage } from './stage-package';

export type N8n = {
  url: string;
  userFolder: string;
  server: Started;
  stop(): Promise<void>;
};

/** A new, empty n8n user folder (N8N_USER_FOLDER) of a test. */
export function newUserFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-n8n-e2e-user-'));
}

/** Builds the package and packs it into `destination` as the release does (build, stage, pack); returns the tarball. */
export async function packPackage(destination: string): Promise<string> {
  await run('npm', ['run', '--silent', 'build:nodes'], { cwd: REPO_ROOT, timeout: 300_000 });
  // Packed as the release workflow packs it: from the staged package (scripts/release.js stage).
  const stage = stagePublishedPackage();
  try {
    const packed = await run(
      'npm',
      ['pack', stage, '--silent', '--ignore-scripts', '--pack-destination', destination],
      { cwd: REPO_ROOT, timeout: 120_000 },
    );
    return path.join(destination, packed.trim().split('\n').pop()!);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Installs the packed package as a community package of the user folder, the way the README's "Use
 * from n8n" says: `npm install --legacy-peer-deps <tarball>` in <user folder>/.n8n/nodes (n8n brings
 * n8n-workflow, the package's only, peer, dependency; n8n's own installer drops peer dependencies too).
 */
export async function installPackage(userFolder: string, tarball: string): Promise<void> {
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  fs.mkdirSync(nodesDir, { recursive: true });
  await run('npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', tarball], {
    cwd: nodesDir,
    env: node24Env(cleanEnv()),
    timeout: 300_000,
  });
  const installed = path.join(nodesDir, 'node_modules');
  const packages = fs.readdirSync(installed).filter((name) => !name.startsWith('.'));
  if (packages.join() !== 'n8n-nodes-iplus') {
    throw new Error(`the package should install alone, without dependencies; got ${packages.join(', ')}`);
  }
}

/** Runs an n8n CLI command against the user folder (n8n must not be running, as n8n's docs say). */
export async function n8nCli(userFolder: string, args: string[]): Promise<string> {
  const { n8nBin } = ensureN8nTools();
  return await run(n8nBin, args, { env: n8nEnv(userFolder, {}), timeout: 300_000 });
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

export type OwnerSession = {
  get(path: string): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
};

/**
 * A session of n8n's owner on its internal REST API (the editor's), set up on first use: for what a
 * user does in the editor, such as testing a credential or publishing a workflow.
 */
export async function ownerSession(url: string): Promise<OwnerSession> {
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
    get: (path) => idempotentFetch(`${url}${path}`, { headers: { ...headers, cookie } }),
    post: (path, body) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(body) }),
  };
}

/** The node types the running n8n serves its editor (`/types/nodes.json`), community packages included. */
export async function loadedNodeTypes<T>(session: OwnerSession): Promise<T[]> {
  const response = await session.get('/types/nodes.json');
  if (!response.ok) throw new Error(`n8n answered ${response.status} for /types/nodes.json`);
  return (await response.json()) as T[];
}

/**
 * fetch for a GET, tried again when the connection drops before an answer (a kept-alive socket that
 * n8n closed as it was reused), and said so.
 */
async function idempotentFetch(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt === 3) throw error;
      const cause = (error as Error & { cause?: unknown }).cause;
      process.stdout.write(`[n8n e2e] GET ${url} failed (${String(cause ?? error)}), trying again\n`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

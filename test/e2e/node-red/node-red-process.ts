/**
 * A real Node-RED for the end-to-end tests, set up as a user would: a user folder with the packed
 * node-red-contrib-iplus installed by `npm install <tgz>`, a settings.js with a persistent context store,
 * `node-red --userDir …`; flows deployed through the admin API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { run, startLogged, type Started } from '../n8n/child-process';
import { freePort } from '../n8n/free-port';
import { REPO_ROOT } from './node-red-tools';

export type NodeRedRuntime = {
  /** Label in test names and logs: "Node-RED 4.1 on Node 20". */
  label: string;
  /** The `node` binary to run Node-RED with. */
  node: string;
  /** Node-RED's red.js. */
  redJs: string;
};

export type NodeRed = {
  url: string;
  /** The Authorization header of the admin API, once login() has run. */
  admin: Record<string, string>;
  /** Logs in to the admin API (POST /auth/token) as a user of settings.js' adminAuth. */
  login(user: string, password: string): Promise<void>;
  userDir: string;
  server: Started;
  /** Stops Node-RED (SIGTERM: it closes its flows and flushes its context store) and starts it again. */
  restart(): Promise<void>;
  /** Starts Node-RED again after stop(), on the same port and user folder. */
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** `npm pack` of node-red/ into `folder`; resolves with the tarball's path. */
export async function packPackage(folder: string): Promise<string> {
  const out = await run('npm', ['pack', '--json', '--pack-destination', folder], {
    cwd: path.join(REPO_ROOT, 'node-red'),
    timeout: 120_000,
  });
  const [packed] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return path.join(folder, packed!.filename);
}

/**
 * A fresh user folder, as `~/.node-red`: the package installed from its tarball with npm, and the
 * README's settings.js: a persistent context store (for await acknowledgement and the mandate inbox)
 * and a secured editor (adminAuth), whose admin API then needs a token; `lang` is Node-RED's language.
 */
export async function newUserFolder(
  tarball: string,
  admin: { user: string; bcryptHash: string },
  lang: string,
): Promise<string> {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-node-red-e2e-'));
  await run('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: userDir, timeout: 180_000 });
  fs.writeFileSync(
    path.join(userDir, 'settings.js'),
    [
      'module.exports = {',
      "  flowFile: 'flows.json',",
      "  credentialSecret: 'iplus-e2e',",
      `  lang: '${lang}',`,
      "  contextStorage: { default: { module: 'localfilesystem' } },",
      `  adminAuth: { type: 'credentials', users: [{ username: '${admin.user}', password: '${admin.bcryptHash}', permissions: '*' }] },`,
      '};',
      '',
    ].join('\n'),
  );
  return userDir;
}

/** Starts Node-RED on a free port; resolves once its flows are started. */
export async function startNodeRed(
  runtime: NodeRedRuntime,
  userDir: string,
  env: NodeJS.ProcessEnv,
): Promise<NodeRed> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(userDir, 'node-red.log');
  const launch = async (): Promise<Started> => {
    const offset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const server = startLogged(
      runtime.node,
      [
        runtime.redJs,
        '--userDir',
        userDir,
        '--settings',
        path.join(userDir, 'settings.js'),
        '--port',
        String(port),
      ],
      { cwd: userDir, logFile, env: { ...process.env, ...env } },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      const log = server.log().slice(offset);
      // Node-RED logs in its language (settings.js `lang`). "Started flows" can come before its HTTP
      // server listens (red.js calls listen() after the runtime has started), so the port must answer too.
      if (/Started flows|Flux démarrés/.test(log) && (await answers(url))) return server;
      if (server.process.exitCode !== null || Date.now() > deadline) {
        await server.stop();
        throw new Error(`${runtime.label} did not start its flows:\n${log.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const nodeRed: NodeRed = {
    url,
    admin: {},
    async login(user, password) {
      const res = await fetch(`${url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: 'node-red-admin',
          grant_type: 'password',
          scope: '*',
          username: user,
          password,
        }),
      });
      if (!res.ok) throw new Error(`POST /auth/token answered ${res.status}: ${await res.text()}`);
      nodeRed.admin = {
        authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}`,
      };
    },
    userDir,
    server: await launch(),
    async restart() {
      await nodeRed.server.stop();
      nodeRed.server = await launch();
    },
    async start() {
      nodeRed.server = await launch();
    },
    async stop() {
      await nodeRed.server.stop();
    },
  };
  return nodeRed;
}

/** Whether something answers HTTP at `url` (any status): Node-RED's server is listening. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/settings`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

export type FlowNode = { id: string; type: string; [property: string]: unknown };

/** The package's example flows, read as the editor's Import → Examples reads them. */
export async function exampleFlows(nodeRed: NodeRed): Promise<Record<string, FlowNode[]>> {
  const base = `${nodeRed.url}/library/examples/flows/node-red-contrib-iplus`;
  const get = async (url: string): Promise<unknown> => (await fetch(url, { headers: nodeRed.admin })).json();
  const list = (await get(base)) as Array<{ fn: string }>;
  const flows: Record<string, FlowNode[]> = {};
  for (const { fn } of list) flows[fn] = (await get(`${base}/${fn}`)) as FlowNode[];
  return flows;
}

/** Deploys `flows` (a full deployment), credentials included, through Node-RED's admin API. */
export async function deployFlows(nodeRed: NodeRed, flows: FlowNode[]): Promise<void> {
  const res = await fetch(`${nodeRed.url}/flows`, {
    method: 'POST',
    headers: { ...nodeRed.admin, 'content-type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
    body: JSON.stringify(flows),
  });
  if (res.status !== 204 && res.status !== 200) {
    throw new Error(`POST /flows answered ${res.status}: ${await res.text()}`);
  }
}

/**
 * node-red-node-test-helper and Node-RED 4.1, loaded from the cache install-node-red.sh fills (never
 * from the project's node_modules), and the package's node modules with the HTTP node app each gets
 * served on a real port, so that the platform can call await acknowledgement back.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ensureNodeRedTools } from '../../test/e2e/node-red/node-red-tools';

/** The parts of node-red-node-test-helper the tests use. */
export type Helper = {
  init(runtimePath: string, settings?: object): void;
  load(nodes: unknown[], flow: object[], credentials?: object): Promise<void>;
  unload(): Promise<void>;
  getNode(id: string): TestNode;
  request(): { get(url: string): Promise<{ status: number; body: unknown }> };
  startServer(): Promise<void>;
  stopServer(): Promise<void>;
};

export type TestNode = {
  id: string;
  on(event: string, listener: (msg: Record<string, unknown>) => void): void;
  receive(msg: Record<string, unknown>): void;
  [property: string]: unknown;
};

export const NODE_FILES = [
  'iplus-config',
  'iplus-upload-decision',
  'iplus-create-bng-signalement',
  'iplus-issue-mandate',
  'iplus-await-acknowledgement',
  'iplus-mandate-inbox',
  'iplus-mandate-action',
];

export function loadHelper(): Helper {
  const contract = path.join(__dirname, '..', 'nodes', 'lib', 'contract', 'index.js');
  if (!fs.existsSync(contract)) {
    throw new Error(`${contract} is missing: build first (npm run build:node-red, which npm run build runs)`);
  }
  const { nodeRed4Dir } = ensureNodeRedTools();
  const fromCache = createRequire(path.join(nodeRed4Dir, 'node_modules', 'index.js'));
  const helper = fromCache('node-red-node-test-helper') as Helper;
  helper.init(fromCache.resolve('node-red'));
  return helper;
}

/**
 * The package's node modules, each wrapped to keep the HTTP node app Node-RED hands it (RED.httpNode),
 * plus a server on a free port for that app: what Node-RED's own server does in production.
 */
export async function packageNodes(): Promise<{
  nodes: unknown[];
  httpNodeUrl: () => string;
  close(): Promise<void>;
}> {
  let app: http.RequestListener | undefined;
  const nodes = NODE_FILES.map((name) => {
    const register = createRequire(__filename)(path.join(__dirname, '..', 'nodes', `${name}.js`)) as (red: {
      httpNode: http.RequestListener;
    }) => void;
    return (red: { httpNode: http.RequestListener }) => {
      app = red.httpNode;
      register(red);
    };
  });
  const server = http.createServer((req, res) => (app ? app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    nodes,
    httpNodeUrl: () => `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

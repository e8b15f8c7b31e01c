/**
 * The Node-RED installs of the end-to-end tests, in ${IPLUS_CACHE_DIR:-~/.cache/iplus}/node-red/ by
 * install-node-red.sh: Node-RED 4.1 (run on this Node 20) with node-red-node-test-helper, and Node-RED 5
 * (run on Node 24). A missing tool fails the test that needs it: these tests never skip.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export type NodeRedTools = {
  /** Folder whose node_modules holds node-red 4.1 and node-red-node-test-helper. */
  nodeRed4Dir: string;
  /** Folder whose node_modules holds node-red 5. */
  nodeRed5Dir: string;
  /** Folder with Node 24's `node`. */
  node24Bin: string;
};

let tools: NodeRedTools | undefined;

/** Installs Node-RED when the cache lacks it (about 25 s cold), then returns the paths. */
export function ensureNodeRedTools(): NodeRedTools {
  if (tools) return tools;
  const output = execFileSync('bash', [path.join(__dirname, 'install-node-red.sh')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  });
  const value = (key: string): string => {
    const line = output.split('\n').find((l) => l.startsWith(`${key}=`));
    if (!line) throw new Error(`install-node-red.sh did not report ${key}; it printed:\n${output}`);
    return line.slice(key.length + 1);
  };
  tools = {
    nodeRed4Dir: value('NODE_RED_4_DIR'),
    nodeRed5Dir: value('NODE_RED_5_DIR'),
    node24Bin: value('NODE24_BIN'),
  };
  return tools;
}

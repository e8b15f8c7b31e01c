/**
 * The n8n tools of the end-to-end tests, installed by install-n8n.sh into the machine-wide cache
 * ${IPLUS_CACHE_DIR:-~/.cache/iplus}/n8n (IPLUS_N8N_CACHE overrides it), outside the clone (Node 24, n8n
 * 2.41.1, @n8n/node-cli). A missing tool fails the test that needs it, in CI and everywhere else:
 * these tests never skip.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export type N8nTools = {
  /** Folder with Node 24's `node` and `npm`, to put first on PATH. */
  node24Bin: string;
  n8nBin: string;
  nodeCliBin: string;
  /** Seconds the install took (near 0 when the cache was warm). */
  installSeconds: number;
};

let tools: N8nTools | undefined;

/**
 * Installs the tools when the cache lacks them, then returns their paths. Cold, that took 16 min
 * (970 s: Node 25 s, n8n 621 s, native rebuild 188 s, node-cli 135 s) on this 2-core machine under
 * shared load with npm's download cache warm; hence the 35-minute limit. Progress goes to stderr.
 */
export function ensureN8nTools(): N8nTools {
  if (tools) return tools;
  const started = Date.now();
  const output = execFileSync('bash', [path.join(__dirname, 'install-n8n.sh')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 35 * 60_000,
  });
  const value = (key: string): string => {
    const line = output.split('\n').find((l) => l.startsWith(`${key}=`));
    if (!line) throw new Error(`install-n8n.sh did not report ${key}; it printed:\n${output}`);
    return line.slice(key.length + 1);
  };
  tools = {
    node24Bin: value('NODE24_BIN'),
    n8nBin: value('N8N_BIN'),
    nodeCliBin: value('N8N_NODE_CLI_BIN'),
    installSeconds: Math.round((Date.now() - started) / 1000),
  };
  return tools;
}

/** The environment of a child process that runs on Node 24 (n8n 2.x requires it). */
export function node24Env(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { node24Bin } = ensureN8nTools();
  return { ...base, PATH: `${node24Bin}${path.delimiter}${base.PATH ?? ''}` };
}

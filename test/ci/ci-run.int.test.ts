/**
 * `.ci/run`, the CI entry point (issue 19): it logs whether the machine's cache of heavy test tools
 * (`${IPLUS_CACHE_DIR}/n8n`, `${IPLUS_CACHE_DIR}/node-red`) is warm or cold, starts the n8n install in the
 * background, then runs `npm ci` and `npm test`, and nothing else. The real script runs here with a
 * stand-in `npm` first on PATH (it records its arguments, so nothing is installed and no suite is run)
 * and a temporary IPLUS_CACHE_DIR; a warm cache is made of the stamps the install scripts leave.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventually } from '../../platform/src/__fixtures__/engine-process';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Runs .ci/run against `cache`; the stand-in npm answers `install` with a failure (no registry here). */
async function ciRun(cache: string): Promise<{ status: number | null; out: string; npm: string[] }> {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-ci-bin-'));
  const calls = path.join(bin, 'npm-calls.log');
  fs.writeFileSync(
    path.join(bin, 'npm'),
    `#!/bin/sh\necho "npm $*" >>'${calls}'\ncase "$1" in install) exit 1;; esac\nexit 0\n`,
    { mode: 0o755 },
  );
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(IPLUS_N8N_CACHE|npm_)/.test(k)),
  ) as NodeJS.ProcessEnv;
  const result = spawnSync('bash', [path.join(REPO_ROOT, '.ci', 'run')], {
    encoding: 'utf8',
    env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, IPLUS_CACHE_DIR: cache },
  });
  // the n8n install .ci/run started in the background ends by printing its paths (warm) or failing (cold)
  const log = path.join(cache, 'n8n', 'install.log');
  await eventually(
    async () => (/N8N_NODE_CLI_BIN=|took \d+ s/.test(fs.readFileSync(log, 'utf8')) ? true : undefined),
    20_000,
    'the background n8n install to finish',
  );
  spawnSync('flock', [path.join(cache, 'n8n', '.install.lock'), 'true']);
  const npm = fs.readFileSync(calls, 'utf8').trim().split('\n');
  fs.rmSync(bin, { recursive: true, force: true });
  return { status: result.status, out: result.stdout + result.stderr, npm };
}

/** The stamps install-n8n.sh and install-node-red.sh write once a part is complete. */
function warmUp(cache: string): void {
  for (const part of [
    'n8n/node24',
    'n8n/n8n-2.41.1',
    'n8n/node-cli-0.48.3',
    'node-red/node-red-4.1.15',
    'node-red/node-red-5.0.7',
  ]) {
    fs.mkdirSync(path.join(cache, part), { recursive: true });
    fs.writeFileSync(path.join(cache, part, '.complete'), '');
  }
}

describe('.ci/run and the cache of heavy test tools', () => {
  let cache: string;
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-ci-cache-'));
  });
  afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

  it('on a cold cache: says so for n8n and Node-RED, starts the n8n install there, then npm ci and npm test', async () => {
    const run = await ciRun(cache);
    expect(run.status).toBe(0);
    expect(run.out).toContain(`[ci] n8n tools: cold install into ${cache}/n8n`);
    expect(run.out).toContain(`[ci] Node-RED tools: cold, its tests install it into ${cache}/node-red`);
    expect(run.out).toMatch(/\[ci\] done in .* \(n8n cache was cold, Node-RED cache was cold\)/);
    // the background install went to the cache outside the clone (its npm failed here: no registry)
    expect(fs.readFileSync(path.join(cache, 'n8n', 'install.log'), 'utf8')).toContain(
      `installing node@24 into ${cache}/n8n/node24`,
    );
    expect(run.npm.filter((c) => !c.startsWith('npm install'))).toEqual([
      'npm ci --no-audit --no-fund',
      'npm test',
    ]);
  });

  it('on the second run (a warm cache): says it reuses the cache, and installs nothing', async () => {
    warmUp(cache);
    const run = await ciRun(cache);
    expect(run.status).toBe(0);
    expect(run.out).toContain(`[ci] n8n tools: reusing cache at ${cache}/n8n`);
    expect(run.out).toContain(`[ci] Node-RED tools: reusing cache at ${cache}/node-red`);
    expect(run.out).toMatch(/\(n8n cache was warm, Node-RED cache was warm\)/);
    const installLog = fs.readFileSync(path.join(cache, 'n8n', 'install.log'), 'utf8');
    expect(installLog).not.toContain('installing');
    expect(installLog).toContain(`N8N_BIN=${cache}/n8n/n8n-2.41.1/node_modules/.bin/n8n`);
    expect(run.npm).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
  });
});

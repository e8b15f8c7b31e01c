/**
 * The README's first commands, as a newcomer runs them on a machine that has never seen the project:
 * a clone of this checkout's HEAD in a private temporary folder (mode 0700, no node_modules, no dist,
 * no .cache), `npm install` (here `npm ci --prefer-offline`, which installs the same lock from the
 * machine's npm cache: minutes, not more), then `npx iplus config` and `npm start`.
 * Issue 19: `npx iplus` used to find no linked command after the first install and ask the registry.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, startLogged, type Started } from '../n8n/child-process';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * This environment without what the calling npm and the suite put there (npm_package_*, npm_lifecycle_*,
 * IPLUS_* settings), so the clone's commands see what a new user's shell has; npm's cache stays the
 * machine's.
 */
function newcomerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (
      !/^(npm_(package|lifecycle|command|config_(?!cache$|registry$|userconfig$))|IPLUS_|INIT_CWD$)/.test(key)
    )
      env[key] = value;
  return { ...env, ...extra };
}

function step(message: string): void {
  process.stderr.write(`[readme] ${message}\n`);
}

describe('the README on a fresh clone', () => {
  jest.setTimeout(20 * 60_000);
  let dir: string;
  let clone: string;
  let server: Started | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-fresh-'));
    clone = path.join(dir, 'iplus');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    execFileSync('git', ['clone', '--quiet', '--no-checkout', REPO_ROOT, clone]);
    execFileSync('git', ['checkout', '--quiet', head], { cwd: clone });
    expect(fs.existsSync(path.join(clone, 'node_modules'))).toBe(false);
    expect(fs.existsSync(path.join(clone, 'cli', 'dist'))).toBe(false);
    const started = Date.now();
    await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: clone,
      env: newcomerEnv({}),
      timeout: 15 * 60_000,
    });
    step(`npm ci took ${Math.round((Date.now() - started) / 1000)} s`);
  });

  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('links the iplus command on the first install, and npx runs it without the registry', async () => {
    const link = path.join(clone, 'node_modules', '.bin', 'iplus');
    expect(fs.realpathSync(link)).toBe(path.join(clone, 'cli', 'bin', 'iplus.js'));
    const started = Date.now();
    // offline: were npx to look for a package named iplus on the registry, it would fail here
    const table = await run('npx', ['--offline', 'iplus', 'config'], {
      cwd: clone,
      env: newcomerEnv({ npm_config_offline: 'true' }),
      timeout: 5 * 60_000,
    });
    step(
      `npx iplus config (building the packages first) took ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(table).toMatch(/^\| variable \| default \| meaning \|\n\| --- \| --- \| --- \|\n/);
    expect(table).toContain('| `IPLUS_DATA_DIR` | `./data` |');
    expect(table).toContain('| `IPLUS_HTTP_PORT` | `8080` |');
    expect(fs.existsSync(path.join(clone, 'cli', 'dist', 'main.js'))).toBe(true);
  });

  it('npm start serves /health', async () => {
    const data = path.join(dir, 'data');
    const started = Date.now();
    server = startLogged('npm', ['start'], {
      cwd: clone,
      env: newcomerEnv({
        IPLUS_DATA_DIR: data,
        IPLUS_HTTP_PORT: '0',
        IPLUS_GATEWAY_PORT: '0',
        IPLUS_ENGINE_REST_PORT: '0',
      }),
      logFile: path.join(dir, 'npm-start.log'),
    });
    const [, health] = await server.waitForLog(/health: (http:\/\/127\.0\.0\.1:\d+\/health)/, 10 * 60_000);
    step(`npm start (build included) served /health after ${Math.round((Date.now() - started) / 1000)} s`);
    const response = await fetch(health);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: expect.stringMatching(/^(up|degraded)$/) });
    const home = await fetch(health.replace(/\/health$/, '/'));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html');
    await server.stop();
    server = undefined;
    expect(fs.existsSync(path.join(data, 'platform'))).toBe(true);
  });
});

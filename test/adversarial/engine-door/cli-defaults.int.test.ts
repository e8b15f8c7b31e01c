import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startIplus, type IplusProcess } from '../../e2e/platform/iplus-process';

jest.setTimeout(120_000);

const run = promisify(execFile);
const CLI = path.resolve(__dirname, '..', '..', '..', 'cli', 'dist', 'main.js');
const ZBCTL = path.join(path.dirname(require.resolve('zbctl/package.json')), 'bin', 'zbctl');

/** Runs the iplus binary to its end with the given variables (and no inherited credentials). */
function iplus(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(IPLUS_ENGINE_|ZEEBE_|CAMUNDA_)/.test(k)),
  );
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

/**
 * The defaults close the door without setup: `iplus start` generates the platform's secret (a file
 * only its user can read, in a folder only its user can enter) and the platform uses it;
 * `iplus engine` alone never starts open.
 */
describe('attack surface of the defaults: no engine without credentials', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-door-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('iplus engine without credentials refuses to start and says how to configure them', async () => {
    const { code, out } = await iplus(['engine'], {
      IPLUS_DATA_DIR: dataDir,
      IPLUS_GATEWAY_PORT: '0',
      IPLUS_ENGINE_REST_PORT: '0',
    });
    expect(code).toBe(2);
    expect(out).toMatch(/IPLUS_ENGINE_CLIENT_SECRET/);
    expect(out).toMatch(/IPLUS_ENGINE_OAUTH_ISSUER and IPLUS_ENGINE_OAUTH_AUDIENCE/);
    expect(out).not.toMatch(/Zeebe gateway on/);
    const half = await iplus(['engine'], {
      IPLUS_DATA_DIR: dataDir,
      IPLUS_GATEWAY_PORT: '0',
      IPLUS_ENGINE_OAUTH_ISSUER: 'http://127.0.0.1:1',
    });
    expect(half.code).toBe(2);
    expect(half.out).toMatch(/IPLUS_ENGINE_OAUTH_AUDIENCE="" is not valid/);
  });

  it('iplus config never prints a secret', async () => {
    const { code, out } = await iplus(['config'], {
      IPLUS_ENGINE_CLIENT_SECRET: 'do-not-print-me',
      ZEEBE_CLIENT_SECRET: 'nor-me',
    });
    expect(code).toBe(0);
    expect(out).not.toMatch(/do-not-print-me|nor-me/);
    expect(out).toMatch(/IPLUS_ENGINE_CLIENT_SECRET.*Now: `\(set\)`/);
  });

  describe('iplus start on a fresh data folder', () => {
    let started: IplusProcess;
    afterEach(async () => {
      await started?.stop('SIGTERM');
    });

    it('generates a secret only its user can read; the platform uses it; a caller without it is refused', async () => {
      const folder = path.join(dataDir, 'data'); // created by iplus itself
      started = await startIplus({ dataDir: folder });
      const secretFile = path.join(folder, 'engine-client-secret');
      expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
      expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(secretFile, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(started.log()).not.toContain(fs.readFileSync(secretFile, 'utf8').trim());
      // the platform reached the engine with it: /ready says the models and routing are deployed
      expect((await fetch(`${started.url}/ready`)).status).toBe(200);
      const gateway = /Zeebe gateway on (\S+)/.exec(started.log())![1]!;
      const refused = await run(ZBCTL, ['--insecure', '--address', gateway, 'status'], {
        timeout: 20_000,
      }).then(
        () => 'accepted',
        (e: { stderr: string }) => e.stderr,
      );
      expect(refused).toMatch(/Unauthenticated/);
      const rest = /Camunda v2 REST\) on (\S+)/.exec(started.log())![1]!;
      expect((await fetch(`${rest}/v2/topology`)).status).toBe(401);
    });
  });
});

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NODE_FLAGS } from './node-flags';

// `iplus engine` started by hand without the flags says so (then refuses to start here: no
// credentials, exit code 2); started with them, it does not.
const main = path.join(__dirname, '..', 'dist', 'main.js');

function engineOutput(flags: readonly string[]): Promise<{ code: number | null; out: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-flags-'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(IPLUS_ENGINE_|ZEEBE_|CAMUNDA_)/.test(k)),
  );
  const child = spawn(process.execPath, [...flags, main, 'engine'], {
    env: { ...env, IPLUS_DATA_DIR: dataDir, IPLUS_GATEWAY_PORT: '0', IPLUS_ENGINE_REST_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, out });
    }),
  );
}

describe('iplus without its node flags', () => {
  jest.setTimeout(30_000);

  it('warns, naming the missing flag', async () => {
    const { code, out } = await engineOutput([]);
    expect(code).toBe(2);
    expect(out).toContain('node runs without --single-threaded-gc');
  });

  it('says nothing when started with them', async () => {
    const { code, out } = await engineOutput(NODE_FLAGS);
    expect(code).toBe(2);
    expect(out).not.toContain('node runs without');
    expect(out).toMatch(/IPLUS_ENGINE_CLIENT_SECRET/);
  });
});

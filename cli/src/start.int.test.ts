import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Given a fresh data folder, when `iplus start` runs, then GET /health reports each part and
// SIGINT stops it cleanly with exit code 0.
const main = path.join(__dirname, '..', 'dist', 'main.js');

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) resolve(m[1] ?? m[0]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

describe('iplus start', () => {
  jest.setTimeout(60_000);

  it('serves /health on the configured port and stops on SIGINT', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-start-'));
    const child = spawn(process.execPath, [main, 'start'], {
      env: {
        ...process.env,
        IPLUS_DATA_DIR: dataDir,
        IPLUS_HTTP_PORT: '0',
        IPLUS_GATEWAY_PORT: '0',
        IPLUS_ENGINE_REST_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await waitForLine(child, /platform: HTTP API and web UI on (http:\/\/\S+)/);
    const health = (await (await fetch(`${url}/health`)).json()) as {
      status: string;
      parts: Record<string, { status: string }>;
    };
    expect(health.parts.http!.status).toBe('up');
    expect(health.parts.engine!.status).toBe('up');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a wrong value and names it', async () => {
    const child = spawn(process.execPath, [main, 'start'], {
      env: { ...process.env, IPLUS_HTTP_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('IPLUS_HTTP_PORT="eighty" is not valid');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', 'cli', 'dist', 'main.js');

/** One `iplus platform` process (engine and database elsewhere), on a data folder of its own. */
export interface PlatformInstance {
  name: string;
  url: string;
  child: ChildProcess;
  log(): string;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/**
 * Spawns `node cli/dist/main.js platform` with `env` on `dataDir` (its HTTP port 0) and resolves once
 * it prints the URL it serves on; it may not be ready yet (poll `/ready`). Needs the CLI built.
 */
export async function spawnPlatform(
  name: string,
  dataDir: string,
  env: Record<string, string>,
): Promise<PlatformInstance> {
  const child = spawn(process.execPath, [CLI, 'platform'], {
    env: { ...process.env, IPLUS_DATA_DIR: dataDir, IPLUS_HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /platform: HTTP API and web UI on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`iplus platform ${name} exited (${code}) before serving:\n${out.slice(-4000)}`));
    });
  });
  return {
    name,
    url,
    child,
    log: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { TEST_BASIC_AUTH, TEST_CLIENT } from './test-credentials';

/** An engine running in a child process (so a test can SIGKILL it). */
export interface EngineChild {
  address: string;
  process: ChildProcess;
  /** zeebe-node's `basicAuth` option that the engine accepts. */
  basicAuth: { username: string; password: string };
  /** Kills it at once, as a power cut would, and waits until it is gone. */
  kill(): Promise<void>;
}

/** Starts an engine process on `dataDir` and resolves once its gateway accepts connections. */
export function spawnEngine(dataDir: string): Promise<EngineChild> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(__dirname, 'ts-register.cjs'), path.join(__dirname, 'engine-process.ts'), dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ENGINE_CHILD_CLIENT_ID: TEST_CLIENT.clientId,
        ENGINE_CHILD_CLIENT_SECRET: TEST_CLIENT.clientSecret,
      },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) {
        resolve({
          address: m[1],
          process: child,
          basicAuth: TEST_BASIC_AUTH,
          kill: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`engine process exited (${code}) before it was ready: ${stderr}`)),
    );
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** An engine running in a child process (so a test can SIGKILL it). */
export interface EngineChild {
  address: string;
  process: ChildProcess;
  /** Kills it at once, as a power cut would, and waits until it is gone. */
  kill(): Promise<void>;
}

/** Starts an engine process on `dataDir` and resolves once its gateway accepts connections. */
export function spawnEngine(dataDir: string): Promise<EngineChild> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(__dirname, 'ts-register.cjs'), path.join(__dirname, 'engine-process.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
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

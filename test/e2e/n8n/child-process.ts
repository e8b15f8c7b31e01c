import {
  execFile,
  spawn,
  type ChildProcess,
  type ExecFileOptions,
  type SpawnOptions,
} from 'node:child_process';
import fs from 'node:fs';

/** A server process started by a test: its output goes to a log file, read back to find lines. */
export type Started = {
  process: ChildProcess;
  logFile: string;
  log(): string;
  /** Resolves with the first match of `pattern` in the log; rejects if the process exits first. */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
};

/** Starts `command` with its output in `logFile` (its own process group, so stop() ends its children). */
export function startLogged(
  command: string,
  args: string[],
  options: SpawnOptions & { logFile: string },
): Started {
  const out = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, { ...options, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const log = (): string => fs.readFileSync(options.logFile, 'utf8');
  return {
    process: child,
    logFile: options.logFile,
    log,
    async waitForLog(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = log().match(pattern);
        if (match) return match;
        if (exited) throw new Error(`${command} exited before logging ${pattern}:\n${log().slice(-4000)}`);
        if (Date.now() > deadline)
          throw new Error(`${command} did not log ${pattern} in ${timeoutMs} ms:\n${log().slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop(graceMs = 10_000) {
      if (exited || child.pid === undefined) return;
      const group = -child.pid;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(group, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      const timer = setTimeout(() => {
        if (!exited) process.kill(group, 'SIGKILL');
      }, graceMs);
      await gone;
      clearTimeout(timer);
      // The leader (npm, a shell) may exit before its children finish closing their files: wait
      // until the whole group is gone, so the caller can remove the folders they wrote in.
      while (groupAlive(group)) {
        if (Date.now() > deadline) {
          try {
            process.kill(group, 'SIGKILL');
          } catch {
            // gone meanwhile
          }
          while (groupAlive(group)) await new Promise((r) => setTimeout(r, 50));
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/**
 * Runs a command to its end without blocking the event loop (servers started meanwhile keep being
 * watched), and resolves with its standard output; rejects with its output when it fails.
 */
export function run(
  command: string,
  args: string[],
  options: ExecFileOptions & { timeout: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`.trim()),
          );
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** True while any process of the group is alive (signal 0 checks without signalling). */
function groupAlive(group: number): boolean {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
}

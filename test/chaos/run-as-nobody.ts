/**
 * Runs the checkout's `iplus` command as the unprivileged user nobody (uid 65534), from wherever the
 * checkout sits. A clone inside a private folder (mode 0700, as `mktemp -d` makes and as a home folder
 * often is) cannot be traversed by nobody, so the command is run from a copy of the checkout nobody can
 * reach, chosen in this order:
 * 1. the checkout itself, when every folder above it lets others through;
 * 2. the checkout bind-mounted onto a folder in the temp directory, inside a private mount namespace
 *    (`unshare --mount`, root only; the mount exists for that one process and vanishes with it);
 * 3. a copy of the checkout (without .git) in the temp directory, when mount namespaces are not allowed.
 * All three run the same built code and node_modules.
 */
import {
  spawn,
  spawnSync,
  type ChildProcessByStdio,
  type SpawnOptionsWithStdioTuple,
} from 'node:child_process';
import type { Readable } from 'node:stream';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const NOBODY = 65534;

export type Staging = 'in place' | 'bind mount' | 'copy';

/** True when a user who is neither owner nor group member may pass through every folder down to `dir`. */
export function othersCanReach(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if ((fs.statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function mountNamespacesAllowed(): boolean {
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' });
  return r.status === 0;
}

/** A place nobody can run the checkout from; `dispose` removes what was made for it. */
export interface NobodyCheckout {
  staging: Staging;
  /** Starts `node cli/dist/main.js ...args` as nobody, with `env`. */
  spawn(args: string[], env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable>;
  dispose(): void;
}

export function nobodyCheckout(): NobodyCheckout {
  const asNobody = [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];
  const options = (
    env: NodeJS.ProcessEnv,
    cwd: string,
  ): SpawnOptionsWithStdioTuple<'ignore', 'pipe', 'pipe'> => ({
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  if (othersCanReach(REPO_ROOT)) {
    const cli = path.join(REPO_ROOT, 'cli', 'dist', 'main.js');
    return {
      staging: 'in place',
      spawn: (args, env) =>
        spawn('setpriv', [...asNobody, process.execPath, cli, ...args], options(env, os.tmpdir())),
      dispose: () => undefined,
    };
  }

  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-nobody-'));
  fs.chmodSync(stage, 0o755);
  if (!othersCanReach(stage))
    throw new Error(`the temp directory ${os.tmpdir()} is not reachable by other users; set TMPDIR`);
  const cli = path.join(stage, 'cli', 'dist', 'main.js');
  const dispose = () => fs.rmSync(stage, { recursive: true, force: true });

  if (mountNamespacesAllowed()) {
    return {
      staging: 'bind mount',
      spawn: (args, env) =>
        spawn(
          'unshare',
          [
            '--mount',
            '--propagation',
            'private',
            'sh',
            '-c',
            // $0 is the checkout, $1 the mount point, the rest setpriv's arguments
            'mount --bind "$0" "$1" && cd "$1" && shift && exec setpriv "$@"',
            REPO_ROOT,
            stage,
            ...asNobody,
            process.execPath,
            cli,
            ...args,
          ],
          options(env, os.tmpdir()),
        ),
      // the mount lived in the child's namespace only: the folder is empty again
      dispose: () => fs.rmdirSync(stage),
    };
  }

  const copied = spawnSync(
    'sh',
    ['-c', 'tar -C "$0" --exclude=./.git --exclude=./data -cf - . | tar -C "$1" -xf -', REPO_ROOT, stage],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (copied.status !== 0) throw new Error(`copying ${REPO_ROOT} to ${stage} failed`);
  return {
    staging: 'copy',
    spawn: (args, env) =>
      spawn('setpriv', [...asNobody, process.execPath, cli, ...args], options(env, stage)),
    dispose,
  };
}

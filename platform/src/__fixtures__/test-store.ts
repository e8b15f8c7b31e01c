import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openStore, type OpenedStore } from '../store/database';
import { openPostgresStore } from '../store/postgres-store';
import { startPostgres, type PostgresServer } from './embedded-postgres';

/**
 * The store the integration tests run on: SQLite by default, PostgreSQL when
 * IPLUS_TEST_DATABASE=postgres (the `int-postgres` jest project, `npm run test:int:postgres`). On
 * PostgreSQL one server serves the whole test file (started on first use, stopped after its last
 * test) and each `openTestStore` gets a fresh database.
 */
export const testDatabase: 'sqlite' | 'postgres' =
  process.env.IPLUS_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

let server: Promise<PostgresServer> | undefined;

/** The file's PostgreSQL server (started once). */
export function testPostgres(): Promise<PostgresServer> {
  return (server ??= startPostgres());
}

/** Stops the file's server, if one was started (registered below for every file that imports this). */
export async function stopTestPostgres(): Promise<void> {
  const s = server;
  server = undefined;
  if (s) await (await s).stop();
}

if (typeof afterAll === 'function') afterAll(stopTestPostgres);

export interface TestStore extends OpenedStore {
  /** The SQLite folder (also used for files on PostgreSQL). */
  dir: string;
  /** The PostgreSQL URL, when on PostgreSQL. */
  url?: string;
  /** Opens the same store again (another instance, or after a restart). */
  reopen(): Promise<OpenedStore>;
  /** Closes and removes the temporary folder. */
  dispose(): Promise<void>;
}

/** A fresh, empty store of the chosen kind, with its schema in place. */
export async function openTestStore(prefix = 'iplus-store-'): Promise<TestStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const url = testDatabase === 'postgres' ? await (await testPostgres()).createDatabase() : undefined;
  const open = () => (url ? openPostgresStore({ url }) : openStore(dir));
  const store = await open();
  return {
    ...store,
    dir,
    url,
    reopen: open,
    dispose: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

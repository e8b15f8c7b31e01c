import * as fs from 'node:fs';
import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface OpenedStore {
  db: Db;
  /** Runs `SELECT 1`; false when the file can no longer be read. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the platform's SQLite store and brings its schema up to date. This is
 * the only SQLite-specific code: WAL, synchronous=FULL so a commit is on disk before we answer,
 * foreign keys on. Everything else speaks Kysely and could target PostgreSQL.
 */
export async function openStore(dataDir: string): Promise<OpenedStore> {
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(path.join(dataDir, 'platform.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration ${failed} failed: ${(error as Error).message}`);
  }
  return {
    db,
    ping: async () => {
      try {
        sqlite.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

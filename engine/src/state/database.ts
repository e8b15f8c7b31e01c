import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './schema';

export type Db = Database.Database;

/** Path of the engine's database file in a data folder (its WAL is `<path>-wal`). */
export function databasePath(dataDir: string): string {
  return path.join(dataDir, 'engine.db');
}

/**
 * Opens (or creates) the engine's SQLite file in WAL mode. With `synchronous` FULL a transaction
 * that returned from COMMIT is on disk; with NORMAL the caller fsyncs the WAL itself before it
 * answers (see WalSync), which gives the same guarantee without blocking the event loop.
 */
export function openDatabase(dataDir: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Db {
  // Process variables hold personal data: folder 0700, database 0600 (SQLite gives its -wal and
  // -shm files the database file's mode), narrowed when they already exist.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if ((fs.statSync(dataDir).mode & 0o777) !== 0o700) fs.chmodSync(dataDir, 0o700);
  // Created empty when missing; an existing file is never opened here (closing a descriptor drops
  // every POSIX lock the process holds on the file, SQLite's too).
  if (!fs.existsSync(databasePath(dataDir))) fs.closeSync(fs.openSync(databasePath(dataDir), 'wx', 0o600));
  for (const side of ['', '-wal', '-shm']) {
    const file = databasePath(dataDir) + side;
    if (fs.existsSync(file) && (fs.statSync(file).mode & 0o777) !== 0o600) fs.chmodSync(file, 0o600);
  }
  const db = new Database(databasePath(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // Deleted and freed content is overwritten with zeros from the start, not only while an instance is
  // deleted: a variable updated or a job completed earlier leaves its old value (a name, a number) in
  // free space otherwise, where the deletion of its instance (retention, issue 16) cannot reach it.
  db.pragma('secure_delete = ON');
  db.exec('CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM meta WHERE name = 'schema_version'").get() as
    | { value: string }
    | undefined;
  const version = row ? Number(row.value) : SCHEMA_VERSION;
  for (let v = version + 1; v <= SCHEMA_VERSION; v++) if (MIGRATIONS[v]) db.exec(MIGRATIONS[v]);
  db.exec(SCHEMA);
  db.prepare(
    "INSERT INTO meta (name, value) VALUES ('schema_version', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
  ).run(String(Math.max(version, SCHEMA_VERSION)));
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `the engine database in ${dataDir} has schema version ${version}, newer than this engine's ` +
        `${SCHEMA_VERSION}; run a newer engine or point IPLUS_DATA_DIR at another folder`,
    );
  }
  return db;
}

/** Reads a number kept in the meta table (such as the last key handed out). */
export function readMetaNumber(db: Db, name: string): number | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(name) as { value: string } | undefined;
  return row ? Number(row.value) : undefined;
}

/** A prepared statement, by parameter tuple and row type. */
export interface Stmt<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): Database.RunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
}

/** Prepares a statement once; callers keep it for the process's lifetime. */
export function prepare<P extends unknown[] = unknown[], R = unknown>(db: Db, sql: string): Stmt<P, R> {
  return db.prepare<P, R>(sql) as unknown as Stmt<P, R>;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';
import { diskFull } from './disk-full';
import { WalSync } from './wal-sync';
import { Checkpointer, type CheckpointerEvents } from './checkpointer';
import { ensurePrivateDir, ensurePrivateFile, syncDir } from './private-files';
import { DocumentStore, type Documents } from './document-store';
import { registerMandateChanges } from './mandate-changes';
import { watchMandateChanges } from './sqlite-mandate-changes';
import type { AuditHeadRow } from './audit-appender';

export type { AuditHeadRow } from './audit-appender';

export type Db = Kysely<Database>;

/** Commits `fn`'s transaction without waiting for the disk (SQLite: synchronous=NORMAL for that commit). */
async function commitWithoutSync<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`PRAGMA synchronous = NORMAL`.execute(conn);
    try {
      // Our own BEGIN/COMMIT rather than Kysely's: after a failed write (full disk) SQLite has already
      // rolled back, and Kysely's ROLLBACK would then fail and hide the real error.
      await sql`BEGIN`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (e) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw diskFull(e, 'committing to the store') ?? e;
      }
    } finally {
      await sql`PRAGMA synchronous = FULL`.execute(conn);
    }
  });
}

/**
 * How a store commits: the one thing that differs between SQLite and PostgreSQL. `durable` resolves
 * once the commit is on disk; `relaxed` once it is committed (it may wait for the next durable one to
 * reach the disk). Registered by the store that opened the database.
 */
export interface StoreTransactions {
  readonly dialect: 'sqlite' | 'postgres';
  durable<T>(fn: (trx: Db) => Promise<T>, lock?: WritersLock): Promise<T>;
  relaxed<T>(fn: (trx: Db) => Promise<T>, lock?: WritersLock): Promise<T>;
  /** One statement on its own, committed like `relaxed` (see relaxedStatement). */
  statement<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/**
 * When a transaction takes the writers' lock (PostgreSQL; SQLite has one writer anyway).
 * - `first` (the default): before its first statement, so the whole transaction runs alone among
 *   writers: code that reads, then writes what it read, needs nothing more.
 * - `late`: only when it needs serial order: the audit log takes it before reading the chain's head
 *   (`lockWriters`), and code may take it by calling `lockWriters`. Statements before run beside
 *   other writers, so each must be correct on its own (a conditional UPDATE, an INSERT of a new key
 *   or ON CONFLICT, a counter's upsert). And if it takes the lock at all, nothing it writes before
 *   may be a row that `first` transactions write (a row lock held while waiting for the writers'
 *   lock would deadlock with them; PostgreSQL would then abort one of the two). A transaction that
 *   never takes it may write any row. Every caller says why its statements qualify.
 */
export type WritersLock = 'first' | 'late';

const transactions = new WeakMap<Db, StoreTransactions>();

/** How a store takes the writers' lock in a `late` transaction that does not hold it yet. */
export interface PendingWritersLock {
  /** Takes the lock. */
  take(): Promise<void>;
  /** Takes the lock and then reads the audit chain's head, in one round trip. */
  takeReadingAuditHead(): Promise<AuditHeadRow | undefined>;
}

/** Open `late` transactions that do not hold the writers' lock yet, with how to take it. */
const pendingLocks = new WeakMap<Db, PendingWritersLock>();

/** Called by the store: `trx` is a `late` transaction; `lock` takes the writers' lock in it. */
export function deferWritersLock(trx: Db, lock: PendingWritersLock): void {
  pendingLocks.set(trx, lock);
}

/**
 * Takes the writers' lock in a `late` transaction that does not hold it yet (held until its end);
 * nothing to do in any other transaction (a `first` one holds it, SQLite has one writer). Each
 * statement after it sees every commit made before (READ COMMITTED takes a snapshot per statement).
 */
export async function lockWriters(trx: Db): Promise<void> {
  const pending = pendingLocks.get(trx);
  if (!pending) return;
  pendingLocks.delete(trx);
  await pending.take();
}

/**
 * The audit chain's head as of the writers' lock: takes the lock as `lockWriters` does, then reads
 * the head. When the lock is still to be taken (PostgreSQL, `late`), both go in one round trip, so
 * the lock is held for one round trip fewer: the audit's append is the first thing most writers do
 * under it.
 */
export async function auditHeadUnderLock(trx: Db): Promise<AuditHeadRow | undefined> {
  const pending = pendingLocks.get(trx);
  if (pending) {
    pendingLocks.delete(trx);
    return pending.takeReadingAuditHead();
  }
  return readAuditHead(trx);
}

/** The audit chain's last entry. */
export async function readAuditHead(db: Db): Promise<AuditHeadRow | undefined> {
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? { seq: Number(last.seq), hash: last.hash } : undefined;
}

/** Called by the store that opened `db` (SQLite here, PostgreSQL in postgres-store.ts). */
export function registerTransactions(db: Db, t: StoreTransactions): void {
  transactions.set(db, t);
}

/**
 * Runs `fn` in a transaction and resolves once it is committed and on disk. Every change the service
 * acknowledges goes through here. `lock`: when it takes the writers' lock (see WritersLock). SQLite: group fsync of the WAL (see WalSync). PostgreSQL: a real
 * transaction, durable at commit, one writer at a time (see postgres-store.ts). An unregistered
 * database (a bare test Kysely) gets an ordinary transaction.
 */
export async function transact<T>(
  db: Db,
  fn: (trx: Db) => Promise<T>,
  lock: WritersLock = 'first',
): Promise<T> {
  const t = transactions.get(db);
  return t ? t.durable(fn, lock) : db.transaction().execute(fn);
}

/**
 * Runs `fn` in a transaction whose commit need not be on disk before it returns: it survives a crash
 * of the process (SIGKILL) but a power cut may lose it, until the next durable commit or checkpoint.
 * For the audit entries of reads and the outbox's bookkeeping only, so an inbox read does not wait
 * for an fsync. (PostgreSQL: `SET LOCAL synchronous_commit = off`.)
 */
export async function withRelaxedDurability<T>(
  db: Db,
  fn: (trx: Db) => Promise<T>,
  lock: WritersLock = 'first',
): Promise<T> {
  const t = transactions.get(db);
  return t ? t.relaxed(fn, lock) : db.transaction().execute(fn);
}

/**
 * Runs `fn`, which sends exactly one statement, on its own: committed as `withRelaxedDurability(db,
 * fn, 'late')` commits it (not waiting for the disk, no writers' lock), in one round trip instead of
 * three. PostgreSQL: an autocommit statement on a connection whose commits do not wait for the disk
 * (postgres-store.ts); SQLite: the relaxed transaction. For bookkeeping whose loss in a power cut is
 * harmless (an outbox claim or outcome: the item runs again) or covered by a durable commit that
 * follows it in the log (a decision's number, its document).
 */
export async function relaxedStatement<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  const t = transactions.get(db);
  return t ? t.statement(fn) : db.transaction().execute(fn);
}

/**
 * Runs the reads in `fn` on one snapshot, so a view made of several tables never mixes two commits
 * (a decision's status read before a mandate's transaction committed and its mandates after).
 * PostgreSQL: a read-only REPEATABLE READ transaction. SQLite: one transaction on the store's single
 * connection (WAL readers see one snapshot, and no write interleaves on that connection).
 */
export async function readSnapshot<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (storeDialect(db) === 'postgres') {
    return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
  }
  return db.transaction().execute(fn);
}

/** Which database engine the service's store runs on (`sqlite` for an unregistered one). */
export function storeDialect(db: Db): 'sqlite' | 'postgres' {
  return transactions.get(db)?.dialect ?? 'sqlite';
}

export interface OpenedStore {
  db: Db;
  /** Where decision documents live: files beside the SQLite store, a table in PostgreSQL. */
  documents: Documents;
  /** Runs `SELECT 1`; false when the file can no longer be read or its log could not be synced. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const STATEMENT_CACHE = 500;

/**
 * A reading statement that fetches rows as arrays and turns them into objects with a function made
 * for its columns. better-sqlite3 builds a row object one property at a time through V8's API, which
 * was most of an inbox page's cost; an object literal of fixed shape is built several times faster
 * (an inbox page of 51 mandates: 290 µs → 130 µs here). Same objects, same column order, same
 * values; a result with a column named `__proto__` keeps the driver's own objects.
 */
function fastRows(statement: SQLite.Statement, after: () => void): SqliteStatement {
  const names = statement.columns().map((c) => c.name);
  if (names.includes('__proto__')) return statement as unknown as SqliteStatement;
  // The keys are JSON-quoted column names: nothing of the data goes into the code.
  const build = new Function(
    'r',
    `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')}}`,
  ) as (row: unknown[]) => unknown;
  statement.raw(true);
  return {
    reader: true,
    all: (parameters: ReadonlyArray<unknown>) => {
      try {
        return (statement.all(parameters) as unknown[][]).map(build);
      } finally {
        after();
      }
    },
    run: (parameters: ReadonlyArray<unknown>) => statement.run(parameters),
    *iterate(parameters: ReadonlyArray<unknown>) {
      for (const row of statement.iterate(parameters) as IterableIterator<unknown[]>) yield build(row);
    },
  } as unknown as SqliteStatement;
}

/** A statement without rows to read that calls `after` once it has run (or failed). */
function afterRun(statement: SQLite.Statement, after: () => void): SqliteStatement {
  return {
    reader: false,
    all: (parameters: ReadonlyArray<unknown>) => statement.all(parameters),
    run: (parameters: ReadonlyArray<unknown>) => {
      try {
        return statement.run(parameters);
      } finally {
        after();
      }
    },
    iterate: (parameters: ReadonlyArray<unknown>) => statement.iterate(parameters),
  } as unknown as SqliteStatement;
}

/**
 * better-sqlite3 with its prepared statements reused: Kysely prepares every query it runs, and the
 * same few queries run thousands of times a second. Safe because Kysely runs one query at a time.
 */
function cachingStatements(sqlite: SQLite.Database, afterStatement: (text: string) => void): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (!statement) {
        const prepared = sqlite.prepare(text);
        // A write with RETURNING is a reader: both kinds report what they wrote (see afterStatement).
        const after = () => afterStatement(text);
        statement = prepared.reader ? fastRows(prepared, after) : afterRun(prepared, after);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

const quietCheckpoints: CheckpointerEvents = { failed: () => undefined, recovered: () => undefined };

/**
 * Opens (creating if needed) the platform's SQLite store and brings its schema up to date (the
 * default; `openPlatformStore` chooses PostgreSQL when a database URL is set). This is the only
 * SQLite-specific code: WAL, synchronous=FULL so a commit is on disk before we answer,
 * foreign keys on, checkpoints on a worker thread (see Checkpointer). Everything else speaks Kysely.
 */
export async function openStore(
  dataDir: string,
  checkpointEvents: CheckpointerEvents = quietCheckpoints,
): Promise<OpenedStore> {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, 'platform.sqlite');
  ensurePrivateFile(file);
  for (const side of ['-wal', '-shm']) if (fs.existsSync(file + side)) ensurePrivateFile(file + side);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted content is zeroed where that costs no extra I/O; a retention purge switches to ON (free
  // pages zeroed too) for its deletions and empties the WAL after (retention/retention.ts).
  sqlite.pragma('secure_delete = FAST');
  // A larger page cache and memory-mapped reads keep the inbox's index and rows in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  let afterStatement = (_text: string): void => undefined;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(sqlite, (text) => afterStatement(text)) }),
  });
  await migrateToLatest(db);
  const watched = watchMandateChanges(sqlite);
  afterStatement = watched.afterStatement;
  registerMandateChanges(db, watched.changes);
  // The connection's default stays synchronous=FULL: a write that does not go through `transact`
  // is still durable at commit. The WAL file exists once the schema is in place.
  const walFile = `${file}-wal`;
  if (!fs.existsSync(walFile))
    sqlite.pragma(`user_version = ${Number(sqlite.pragma('user_version', { simple: true }))}`);
  const walSync = new WalSync(fs.openSync(walFile, 'r+'));
  registerTransactions(db, {
    dialect: 'sqlite',
    durable: async (fn) => {
      const result = await commitWithoutSync(db, fn);
      await walSync.flush();
      return result;
    },
    relaxed: (fn) => commitWithoutSync(db, fn),
    statement: (fn) => commitWithoutSync(db, fn),
  });
  await syncDir(dataDir);
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = new Checkpointer(file, checkpointEvents);
  return {
    db,
    documents: new DocumentStore(dataDir),
    ping: async () => {
      if (walSync.failure) return false;
      try {
        sqlite.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },
    // Stop the checkpointer (its connection must not be the last one), close the service's
    // connection so no commit can follow, then sync the log a last time and let go of its
    // descriptor (never before: an fsync on a reused descriptor number would sync the wrong file
    // and report success).
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
      await walSync.close();
    },
  };
}

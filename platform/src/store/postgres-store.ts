import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './schema';
import {
  deferWritersLock,
  registerTransactions,
  type Db,
  type OpenedStore,
  type PendingWritersLock,
  type WritersLock,
} from './database';
import { DatabaseDocuments } from './database-documents';
import { GroupFlush } from './group-flush';
import { registerMandateChanges } from './mandate-changes';
import { migrateToLatest } from './migrations';
import { listenForMandateChanges } from './postgres-listener';
import { preparingClient } from './postgres-prepared';
import { registerAuditAppender } from './audit-appender';
import { postgresAuditAppender } from './postgres-audit-append';

/** The advisory lock every writing transaction holds (an arbitrary constant: "iplus" in ASCII). */
export const WRITER_LOCK = 0x69706c7573;

/** int8 (counts, sums) as a JS number: every count the service makes is far below 2^53. */
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (IPLUS_DATABASE_URL). */
  url: string;
  /** Connections in this instance's pool (default 10). */
  poolSize?: number;
  /** The clock for the documents' clean-up. */
  now?: () => Date;
}

/**
 * Opens the platform's store on PostgreSQL and brings its schema up to date (the same migrations as
 * SQLite; several instances may start at once, Kysely's migrator locks).
 *
 * Transactions. Each runs on a connection of its own from the pool. A writing transaction takes one
 * cluster-wide advisory lock (`pg_advisory_xact_lock`, released at commit or rollback), so writes
 * that need it are applied one at a time across every instance — the guarantee SQLite's single
 * writer gave the code (read-then-write inside a transaction, the audit chain's head) without
 * rewriting it. With READ COMMITTED, each statement after the lock sees every earlier commit (the
 * lock is a statement of its own: a statement's snapshot is taken when it starts, before it waits).
 * By default the lock is taken first; a transaction opened with `late` (database.ts, WritersLock)
 * takes it only when it needs serial order (the audit log's head), so its other statements do not
 * queue behind every other writer. The lock's wait is the platform's bottleneck on PostgreSQL: its
 * holder's round trips are what every other writer waits for, so the code keeps them few.
 *
 * Round trips. `BEGIN`, `synchronous_commit = off` and the lock go in one (a simple query of three
 * statements, no parameters); then the body's statements; then `COMMIT`. A statement that needs no
 * transaction around it and not the disk (`relaxedStatement`) runs alone on a second, small pool
 * whose sessions commit without waiting for the disk: one round trip.
 *
 * Durability, the way WalSync does it for SQLite: were the lock held until the WAL is on disk, every
 * write would wait for the previous one's fsync and PostgreSQL could never flush several commits at
 * once. So the locked transaction commits with `synchronous_commit = off` (the lock is released
 * without waiting for the disk), and `transact` then runs one statement in a transaction of its own
 * (autocommit, one round trip) that writes a tiny WAL record and commits synchronously: its commit
 * returns once the WAL up to it — which includes ours — is flushed (and, with a synchronous standby,
 * on the standby; see flushWal). The flushes are grouped in the process (GroupFlush): at most one
 * runs at a time, on a connection of its own, and every transaction that committed while it ran
 * waits for the next one, so a busy instance sends a few flushes a second instead of one per
 * transaction (each of which held a pooled connection for a round trip and an fsync). A caller
 * resumes only once its commit is durable; as with SQLite, another request may see a change a
 * moment before it is on disk. The outbox's claims (outbox-claim.ts) do not take the lock.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<OpenedStore> {
  // A fixed pool: connections opened at start (warmConnections) stay open when idle (pg closes an
  // idle one after 10 s by default, and the next burst paid for a new, cold backend).
  // Statements with parameters are prepared once per connection (postgres-prepared.ts).
  const { Client: PreparingClient, prepareFromNow } = preparingClient();
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 0,
    Client: PreparingClient,
  });
  // Statements on their own that need not wait for the disk (relaxedStatement): autocommit on
  // connections whose commits do not wait for it, one round trip each instead of BEGIN, the
  // statement and COMMIT.
  const relaxedPool = new Pool({
    connectionString: options.url,
    max: RELAXED_POOL_SIZE,
    idleTimeoutMillis: 0,
    options: '-c synchronous_commit=off',
    Client: PreparingClient,
  });
  // The WAL flushes' own connection (see GroupFlush: one flush at a time), so a flush never waits
  // for a pooled connection behind the very transactions it would release.
  const flushPool = new Pool({ connectionString: options.url, max: 1 });
  // The mandates' changes (one connection more, opened when a client first waits for its inbox).
  const listener = listenForMandateChanges(options.url);
  // An idle client's error (the server restarted) must not crash the process; its next query fails.
  pool.on('error', () => undefined);
  relaxedPool.on('error', () => undefined);
  flushPool.on('error', () => undefined);
  const db: Db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const relaxedDb: Db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: relaxedPool }) });
  // Every pool is ended even when another fails to (its first failure is thrown after).
  const closeAll = async () => {
    const ends = await Promise.allSettled([
      db.destroy(),
      relaxedDb.destroy(),
      flushPool.end(),
      listener.close(),
    ]);
    const failed = ends.find((e): e is PromiseRejectedResult => e.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    await checkCollation(db);
  } catch (e) {
    await closeAll();
    throw e;
  }
  await migrateToLatest(db);
  prepareFromNow();
  await warmConnections(pool, options.poolSize ?? 10);
  await warmConnections(relaxedPool, RELAXED_POOL_SIZE);
  // Every writing transaction commits without waiting for the disk, under the writers' lock; a
  // durable one then waits for the WAL to be flushed outside the lock (see the comment above).
  const write = <T>(fn: (trx: Db) => Promise<T>, lock: WritersLock = 'first'): Promise<T> =>
    db.connection().execute(async (conn) => {
      try {
        // A failure here or below rolls back: the connection goes back to the pool outside a transaction.
        await sql.raw(lock === 'first' ? BEGIN_LOCKED : BEGIN_UNLOCKED).execute(conn);
        if (lock === 'late') deferWritersLock(conn, lateLock(conn));
        const result = await fn(conn);
        await sql.raw('COMMIT').execute(conn);
        return result;
      } catch (e) {
        await sql.raw('ROLLBACK').execute(conn).catch(ignore);
        throw e;
      }
    });
  const walFlush = new GroupFlush(() => flushWal(flushPool));
  const durable = async <T>(fn: (trx: Db) => Promise<T>, lock?: WritersLock): Promise<T> => {
    const result = await write(fn, lock);
    await walFlush.flush();
    return result;
  };
  registerMandateChanges(db, listener.changes);
  registerAuditAppender(db, postgresAuditAppender(relaxedDb, WRITER_LOCK));
  registerTransactions(db, {
    dialect: 'postgres',
    durable,
    relaxed: write,
    statement: (fn) => fn(relaxedDb),
  });
  const now = options.now ?? (() => new Date());
  return {
    db,
    documents: new DatabaseDocuments(db, now),
    ping: async () => {
      try {
        await sql`SELECT 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: closeAll,
  };
}

/**
 * Text must sort by bytes, as in SQLite: keyset pages, ids and ISO times are compared as strings.
 * A database created with a language collation would order `M-1-A` and `M-10` differently.
 */
async function checkCollation(db: Db): Promise<void> {
  const { rows } = await sql<{ collation: string }>`
    SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()`.execute(db);
  const collation = rows[0]?.collation ?? '';
  if (collation !== 'C' && collation !== 'POSIX' && collation !== 'C.UTF-8' && collation !== 'C.utf8') {
    throw new Error(
      `the PostgreSQL database has collation "${collation}"; iplus needs byte order: create it with ` +
        `CREATE DATABASE <name> TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
  }
}

const ignore = (): void => undefined;

/**
 * The writers' lock of a `late` transaction on `conn`. With the audit chain's head, lock and read go
 * in one statement: `iplus_audit_head_locked` (migration 011) takes the lock, then reads the head in
 * a query of its own, on a snapshot taken once the lock is held (a plpgsql function's queries each
 * take a new one), so it sees every entry committed before; one statement reading the head beside a
 * lock would read it on the snapshot from before its wait.
 */
function lateLock(conn: Db): PendingWritersLock {
  return {
    take: async () => {
      await sql.raw(TAKE_LOCK).execute(conn);
    },
    takeReadingAuditHead: async () => {
      const { rows } = await sql<{ seq: number | null; hash: string | null }>`
        SELECT seq, hash FROM iplus_audit_head_locked(${WRITER_LOCK})`.execute(conn);
      const head = rows[0];
      return head?.seq != null && head.hash != null ? { seq: Number(head.seq), hash: head.hash } : undefined;
    },
  };
}

/** Connections for statements on their own (relaxedStatement): an upload draws its number while its document is stored. */
const RELAXED_POOL_SIZE = 3;

/**
 * Opens every pooled connection before the platform serves, and has each read the tables the
 * upload path touches once: a pool opens connections only when asked, and a fresh PostgreSQL
 * backend loads a table's catalog entries on its first use of it, so without this the first seconds
 * of load after a start paid for both (bench:platform's warm-up line).
 */
async function warmConnections(pool: Pool, size: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  try {
    await Promise.all(clients.map((c) => c.query(WARM_TABLES)));
  } finally {
    for (const c of clients) c.release();
  }
}

/** One simple query: a read of no rows from each table of the upload path (see warmConnections). */
const WARM_TABLES = [
  'decisions',
  'mandates',
  'signalements',
  'decision_events',
  'decision_changes',
  'audit_log',
  'outbox',
  'counters',
  'documents',
  'notifications',
  'sessions',
  'users',
  'api_tokens',
  'erasures',
]
  .map((t) => `SELECT * FROM ${t} LIMIT 0`)
  .join('; ');

/**
 * Resolves once everything committed before the call is on disk (and on a synchronous standby): one
 * statement, its own transaction (autocommit, one round trip), that writes a tiny WAL record — a
 * transactional logical-decoding message, which needs no privilege and works at wal_level replica —
 * and so commits synchronously: PostgreSQL flushes the WAL up to that commit, which includes every
 * earlier one. A transaction that writes no WAL (such as `SELECT txid_current()`, used here before)
 * commits without flushing anything: PostgreSQL only waits for the disk when the committing
 * transaction wrote WAL. (A logical decoder, if one is ever attached, sees messages with prefix
 * `iplus-flush` and no content.)
 */
async function flushWal(pool: Pool): Promise<void> {
  await pool.query(FLUSH_WAL);
}

/** The flush statement (see flushWal): a simple query, no parameters. */
const FLUSH_WAL = `SELECT pg_logical_emit_message(true, 'iplus-flush', '')`;

/** The writers' lock as a statement (the constant inlined: a simple query takes no parameters). */
const TAKE_LOCK = `SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
/** One round trip: a transaction whose commit does not wait for the disk, holding the writers' lock. */
const BEGIN_LOCKED = `BEGIN; SET LOCAL synchronous_commit = off; ${TAKE_LOCK}`;
/** The same without the lock (a `late` transaction takes it when it needs it). */
const BEGIN_UNLOCKED = 'BEGIN; SET LOCAL synchronous_commit = off';

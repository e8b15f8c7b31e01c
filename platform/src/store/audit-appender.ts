import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, Database } from './schema';

type Db = Kysely<Database>;

/** The audit chain's last entry (undefined for an empty log). */
export interface AuditHeadRow {
  seq: number;
  hash: string;
}

/** What `appendAfter` did: appended, or found another head (undefined: the log is empty). */
export type AuditAppendResult = { appended: true } | { appended: false; head: AuditHeadRow | undefined };

/**
 * Appends audit entries already chained onto a head the caller expects, in one statement of its own
 * that takes the writers' lock, checks the head and inserts (PostgreSQL, postgres-audit-append.ts):
 * no transaction held open across round trips. A store without one (SQLite, one writer in the
 * process) leaves the audit log to its transaction.
 */
export interface AuditAppender {
  appendAfter(
    expected: AuditHeadRow | undefined,
    rows: Insertable<AuditLogTable>[],
  ): Promise<AuditAppendResult>;
}

const appenders = new WeakMap<Db, AuditAppender>();

/** Called by the store that opened `db`. */
export function registerAuditAppender(db: Db, appender: AuditAppender): void {
  appenders.set(db, appender);
}

/** The store's one-statement appender, if it has one. */
export function auditAppender(db: Db): AuditAppender | undefined {
  return appenders.get(db);
}

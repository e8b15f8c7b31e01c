import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * PostgreSQL only: the audit log's `seq` becomes a bigint. Every read of personal data appends an
 * entry, so a national service at a hundred reads a second would pass the 2,147,483,647 of an
 * `integer` in under a year, and every audited request would then fail. (SQLite's INTEGER is 64 bits
 * already.) The table is rewritten once; its append-only triggers are row triggers on UPDATE and
 * DELETE, which a rewrite does not fire.
 */
export const auditSeqBigint: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!isPostgres(db)) return;
    await sql`ALTER TABLE audit_log ALTER COLUMN seq TYPE bigint`.execute(db);
  },
};

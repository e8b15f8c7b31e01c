import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * PostgreSQL only: `iplus_audit_head_locked(lock)` takes the writers' advisory lock, then returns the
 * audit chain's last entry read after it (postgres-store.ts, lateLock). A VOLATILE plpgsql function
 * takes a new snapshot for each of its queries, so the head is read as of the lock, in the same round
 * trip as the lock itself. No row for an empty log. SQLite has one writer and needs nothing.
 */
export const auditHeadLocked: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!isPostgres(db)) return;
    await sql`CREATE FUNCTION iplus_audit_head_locked(lock_key bigint)
      RETURNS TABLE (seq bigint, hash text) LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        RETURN QUERY SELECT a.seq::bigint, a.hash::text FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
      END $$`.execute(db);
  },
};

import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect';

/**
 * PostgreSQL only: `iplus_audit_append(lock, expected_seq, expected_hash, entries)` appends entries
 * whose hashes were chained in the platform onto the head it expected, in one statement: it takes
 * the writers' advisory lock, reads the chain's head (a query of its own, so on a snapshot taken once
 * the lock is held, as in iplus_audit_head_locked), and inserts the entries only when the head is the
 * one expected (seq 0 for an empty log). It answers `appended`, and the head it found when it did
 * not append. Run on its own (autocommit), the lock is held only inside the server, never across a
 * round trip (postgres-audit-append.ts). SQLite has one writer and needs nothing.
 */
export const auditAppend: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!isPostgres(db)) return;
    await sql`CREATE FUNCTION iplus_audit_append(lock_key bigint, expected_seq bigint, expected_hash text, entries jsonb)
      RETURNS TABLE (appended boolean, head_seq bigint, head_hash text) LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        cur_seq bigint;
        cur_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        SELECT a.seq, a.hash INTO cur_seq, cur_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
        IF coalesce(cur_seq, 0) <> expected_seq OR (cur_seq IS NOT NULL AND cur_hash <> expected_hash) THEN
          RETURN QUERY SELECT false, coalesce(cur_seq, 0), cur_hash;
          RETURN;
        END IF;
        INSERT INTO audit_log (seq, at, user_name, agency_id, action, object, justification, outcome, prev_hash, hash)
          SELECT e.seq, e.at, e.user_name, e.agency_id, e.action, e.object, e.justification, e.outcome, e.prev_hash, e.hash
          FROM jsonb_to_recordset(entries) AS e(seq bigint, at text, user_name text, agency_id text, action text,
            object text, justification text, outcome text, prev_hash text, hash text)
          ORDER BY e.seq;
        RETURN QUERY SELECT true, NULL::bigint, NULL::text;
      END $$`.execute(db);
  },
};

import { sql } from 'kysely';
import type { AuditAppender, AuditHeadRow } from './audit-appender';
import type { Db } from './database';

/**
 * The PostgreSQL appender (audit-appender.ts): one call of `iplus_audit_append` (migration 013) on
 * `relaxedDb`, whose autocommit statements do not wait for the disk (postgres-store.ts): the entries
 * of reads need no fsync of their own (see withRelaxedDurability). The writers' lock (`lockKey`) is
 * taken and released inside that one statement.
 */
export function postgresAuditAppender(relaxedDb: Db, lockKey: number): AuditAppender {
  return {
    async appendAfter(expected, rows) {
      const { rows: answer } = await sql<{
        appended: boolean;
        head_seq: string | null;
        head_hash: string | null;
      }>`
        SELECT appended, head_seq, head_hash FROM iplus_audit_append(
          ${lockKey}, ${expected?.seq ?? 0}, ${expected?.hash ?? ''}, ${JSON.stringify(rows)}::jsonb)`.execute(
        relaxedDb,
      );
      const r = answer[0];
      if (!r) throw new Error('iplus_audit_append answered nothing');
      if (r.appended) return { appended: true };
      const head: AuditHeadRow | undefined =
        r.head_hash === null ? undefined : { seq: Number(r.head_seq), hash: r.head_hash };
      return { appended: false, head };
    },
  };
}

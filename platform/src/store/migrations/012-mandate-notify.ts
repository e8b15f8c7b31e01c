import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect';

/** The channel of the mandates' changes (postgres-listener.ts listens to it). */
export const MANDATE_CHANNEL = 'iplus_mandates';

/**
 * PostgreSQL only: each committed insert of a mandate, and each change of its recipient, status or
 * overdue flag, is announced on channel `iplus_mandates` with the inboxes it touches (recipient,
 * province, parquet; separated by a tab, which no id holds). NOTIFY is sent at commit, and not at
 * all on a rollback; every instance LISTENs (store/mandate-changes.ts). SQLite's store watches its
 * own connection with temporary triggers instead (sqlite-mandate-changes.ts).
 */
export const mandateNotify: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!isPostgres(db)) return;
    await sql`CREATE FUNCTION iplus_mandate_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.recipient_id IS DISTINCT FROM NEW.recipient_id THEN
          PERFORM pg_notify('iplus_mandates', concat_ws(E'\t', OLD.recipient_id, OLD.province, OLD.parquet_id));
        END IF;
        PERFORM pg_notify('iplus_mandates', concat_ws(E'\t', NEW.recipient_id, NEW.province, NEW.parquet_id));
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER iplus_mandate_inserted AFTER INSERT ON mandates
      FOR EACH ROW EXECUTE FUNCTION iplus_mandate_notify()`.execute(db);
    await sql`CREATE TRIGGER iplus_mandate_updated AFTER UPDATE OF recipient_id, status, overdue ON mandates
      FOR EACH ROW EXECUTE FUNCTION iplus_mandate_notify()`.execute(db);
  },
};

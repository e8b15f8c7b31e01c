import type SQLite from 'better-sqlite3';
import { MandateChanges, type MandateScope } from './mandate-changes';

/**
 * Reports the SQLite store's committed changes to mandates (see MandateChanges). Temporary triggers,
 * which live on the service's connection only (another connection to the file, a tool's or a test's,
 * neither has nor needs them), call a function of this process with the mandate's inboxes; what they
 * gathered is reported once the connection is outside a transaction again (after its COMMIT, or at
 * once for a statement on its own), and dropped at a ROLLBACK.
 */
export function watchMandateChanges(sqlite: SQLite.Database): {
  changes: MandateChanges;
  /** Called after each statement the service runs, with its text. */
  afterStatement(text: string): void;
} {
  const changes = new MandateChanges();
  let pending: MandateScope[] = [];
  sqlite.function('iplus_mandate_changed', { deterministic: false }, (recipientId, province, parquetId) => {
    pending.push({
      recipientId: String(recipientId),
      province: String(province),
      parquetId: String(parquetId),
    });
    return null;
  });
  const report = `SELECT iplus_mandate_changed(NEW.recipient_id, NEW.province, NEW.parquet_id)`;
  sqlite.exec(`
    CREATE TEMP TRIGGER iplus_mandate_inserted AFTER INSERT ON main.mandates BEGIN ${report}; END;
    CREATE TEMP TRIGGER iplus_mandate_updated AFTER UPDATE OF recipient_id, status, overdue ON main.mandates
    BEGIN
      SELECT iplus_mandate_changed(OLD.recipient_id, OLD.province, OLD.parquet_id)
        WHERE OLD.recipient_id IS NOT NEW.recipient_id;
      ${report};
    END;
  `);
  return {
    changes,
    afterStatement(text) {
      if (pending.length === 0 || sqlite.inTransaction) return;
      const committed = pending;
      pending = [];
      if (/^\s*ROLLBACK/i.test(text)) return;
      for (const scope of committed) changes.changed(scope);
    },
  };
}

import { sql, type Selectable } from 'kysely';
import { relaxedStatement, type Db } from '../store/database';
import type { OutboxTable } from '../store/schema';

export type OutboxRow = Selectable<OutboxTable>;

/**
 * How long a claimed item is this instance's alone (PostgreSQL). Longer than any handler takes (a
 * callback times out after 10 s, an engine call sooner); if the instance dies meanwhile, another
 * takes the item over once the lease has run out.
 */
export const OUTBOX_LEASE_MS = 2 * 60 * 1000;

/**
 * Several instances, no leader: an instance claims due items by moving their next attempt past a
 * lease, in one statement that skips rows another instance is claiming (`FOR UPDATE SKIP LOCKED`), so
 * each item is carried out by one instance. Success or failure then records the outcome as before.
 * The claim's commit does not wait for the disk: a claim lost in a power cut only means the item runs
 * again, which every handler tolerates. It does not take the writers' lock (one statement).
 */
export async function claimDue(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  const due = now.toISOString();
  const until = new Date(now.getTime() + OUTBOX_LEASE_MS).toISOString();
  const rows = await claim(db, (conn) =>
    sql<OutboxRow>`
      UPDATE outbox SET next_attempt_at = ${until}
      WHERE key IN (
        SELECT key FROM outbox
        WHERE done_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ${due}
        ORDER BY next_attempt_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING *`.execute(conn),
  );
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** Claims one item by key if it is due and nobody holds it; undefined otherwise. */
export async function claimOne(db: Db, key: string, now: Date): Promise<OutboxRow | undefined> {
  const until = new Date(now.getTime() + OUTBOX_LEASE_MS).toISOString();
  const rows = await claim(db, (conn) =>
    sql<OutboxRow>`
      UPDATE outbox SET next_attempt_at = ${until}
      WHERE key = ${key} AND done_at IS NULL AND given_up_at IS NULL
        AND next_attempt_at <= ${now.toISOString()}
      RETURNING *`.execute(conn),
  );
  return rows[0];
}

async function claim(db: Db, statement: (db: Db) => Promise<{ rows: OutboxRow[] }>): Promise<OutboxRow[]> {
  return (await relaxedStatement(db, statement)).rows;
}

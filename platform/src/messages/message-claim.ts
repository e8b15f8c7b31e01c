import { sql, type Selectable } from 'kysely';
import { relaxedStatement, type Db } from '../store/database';
import type { OutgoingMessagesTable } from '../store/schema';

export type OutgoingMessageRow = Selectable<OutgoingMessagesTable>;

/** How long a claimed message is this instance's alone: longer than an SMTP or webhook call may take. */
export const MESSAGE_LEASE_MS = 2 * 60 * 1000;

/**
 * Several instances on PostgreSQL, no leader (as `outbox/outbox-claim.ts`): an instance claims due
 * messages by moving their next attempt past a lease, in one statement that skips rows another
 * instance is claiming, so each message is sent by one instance. If that instance dies, another
 * takes the message over once the lease has run out.
 */
export async function claimDueMessages(db: Db, now: Date, limit: number): Promise<OutgoingMessageRow[]> {
  const due = now.toISOString();
  const until = new Date(now.getTime() + MESSAGE_LEASE_MS).toISOString();
  const { rows } = await relaxedStatement(db, (conn) =>
    sql<OutgoingMessageRow>`
        UPDATE outgoing_messages SET next_attempt_at = ${until}
        WHERE id IN (
          SELECT id FROM outgoing_messages
          WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ${due}
          ORDER BY next_attempt_at LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING *`.execute(conn),
  );
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** SQLite (one process): the due messages, oldest first. */
export function dueMessages(db: Db, now: Date, limit: number): Promise<OutgoingMessageRow[]> {
  return db
    .selectFrom('outgoing_messages')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('given_up_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

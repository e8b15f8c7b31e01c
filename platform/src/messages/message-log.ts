import type { Db } from '../store/database';

/** One message as the admin sees it: where, how often tried, sent or given up, the last error. */
export interface MessageLogEntry {
  id: string;
  notificationId: string;
  channel: string;
  createdAt: string;
  attempts: number;
  status: 'pending' | 'sent' | 'given_up';
  nextAttemptAt: string | null;
  sentAt: string | null;
  lastError: string | null;
}

/** An agency's latest messages, newest first: is delivery working? (No content: it is rendered when sent.) */
export async function recentMessages(db: Db, agencyId: string, limit: number): Promise<MessageLogEntry[]> {
  const rows = await db
    .selectFrom('outgoing_messages')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    notificationId: r.notification_id,
    channel: r.channel,
    createdAt: r.created_at,
    attempts: r.attempts,
    status: r.sent_at ? 'sent' : r.given_up_at ? 'given_up' : 'pending',
    nextAttemptAt: r.sent_at || r.given_up_at ? null : r.next_attempt_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  }));
}

import { RECIPIENT_ROLES, type Principal } from '../auth/roles';
import { forbidden, notFound } from '../errors';
import type { Db } from '../store/database';
import type { NotificationKind } from '@iplus/contract';
import { nextValue, sequenceId } from '../store/counters';
import type { Selectable } from 'kysely';
import type { NotificationsTable } from '../store/schema';
import { enqueueMessagesIn } from '../messages/enqueue-messages';

export { NOTIFICATION_KINDS, type NotificationKind } from '@iplus/contract';

export interface NotificationView {
  id: string;
  kind: string;
  agencyId: string;
  decisionId: string;
  mandateId?: string;
  createdAt: string;
  handledAt?: string;
  handledBy?: string;
  detail: string;
}

/**
 * Sends a notification once: the key (kind + mandate or decision) makes a redelivered job produce
 * one notification, not two. Returns the id of the notification (new or existing). Kinds that leave
 * the app (messages/enqueue-messages.ts) are queued for the agency's e-mail and webhook in the same
 * transaction.
 */
export async function notifyOnce(
  trx: Db,
  n: {
    kind: NotificationKind;
    agencyId: string;
    province: string;
    decisionId: string;
    mandateId?: string;
    at: string;
    detail: string;
    /** For notifications that come more than once for the same object (reminders, revisions): which one. */
    occurrence?: string;
  },
): Promise<string> {
  const dedupKey = `${n.kind}:${n.mandateId ?? n.decisionId}${n.occurrence ? `:${n.occurrence}` : ''}`;
  const existing = await trx
    .selectFrom('notifications')
    .select('id')
    .where('dedup_key', '=', dedupKey)
    .executeTakeFirst();
  if (existing) return existing.id;
  const id = sequenceId('N', await nextValue(trx, 'notification'));
  await trx
    .insertInto('notifications')
    .values({
      id,
      dedup_key: dedupKey,
      kind: n.kind,
      agency_id: n.agencyId,
      province: n.province,
      decision_id: n.decisionId,
      mandate_id: n.mandateId ?? null,
      created_at: n.at,
      handled_at: null,
      handled_by: null,
      handle_note: null,
      detail: n.detail,
    })
    .execute();
  // Escalations, breaches and the lifecycle's kinds also go out by e-mail and webhook, with the same commit.
  await enqueueMessagesIn(trx, { notificationId: id, kind: n.kind, agencyId: n.agencyId, at: n.at });
  return id;
}

type NotificationRow = Pick<
  Selectable<NotificationsTable>,
  | 'id'
  | 'kind'
  | 'agency_id'
  | 'decision_id'
  | 'mandate_id'
  | 'created_at'
  | 'handled_at'
  | 'handled_by'
  | 'detail'
>;

/** The contract's Notification. */
export function notificationView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    agencyId: r.agency_id,
    decisionId: r.decision_id,
    ...(r.mandate_id ? { mandateId: r.mandate_id } : {}),
    createdAt: r.created_at,
    ...(r.handled_at ? { handledAt: r.handled_at } : {}),
    ...(r.handled_by ? { handledBy: r.handled_by } : {}),
    detail: r.detail,
  };
}

/**
 * The caller's notifications: a coordinator those of its province, a parquet its own (breaches of its
 * decisions), an admin all. Newest first.
 */
export async function listNotifications(
  db: Db,
  p: Principal,
  q: { kind?: string; handled?: boolean; limit: number; before?: string },
): Promise<NotificationView[]> {
  let query = db.selectFrom('notifications').selectAll();
  if (p.role === 'coordinator') query = query.where('province', '=', p.province ?? '-');
  else if (p.role === 'parquet_clerk') query = query.where('agency_id', '=', p.agencyId);
  else if (RECIPIENT_ROLES.has(p.role)) query = query.where('agency_id', '=', p.agencyId);
  else if (p.role !== 'admin')
    throw forbidden('notifications are for coordinators, parquets, recipients and admins');
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.handled === true) query = query.where('handled_at', 'is not', null);
  if (q.handled === false) query = query.where('handled_at', 'is', null);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map(notificationView);
}

/** Reads one notification the caller may see, or throws 404/403. */
export async function findNotificationFor(
  db: Db,
  p: Principal,
  id: string,
): Promise<NotificationRow & { province: string }> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('notification', id);
  const allowed =
    p.role === 'admin' ||
    (p.role === 'coordinator' && row.province === p.province) ||
    ((p.role === 'parquet_clerk' || RECIPIENT_ROLES.has(p.role)) && row.agency_id === p.agencyId);
  if (!allowed) throw forbidden(`notification ${id} is not addressed to ${p.agencyId}`);
  return row;
}

/** Marks a notification handled (idempotent: the first handling wins). */
export async function markHandled(
  trx: Db,
  id: string,
  by: string,
  at: string,
  note: string | undefined,
): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ handled_at: at, handled_by: by, handle_note: note ?? null })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .execute();
}

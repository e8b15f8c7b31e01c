import type { Db } from '../store/database';

/**
 * The notification kinds that also leave the app: escalations and breach reports, and the
 * lifecycle's (contract NOTIFICATION_KINDS): revocations, measure ends, revisions, moves, release
 * announcements, the chasing (reminders, overdue and periodic reports) and mandates closed by a move.
 * Old-channel cases and manual assignments stay in the coordinator's inbox.
 */
export const DELIVERED_KINDS: ReadonlySet<string> = new Set([
  'escalation',
  'breach',
  'measure_revoked',
  'measure_ended',
  'measure_revised',
  'domicile_moved',
  'release_announced',
  'reminder',
  'report_overdue',
  'report_due',
  'mandate_closed',
]);

export type MessageChannel = 'email' | 'webhook';

/**
 * Inside the transaction that writes a notification: one message per channel the agency has set up,
 * keyed by notification and channel, so a notification written once is sent once per channel and a
 * crash after the commit loses nothing (the dispatcher finds the rows at its next pass). Only where
 * the message goes is stored; its words are written when it is sent, from the case as it then is.
 */
export async function enqueueMessagesIn(
  trx: Db,
  n: { notificationId: string; kind: string; agencyId: string; at: string },
): Promise<number> {
  if (!DELIVERED_KINDS.has(n.kind)) return 0;
  const settings = await trx
    .selectFrom('agency_delivery')
    .select(['emails', 'webhook_url'])
    .where('agency_id', '=', n.agencyId)
    .executeTakeFirst();
  if (!settings) return 0;
  const emails = JSON.parse(settings.emails) as string[];
  const targets: Array<[MessageChannel, string]> = [];
  if (emails.length > 0) targets.push(['email', JSON.stringify(emails)]);
  if (settings.webhook_url) targets.push(['webhook', settings.webhook_url]);
  for (const [channel, target] of targets) {
    await trx
      .insertInto('outgoing_messages')
      .values({
        id: `${n.notificationId}:${channel}`,
        notification_id: n.notificationId,
        agency_id: n.agencyId,
        channel,
        target,
        created_at: n.at,
        attempts: 0,
        next_attempt_at: n.at,
        sent_at: null,
        given_up_at: null,
        last_error: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return targets.length;
}

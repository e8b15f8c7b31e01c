import { transact } from '../store/database';
import type { Principal } from '../auth/roles';
import { advanceStatus } from '../views/decision-records';
import { UserError } from '../errors';
import { checkRecipient } from './create-mandate';
import { isMandateKind } from '../domain/mandate-kinds';
import type { ServiceContext } from '../service-context';
import {
  findNotificationFor,
  markHandled,
  notificationView,
  type NotificationView,
} from '../notifications/notifications';

/**
 * Marks a notification handled. For a manual assignment, `recipientId` names the agency the
 * coordinator chose: the mandate is readdressed to it (its process keeps waiting for the
 * acknowledgement, now from the right agency).
 */
export async function handleNotification(
  ctx: ServiceContext,
  p: Principal,
  id: string,
  body: { note?: string; recipientId?: string },
  justification?: string,
): Promise<NotificationView> {
  const n = await findNotificationFor(ctx.db, p, id);
  let kind: string | undefined;
  if (n.kind === 'manual_assignment' && n.mandate_id) {
    const m = await ctx.db
      .selectFrom('mandates')
      .select(['kind', 'manual_assignment'])
      .where('id', '=', n.mandate_id)
      .executeTakeFirstOrThrow();
    kind = m.kind;
    if (!body.recipientId && m.manual_assignment === 1) {
      throw new UserError(
        400,
        'validation_failed',
        'Recipient needed',
        'a manual assignment is handled by naming the recipient',
        [{ field: 'recipientId', code: 'required', message: 'name the agency that receives this mandate' }],
      );
    }
    if (body.recipientId && isMandateKind(kind)) checkRecipient(ctx.reference, kind, body.recipientId);
  }
  await transact(ctx.db, async (trx) => {
    const now = ctx.clock.now().toISOString();
    if (kind && body.recipientId && n.mandate_id) {
      await trx
        .updateTable('mandates')
        .set({ recipient_id: body.recipientId, manual_assignment: 0 })
        .where('id', '=', n.mandate_id)
        .where('manual_assignment', '=', 1)
        .execute();
      const stillManual = await trx
        .selectFrom('mandates')
        .select('id')
        .where('decision_id', '=', n.decision_id)
        .where('manual_assignment', '=', 1)
        .executeTakeFirst();
      if (!stillManual) await advanceStatus(trx, n.decision_id, 'routed', ['manual_assignment']);
    }
    await markHandled(trx, id, p.user, now, body.note);
    await ctx.audit.appendIn(trx, {
      user: p.user,
      agencyId: p.agencyId,
      action: body.recipientId ? 'mandate.assign' : 'notification.handle',
      object: n.mandate_id ?? n.decision_id,
      justification,
      outcome: 'ok',
    });
  });
  const row = await ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return notificationView(row);
}

import { transact } from '../store/database';
import { coordinatorOf } from '../auth/roles';
import { recordEvent } from '../views/decision-records';
import { notifyOnce } from '../notifications/notifications';
import { systemActor, type ServiceContext } from '../service-context';

/**
 * The acknowledgement deadline of a mandate passed: marks it overdue and notifies the province's
 * coordinator (once). If the acknowledgement won the race (the mandate is no longer issued), nothing
 * is escalated. `by` names the job type for the audit log.
 */
export async function escalateMandate(ctx: ServiceContext, mandateId: string, by: string): Promise<void> {
  await transact(ctx.db, async (trx) => {
    const m = await trx.selectFrom('mandates').selectAll().where('id', '=', mandateId).executeTakeFirst();
    if (!m || m.status !== 'issued') return;
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('mandates')
      .set({ overdue: 1, escalated_at: m.escalated_at ?? now })
      .where('id', '=', mandateId)
      .execute();
    const coordinator = coordinatorOf(m.province);
    await notifyOnce(trx, {
      kind: 'escalation',
      agencyId: coordinator,
      province: m.province,
      decisionId: m.decision_id,
      mandateId,
      at: now,
      detail: `mandate ${mandateId} (${m.kind}) to ${m.recipient_id} is not acknowledged; its deadline was ${m.deadline}`,
    });
    await recordEvent(trx, {
      decisionId: m.decision_id,
      at: now,
      event: 'mandate_escalated',
      mandateId,
      agencyId: coordinator,
    });
    await ctx.audit.appendIn(trx, {
      ...systemActor(by),
      action: 'mandate.escalate',
      object: mandateId,
      outcome: 'ok',
    });
  });
}

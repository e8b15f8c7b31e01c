import { recordEvent } from '../views/decision-records';
import { loadMandate } from '../views/mandate-access';
import { notifyOnce } from '../notifications/notifications';
import type { ServiceContext } from '../service-context';
import { transact } from '../store/database';

/**
 * The chasing of one mandate (process `mandate-follow-up`); each call is one firing of a timer, named
 * by `occurrence` (the job's element instance), so a redelivered job tells nobody twice.
 */

/** Worker `iplus:remind`: the mandate is still unacknowledged after its escalation: remind its recipient again. */
export async function remindRecipient(
  ctx: ServiceContext,
  mandateId: string,
  occurrence: string,
): Promise<boolean> {
  return transact(ctx.db, async (trx) => {
    const m = await loadMandate(trx, mandateId);
    if (m.status !== 'issued') return false;
    const at = ctx.clock.now().toISOString();
    await notifyOnce(trx, {
      kind: 'reminder',
      agencyId: m.recipient_id,
      province: m.province,
      decisionId: m.decision_id,
      mandateId,
      occurrence,
      at,
      detail: `mandate ${mandateId} is still not acknowledged (deadline ${m.deadline}): acknowledge it in your inbox`,
    });
    await recordEvent(trx, {
      decisionId: m.decision_id,
      at,
      event: 'mandate_reminded',
      mandateId,
      agencyId: m.recipient_id,
      occurrence,
    });
    return true;
  });
}

/** Worker `iplus:report-overdue`: acknowledged, but no report by the report deadline: the parquet is told. */
export async function reportOverdue(
  ctx: ServiceContext,
  mandateId: string,
  occurrence: string,
): Promise<boolean> {
  return transact(ctx.db, async (trx) => {
    const m = await loadMandate(trx, mandateId);
    if (m.status !== 'acknowledged') return false;
    const at = ctx.clock.now().toISOString();
    await notifyOnce(trx, {
      kind: 'report_overdue',
      agencyId: m.parquet_id,
      province: m.province,
      decisionId: m.decision_id,
      mandateId,
      occurrence,
      at,
      detail: `${m.recipient_id} acknowledged mandate ${mandateId} but has not reported by the deadline`,
    });
    await recordEvent(trx, {
      decisionId: m.decision_id,
      at,
      event: 'report_overdue',
      mandateId,
      agencyId: m.recipient_id,
      occurrence,
    });
    return true;
  });
}

/**
 * Worker `iplus:request-report`: a guidance period is over: the justice house owes its next report.
 * The mandate waits for it again (status acknowledged; the last report stays on the timeline).
 */
export async function requestPeriodicReport(
  ctx: ServiceContext,
  mandateId: string,
  occurrence: string,
): Promise<boolean> {
  return transact(ctx.db, async (trx) => {
    const m = await loadMandate(trx, mandateId);
    if (m.status === 'closed') return false;
    const at = ctx.clock.now().toISOString();
    if (m.status === 'reported') {
      await trx.updateTable('mandates').set({ status: 'acknowledged' }).where('id', '=', mandateId).execute();
    }
    await notifyOnce(trx, {
      kind: 'report_due',
      agencyId: m.recipient_id,
      province: m.province,
      decisionId: m.decision_id,
      mandateId,
      occurrence,
      at,
      detail: `the next periodic report on mandate ${mandateId} is due`,
    });
    await recordEvent(trx, {
      decisionId: m.decision_id,
      at,
      event: 'periodic_report_due',
      mandateId,
      agencyId: m.recipient_id,
      occurrence,
    });
    return true;
  });
}

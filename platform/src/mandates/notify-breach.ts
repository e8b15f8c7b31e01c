import { transact } from '../store/database';
import { recordEvent } from '../views/decision-records';
import { notifyOnce } from '../notifications/notifications';
import { systemActor, type ServiceContext } from '../service-context';

/** What a recipient reported, as the process carries it. */
export interface BreachReport {
  outcome?: string;
  text?: string;
}

/**
 * A recipient reported a breach (address not verified, person absent, condition broken): notifies the
 * decision's parquet, once. `by` names the job type for the audit log.
 */
export async function notifyBreach(
  ctx: ServiceContext,
  mandateId: string,
  report: BreachReport,
  by: string,
): Promise<void> {
  await transact(ctx.db, async (trx) => {
    const m = await trx.selectFrom('mandates').selectAll().where('id', '=', mandateId).executeTakeFirst();
    if (!m) throw new Error(`mandate ${mandateId} does not exist`);
    const now = ctx.clock.now().toISOString();
    await notifyOnce(trx, {
      kind: 'breach',
      agencyId: m.parquet_id,
      province: m.province,
      decisionId: m.decision_id,
      mandateId,
      at: now,
      detail: `${m.recipient_id} reports ${report.outcome ?? m.report_outcome ?? 'a breach'} on mandate ${mandateId}${
        report.text || m.report_text ? `: ${report.text ?? m.report_text}` : ''
      }`,
    });
    await recordEvent(trx, {
      decisionId: m.decision_id,
      at: now,
      event: 'breach_reported',
      mandateId,
      agencyId: m.parquet_id,
    });
    await ctx.audit.appendIn(trx, {
      ...systemActor(by),
      action: 'breach.notify',
      object: mandateId,
      outcome: 'ok',
    });
  });
}

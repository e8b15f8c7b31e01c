import { transact } from '../../store/database';
import { recordEvent } from '../../decisions/decision-records';
import { notifyOnce } from '../../notifications/notifications';
import { systemActor } from '../../service-context';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:report-breach`: a recipient reported a breach (address not verified, person absent,
 * condition broken). Notifies the decision's parquet, once. Input `mandateId` (and `report`).
 */
export const reportBreachWorker: TaskWorker = {
  taskType: 'iplus:report-breach',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const mandateId = requireString(job, 'mandateId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      const { ctx } = deps;
      await transact(ctx.db, async (trx) => {
        const m = await trx.selectFrom('mandates').selectAll().where('id', '=', mandateId).executeTakeFirst();
        if (!m) throw new Error(`mandate ${mandateId} does not exist`);
        const now = ctx.clock.now().toISOString();
        const report = (job.variables.report ?? {}) as { outcome?: string; text?: string };
        await notifyOnce(trx, {
          kind: 'breach',
          agencyId: m.parquet_id,
          province: m.province,
          decisionId: m.decision_id,
          mandateId,
          // a guidance mandate reports periodically: each breach report is told once
          ...(m.report_count > 1 ? { occurrence: String(m.report_count) } : {}),
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
          ...(m.report_count > 1 ? { occurrence: String(m.report_count) } : {}),
        });
        await ctx.audit.appendIn(trx, {
          ...systemActor(job.type),
          action: 'breach.notify',
          object: mandateId,
          outcome: 'ok',
        });
      });
      return job.complete();
    }),
};

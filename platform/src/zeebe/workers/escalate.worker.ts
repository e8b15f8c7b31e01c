import { transact } from '../../store/database';
import { coordinatorOf } from '../../auth/roles';
import { recordEvent } from '../../decisions/decision-records';
import { notifyOnce } from '../../notifications/notifications';
import { systemActor } from '../../service-context';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:escalate`: the acknowledgement deadline passed. Marks the mandate overdue and notifies the
 * province's coordinator (once). Input `mandateId`. If the acknowledgement won the race, nothing is
 * escalated.
 */
export const escalateWorker: TaskWorker = {
  taskType: 'iplus:escalate',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const mandateId = requireString(job, 'mandateId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      const { ctx } = deps;
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
          ...systemActor(job.type),
          action: 'mandate.escalate',
          object: mandateId,
          outcome: 'ok',
        });
      });
      return job.complete();
    }),
};

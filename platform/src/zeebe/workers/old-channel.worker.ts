import { transact } from '../../store/database';
import { coordinatorOf } from '../../auth/roles';
import { advanceStatus, findDecision, recordEvent } from '../../decisions/decision-records';
import { notifyOnce } from '../../notifications/notifications';
import { systemActor } from '../../service-context';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import { recordRouting } from '../../decisions/record-routing';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:old-channel`: the region is not live. Notifies the province's coordinator, who sends the
 * case the old way; no signalement and no mandate are created. Input `decisionId` (and `routing`).
 */
export const oldChannelWorker: TaskWorker = {
  taskType: 'iplus:old-channel',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const decisionId = requireString(job, 'decisionId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      const { ctx } = deps;
      await transact(ctx.db, async (trx) => {
        const d = await findDecision(trx, decisionId);
        if (!d) throw new Error(`decision ${decisionId} does not exist`);
        const now = ctx.clock.now().toISOString();
        await recordRouting(trx, decisionId, job.variables.routing, now);
        const coordinator = coordinatorOf(d.province);
        await notifyOnce(trx, {
          kind: 'old_channel',
          agencyId: coordinator,
          province: d.province,
          decisionId,
          at: now,
          detail: `decision ${decisionId} (${d.reference}) concerns a region not live on iplus yet: send it through the old channel`,
        });
        await advanceStatus(trx, decisionId, 'old_channel', ['received', 'routed']);
        await recordEvent(trx, { decisionId, at: now, event: 'old_channel', agencyId: coordinator });
        await ctx.audit.appendIn(trx, {
          ...systemActor(job.type),
          action: 'decision.old_channel',
          object: decisionId,
          outcome: 'ok',
        });
      });
      return job.complete();
    }),
};

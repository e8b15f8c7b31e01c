import { notifyBreach, type BreachReport } from '../../mandates/notify-breach';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:report-breach`: a recipient reported a breach. Input `mandateId` (and `report`); the use
 * case notifies the decision's parquet, once.
 */
export const reportBreachWorker: TaskWorker = {
  taskType: 'iplus:report-breach',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const mandateId = requireString(job, 'mandateId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      await notifyBreach(deps.ctx, mandateId, (job.variables.report ?? {}) as BreachReport, job.type);
      return job.complete();
    }),
};

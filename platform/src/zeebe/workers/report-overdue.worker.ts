import { reportOverdue } from '../../lifecycle/chase-mandate';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/** `iplus:report-overdue`: the report deadline passed after the acknowledgement; the parquet is told. */
export const reportOverdueWorker: TaskWorker = {
  taskType: 'iplus:report-overdue',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      await reportOverdue(deps.ctx, requireString(job, 'mandateId'), job.elementInstanceKey);
      return job.complete();
    }),
};

import { requestPeriodicReport } from '../../lifecycle/chase-mandate';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/** `iplus:request-report`: a guidance period is over; the justice house owes its next report. */
export const requestReportWorker: TaskWorker = {
  taskType: 'iplus:request-report',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      await requestPeriodicReport(deps.ctx, requireString(job, 'mandateId'), job.elementInstanceKey);
      return job.complete();
    }),
};

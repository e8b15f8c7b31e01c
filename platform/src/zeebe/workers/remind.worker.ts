import { remindRecipient } from '../../lifecycle/chase-mandate';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/** `iplus:remind`: one firing of the reminder cycle; the job's element instance names the reminder. */
export const remindWorker: TaskWorker = {
  taskType: 'iplus:remind',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      await remindRecipient(deps.ctx, requireString(job, 'mandateId'), job.elementInstanceKey);
      return job.complete();
    }),
};

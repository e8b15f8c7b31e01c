import { escalateMandate } from '../../mandates/escalate-mandate';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:escalate`: the acknowledgement deadline passed. Input `mandateId`; the use case marks the
 * mandate overdue and notifies the coordinator, unless the acknowledgement won the race.
 */
export const escalateWorker: TaskWorker = {
  taskType: 'iplus:escalate',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const mandateId = requireString(job, 'mandateId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      await escalateMandate(deps.ctx, mandateId, job.type);
      return job.complete();
    }),
};

import { sendToOldChannel } from '../../routing/send-to-old-channel';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:old-channel`: the region is not live. Input `decisionId` (and `routing`); the use case
 * notifies the province's coordinator, who sends the case the old way.
 */
export const oldChannelWorker: TaskWorker = {
  taskType: 'iplus:old-channel',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const decisionId = requireString(job, 'decisionId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      await sendToOldChannel(deps.ctx, decisionId, job.variables.routing, job.type);
      return job.complete();
    }),
};

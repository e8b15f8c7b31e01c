import { applyRevision } from '../../lifecycle/revise-measure';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { LIFECYCLE_MESSAGES } from '../../lifecycle/lifecycle-messages';
import { cancelDuplicateTaking, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:revise-measure`: inputs `decisionId`, `revisionId`; the signalement updated, recipients told.
 * A revision (message `MeasureRevised`) that a duplicate instance took is passed on to the recorded one.
 */
export const reviseMeasureWorker: TaskWorker = {
  taskType: 'iplus:revise-measure',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const revisionId = requireString(job, 'revisionId');
      if (!(await isRecordedInstance(job, deps)))
        return cancelDuplicateTaking(job, deps, { name: LIFECYCLE_MESSAGES.revised, messageId: revisionId });
      await applyRevision(deps.ctx, deps.bng, requireString(job, 'decisionId'), revisionId);
      return job.complete();
    }),
};

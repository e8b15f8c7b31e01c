import { applyRevision } from '../../lifecycle/revise-measure';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/** `iplus:revise-measure`: inputs `decisionId`, `revisionId`; the signalement updated, recipients told. */
export const reviseMeasureWorker: TaskWorker = {
  taskType: 'iplus:revise-measure',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      await applyRevision(
        deps.ctx,
        deps.bng,
        requireString(job, 'decisionId'),
        requireString(job, 'revisionId'),
      );
      return job.complete();
    }),
};

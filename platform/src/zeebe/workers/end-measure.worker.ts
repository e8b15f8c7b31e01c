import { endMeasure } from '../../lifecycle/end-measure';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/** `iplus:end-measure`: inputs `decisionId`, `outcome` (`ended` or `revoked`). */
export const endMeasureWorker: TaskWorker = {
  taskType: 'iplus:end-measure',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const decisionId = requireString(job, 'decisionId');
      const outcome = job.variables.outcome;
      if (outcome !== 'ended' && outcome !== 'revoked') {
        throw new MissingVariable(`job ${job.type} needs variable "outcome": "ended" or "revoked"`);
      }
      await endMeasure(deps.ctx, deps.bng, decisionId, outcome, systemActor(job.type));
      return job.complete();
    }),
};

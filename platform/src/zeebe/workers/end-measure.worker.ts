import { endMeasure } from '../../lifecycle/end-measure';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:end-measure`: inputs `decisionId`, `outcome` (`ended` or `revoked`).
 *
 * The end reached by the timer is checked like every first job: a duplicate instance (a start
 * repeated across a crash) that began after the measure's end has its timer due at once, which ends
 * its period before its signalement and mandates are worked, so this job is where it is cancelled
 * (it would otherwise complete, ending again a measure its recorded instance ended). A revocation is
 * not: the engine hands a message to one instance of the process, and a duplicate that took it is
 * the only one that will end the measure.
 */
export const endMeasureWorker: TaskWorker = {
  taskType: 'iplus:end-measure',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const decisionId = requireString(job, 'decisionId');
      const outcome = job.variables.outcome;
      if (outcome !== 'ended' && outcome !== 'revoked') {
        throw new MissingVariable(`job ${job.type} needs variable "outcome": "ended" or "revoked"`);
      }
      if (outcome === 'ended' && !(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      await endMeasure(deps.ctx, deps.bng, decisionId, outcome, systemActor(job.type));
      return job.complete();
    }),
};

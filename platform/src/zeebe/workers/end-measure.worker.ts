import { endMeasure } from '../../lifecycle/end-measure';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, cancelDuplicateTaking, isRecordedInstance } from './instance-claim';
import { LIFECYCLE_MESSAGES } from '../../lifecycle/lifecycle-messages';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:end-measure`: inputs `decisionId`, `outcome` (`ended` or `revoked`).
 *
 * The end reached by the timer is checked like every first job: a duplicate instance (a start
 * repeated across a crash) that began after the measure's end has its timer due at once, which ends
 * its period before its signalement and mandates are worked, so this job is where it is cancelled
 * (it would otherwise complete, ending again a measure its recorded instance ended). A revocation
 * (message `MeasureRevoked`, which the engine hands to one instance of the process) that a duplicate
 * took is passed on to the recorded instance, and the duplicate cancelled.
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
      if (!(await isRecordedInstance(job, deps)))
        return outcome === 'ended'
          ? cancelDuplicate(job, deps)
          : cancelDuplicateTaking(job, deps, {
              name: LIFECYCLE_MESSAGES.revoked,
              messageId: requireString(job, 'revocationId'),
            });
      await endMeasure(deps.ctx, deps.bng, decisionId, outcome, systemActor(job.type));
      return job.complete();
    }),
};

import { applyMove } from '../../lifecycle/apply-move';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { LIFECYCLE_MESSAGES } from '../../lifecycle/lifecycle-messages';
import { cancelDuplicateTaking, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:move-domicile`: inputs `decisionId`, `moveId`, `routing` (the new municipality's routing). A
 * move (message `DomicileMoved`) that a duplicate instance took is passed on to the recorded one.
 */
export const moveDomicileWorker: TaskWorker = {
  taskType: 'iplus:move-domicile',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const routing = job.variables.routing;
      if (!routing || typeof routing !== 'object') {
        throw new MissingVariable(
          `job ${job.type} needs variable "routing" (the routing of the new domicile)`,
        );
      }
      const moveId = requireString(job, 'moveId');
      if (!(await isRecordedInstance(job, deps, false)))
        return cancelDuplicateTaking(job, deps, { name: LIFECYCLE_MESSAGES.moved, messageId: moveId });
      const r = await applyMove(
        deps.ctx,
        deps.bng,
        requireString(job, 'decisionId'),
        moveId,
        routing,
        systemActor(job.type),
      );
      return job.complete({ reissued: r.reissued, oldChannel: r.oldChannel });
    }),
};

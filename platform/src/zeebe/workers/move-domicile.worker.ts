import { applyMove } from '../../lifecycle/apply-move';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/** `iplus:move-domicile`: inputs `decisionId`, `moveId`, `routing` (the new municipality's routing). */
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
      const r = await applyMove(
        deps.ctx,
        deps.bng,
        requireString(job, 'decisionId'),
        requireString(job, 'moveId'),
        routing,
        systemActor(job.type),
      );
      return job.complete({ reissued: r.reissued, oldChannel: r.oldChannel });
    }),
};

import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:apply-rollout-switch` (process `rollout-switch`): its timer fired, so the planned switch
 * `switchId` is applied (routing table rewritten and deployed, history updated). Idempotent: a switch
 * applied or cancelled already is left alone.
 */
export const applyRolloutSwitchWorker: TaskWorker = {
  taskType: 'iplus:apply-rollout-switch',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const switchId = requireString(job, 'switchId');
      if (!deps.rolloutSwitches) throw new Error('this platform applies no planned rollout switches');
      await deps.rolloutSwitches.applyPlanned(switchId, job.type);
      return job.complete();
    }),
};

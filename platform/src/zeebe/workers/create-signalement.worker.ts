import { ensureSignalement } from '../../signalements/ensure-signalement';
import { systemActor } from '../../service-context';
import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:create-signalement`: flags the person in the BNG through the configured adapter. Input
 * `decisionId`; output `signalementId`. Idempotent per decision; an unreachable BNG endpoint fails
 * the job (retried with back-off, then an incident).
 */
export const createSignalementWorker: TaskWorker = {
  taskType: 'iplus:create-signalement',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const decisionId = requireString(job, 'decisionId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      const { id } = await ensureSignalement(deps.ctx, deps.bng, decisionId, {
        ...systemActor(job.type),
        justification: `process ${job.bpmnProcessId} ${job.processInstanceKey}`,
      });
      return job.complete({ signalementId: id });
    }),
};

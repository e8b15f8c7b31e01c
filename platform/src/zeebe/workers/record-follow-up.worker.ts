import { requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:record-follow-up`: the first step of a follow-up the platform started (a mandate issued by
 * hand or after a move). Records this instance as the mandate's one follow-up, first come first
 * served, before the instance listens for the mandate's messages: a second instance, left by a crash
 * between the start and the outbox recording its key, is cancelled here, seconds after it began,
 * instead of at its first escalation hours later, so it never takes an acknowledgement or report
 * meant for the recorded one (the engine hands a message to one instance of a process only).
 */
export const recordFollowUpWorker: TaskWorker = {
  taskType: 'iplus:record-follow-up',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      requireString(job, 'mandateId');
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      return job.complete();
    }),
};

import {
  CONDITIONAL_RELEASE,
  claimDecisionInstance,
  claimMandateInstance,
  MANDATE_FOLLOW_UP,
} from '../process-starts';
import type { IplusJob, JobAction } from './job-outcome';
import type { WorkerDeps } from './worker-deps';

/**
 * Whether this job's process instance is the one recorded for its decision (or hand-issued mandate).
 * False only for a duplicate instance left by a crash between starting it and recording it: the
 * caller then cancels that instance instead of acting twice. Instances of other processes (an
 * analyst's own diagram using our element templates) are always acted on.
 */
export async function isRecordedInstance(job: IplusJob, deps: WorkerDeps): Promise<boolean> {
  const { decisionId, mandateId } = job.variables;
  if (job.bpmnProcessId === CONDITIONAL_RELEASE && typeof decisionId === 'string') {
    return claimDecisionInstance(deps.ctx.db, decisionId, job.processInstanceKey);
  }
  if (job.bpmnProcessId === MANDATE_FOLLOW_UP && typeof mandateId === 'string') {
    const m = await deps.ctx.db
      .selectFrom('mandates')
      .select('origin')
      .where('id', '=', mandateId)
      .executeTakeFirst();
    // A mandate the decision's process issued is followed up by its call activity: the decision's
    // instance is the one claimed, the child is part of it.
    if (m?.origin === 'process') return true;
    return claimMandateInstance(deps.ctx.db, mandateId, job.processInstanceKey);
  }
  return true;
}

/**
 * Cancels this job's process instance, a duplicate left by a crash (see isRecordedInstance), and lets
 * the job go with it. Cancelling an instance already gone counts as done.
 */
export async function cancelDuplicate(job: IplusJob, deps: WorkerDeps): JobAction {
  deps.ctx.logger.warn('cancelling a duplicate process instance', {
    processInstanceKey: job.processInstanceKey,
    type: job.type,
  });
  await deps.engine.cancelProcessInstance(job.processInstanceKey);
  return job.forward();
}

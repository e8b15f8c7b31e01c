import { issueMandate } from '../../mandates/issue-mandate';
import { isMandateKind } from '../../mandates/mandate-kinds';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { isRecordedInstance } from './instance-claim';
import { recordRouting } from './record-routing';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:issue-mandate`: one mandate per recipient of the multi-instance. Input `decisionId`,
 * `recipient` `{ kind, agencyId }` (agencyId null → manual assignment by the coordinator),
 * `ackDeadline`; output `mandateId`. A redelivered job finds the mandate it created.
 */
export const issueMandateWorker: TaskWorker = {
  taskType: 'iplus:issue-mandate',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const decisionId = requireString(job, 'decisionId');
      const recipient = job.variables.recipient as { kind?: unknown; agencyId?: unknown } | undefined;
      if (!recipient || !isMandateKind(recipient.kind)) {
        throw new MissingVariable(
          `job ${job.type} needs variable "recipient" = { kind: police_check|guidance|monitoring, agencyId }`,
        );
      }
      if (!(await isRecordedInstance(job, deps))) return job.cancelWorkflow();
      const { ctx } = deps;
      await recordRouting(ctx.db, decisionId, job.variables.routing, ctx.clock.now().toISOString());
      const agencyId =
        typeof recipient.agencyId === 'string' && recipient.agencyId !== '' ? recipient.agencyId : null;
      const deadline =
        typeof job.variables.ackDeadline === 'string' ? job.variables.ackDeadline : ctx.settings.ackDeadline;
      const { id } = await issueMandate(
        ctx,
        {
          decisionId,
          kind: recipient.kind,
          recipientId: agencyId,
          deadline,
          origin: 'process',
          processInstanceKey: job.processInstanceKey,
        },
        { ...systemActor(job.type), justification: `process ${job.bpmnProcessId} ${job.processInstanceKey}` },
      );
      return job.complete({ mandateId: id });
    }),
};

import { issueMandate } from '../../mandates/issue-mandate';
import { isMandateKind } from '../../domain/mandate-kinds';
import { checkProcessRecipient } from '../../mandates/process-recipient';
import { evaluateRouting } from '../../routing/preview-routing';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:issue-mandate`: one mandate per recipient of the multi-instance. Inputs `decisionId`, `kind`,
 * `recipientId` (null → manual assignment by the coordinator) and `deadline` (ISO duration or time);
 * `recipient` `{ kind, agencyId }` and `ackDeadline` are read when those are absent. Output
 * `mandateId`. A redelivered job finds the mandate it created. The recipient must be the one the
 * platform's routing (or a coordinator) names for the decision: otherwise an incident, no mandate.
 */
export const issueMandateWorker: TaskWorker = {
  taskType: 'iplus:issue-mandate',
  handle: (job: IplusJob, deps: WorkerDeps): JobAction =>
    settle(job, deps.ctx.logger, async () => {
      const decisionId = requireString(job, 'decisionId');
      const v = job.variables;
      const recipient = (v.recipient ?? {}) as { kind?: unknown; agencyId?: unknown };
      const givenKind = v.kind ?? recipient.kind;
      if (!isMandateKind(givenKind)) {
        throw new MissingVariable(
          `job ${job.type} needs variable "kind" (police_check, guidance or monitoring); see bpmn/README.md`,
        );
      }
      const kind = givenKind;
      if (!(await isRecordedInstance(job, deps))) return cancelDuplicate(job, deps);
      const { ctx } = deps;
      const given = 'recipientId' in v ? v.recipientId : recipient.agencyId;
      const agencyId = typeof given === 'string' && given !== '' ? given : null;
      const deadline =
        typeof v.deadline === 'string' && v.deadline !== ''
          ? v.deadline
          : typeof v.ackDeadline === 'string'
            ? v.ackDeadline
            : ctx.settings.ackDeadline;
      await checkProcessRecipient(ctx, { decisionId, kind, recipientId: agencyId }, (c) =>
        evaluateRouting(deps.engine, c),
      );
      const { id } = await issueMandate(
        ctx,
        {
          decisionId,
          kind,
          recipientId: agencyId,
          deadline,
          origin: 'process',
          processInstanceKey: job.processInstanceKey,
          routing: v.routing,
        },
        { ...systemActor(job.type), justification: `process ${job.bpmnProcessId} ${job.processInstanceKey}` },
      );
      return job.complete({ mandateId: id });
    }),
};

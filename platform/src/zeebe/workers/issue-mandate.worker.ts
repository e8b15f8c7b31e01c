import { DEFAULT_CHASE, followUpPlan } from '../../domain/follow-up-plan';
import { isMandateKind } from '../../domain/mandate-kinds';
import { issueToCurrentDomicile, NOT_CLAIMED } from '../../lifecycle/issue-to-current-domicile';
import { evaluateRouting } from '../../routing/preview-routing';
import { systemActor } from '../../service-context';
import { MissingVariable, requireString, settle, type IplusJob, type JobAction } from './job-outcome';
import { cancelDuplicate, isRecordedInstance } from './instance-claim';
import type { TaskWorker, WorkerDeps } from './worker-deps';

/**
 * `iplus:issue-mandate`: one mandate per recipient of the multi-instance. Inputs `decisionId`, `kind`,
 * `recipientId` (null → manual assignment by the coordinator) and `deadline` (ISO duration or time);
 * `recipient` `{ kind, agencyId }` and `ackDeadline` are read when those are absent. Outputs
 * `mandateId` and `followUp` (reminder cycle, report deadline and period: domain/follow-up-plan.ts). A redelivered job finds the mandate it created. The recipient must be the one the
 * platform's routing (or a coordinator) names for the decision: otherwise an incident, no mandate.
 * After a move the newest domicile's recipient gets it, or nothing is issued (`mandateId` null: the
 * move's re-routing handles that kind; lifecycle/issue-to-current-domicile.ts).
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
      // The claim runs beside the issue's first reads (issueToCurrentDomicile awaits it before acting).
      const claimed = isRecordedInstance(job, deps);
      const { ctx } = deps;
      const given = 'recipientId' in v ? v.recipientId : recipient.agencyId;
      const agencyId = typeof given === 'string' && given !== '' ? given : null;
      const deadline =
        typeof v.deadline === 'string' && v.deadline !== ''
          ? v.deadline
          : typeof v.ackDeadline === 'string'
            ? v.ackDeadline
            : ctx.settings.ackDeadline;
      const issued = await issueToCurrentDomicile(
        ctx,
        { decisionId, kind, recipientId: agencyId, deadline, processInstanceKey: job.processInstanceKey },
        (c) => evaluateRouting(deps.engine, c),
        { ...systemActor(job.type), justification: `process ${job.bpmnProcessId} ${job.processInstanceKey}` },
        claimed,
      );
      if (issued === NOT_CLAIMED) return cancelDuplicate(job, deps);
      if (issued === null) return job.complete({ mandateId: null, followUp: null });
      // A new mandate's deadline comes with it; one issued before (a redelivered job) is read.
      const row =
        issued.deadline !== undefined
          ? { kind, deadline: issued.deadline }
          : await ctx.db
              .selectFrom('mandates')
              .select(['kind', 'deadline'])
              .where('id', '=', issued.id)
              .executeTakeFirstOrThrow();
      const followUp = followUpPlan(ctx.settings.chase ?? DEFAULT_CHASE, row, String(v.measure ?? ''));
      return job.complete({ mandateId: issued.id, followUp });
    }),
};

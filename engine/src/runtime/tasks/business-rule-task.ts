import type { ElementBehaviour } from '../runtime-api';
import { jobTask } from './job-task';

/** Business rule task: evaluates the called decision into `resultVariable` (or a job when job-based). */
export const businessRuleTask: ElementBehaviour = {
  activated(rt, ei) {
    const call = ei.element.calledDecision;
    if (!call) return jobTask.activated(rt, ei);
    if (!rt.ports.decisions) {
      return rt.raiseIncident(
        ei,
        'CALLED_DECISION_ERROR',
        'decision evaluation is not available in this engine',
      );
    }
    const r = rt.ports.decisions.evaluateForTask(rt, ei, call, rt.context(ei));
    if (!r.ok) return rt.raiseIncident(ei, r.incidentType ?? 'DECISION_EVALUATION_ERROR', r.message);
    rt.complete(ei, { [call.resultVariable]: r.value });
  },
  terminating(rt, ei) {
    rt.cancelJob(ei);
  },
};

import type { ElementBehaviour } from '../runtime-api';
import { evaluateValue } from '../expressions';
import { jobTask } from './job-task';

/** Script task: a FEEL expression whose result becomes `resultVariable` (or a job when job-based). */
export const scriptTask: ElementBehaviour = {
  activated(rt, ei) {
    const script = ei.element.script;
    if (!script) return jobTask.activated(rt, ei);
    const r = evaluateValue(script.expression, rt.context(ei), rt.feel);
    if (!r.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', r.message);
    rt.complete(ei, { [script.resultVariable]: r.value });
  },
  terminating(rt, ei) {
    rt.cancelJob(ei);
  },
};

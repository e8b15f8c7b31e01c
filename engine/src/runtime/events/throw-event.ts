import type { ElementBehaviour, RuntimeApi } from '../runtime-api';
import type { ElementInstance } from '../instance-state';
import { jobTask } from '../tasks/job-task';
import { evaluateString } from '../expressions';
import { throwCompensation } from './compensation';

/**
 * Escalation throw and end events: the escalation goes to the nearest catch event; the thrower goes
 * on (takes its flows, or ends) unless an interrupting catch event ended it. Uncaught, it goes on too.
 */
function throwEscalation(rt: RuntimeApi, ei: ElementInstance): void {
  const code = evaluateString(
    ei.element.event?.escalationCode ?? '',
    rt.context(ei),
    'the escalation code',
    rt.feel,
  );
  if (!code.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', code.message);
  rt.throwEscalation(ei, code.value);
  rt.complete(ei);
}

/**
 * Intermediate throw events: none and link pass on, signal broadcasts, message runs a job,
 * escalation throws, compensation waits for its handlers.
 */
export const throwEvent: ElementBehaviour = {
  activated(rt, ei) {
    const event = ei.element.event;
    if (event?.kind === 'message') return jobTask.activated(rt, ei);
    if (event?.kind === 'escalation') return throwEscalation(rt, ei);
    if (event?.kind === 'compensation') return throwCompensation(rt, ei);
    if (event?.kind === 'signal') {
      const name = evaluateString(event.name ?? '', rt.context(ei), 'the signal name', rt.feel);
      if (!name.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', name.message);
      rt.broadcastSignal(name.value, {});
    }
    rt.complete(ei);
  },
  completed(rt, ei) {
    const target = ei.element.linkTargetElement;
    const scope = ei.instance.elements.get(ei.flowScopeKey);
    if (target && scope) rt.activate(scope, target, {});
    else if (scope) rt.takeFlows(ei, ei.element.outgoingFlows);
  },
  terminating(rt, ei) {
    rt.cancelJob(ei);
  },
};

/** End events: none ends the path, error and escalation throw, terminate ends the whole scope, signal broadcasts, compensation compensates. */
export const endEvent: ElementBehaviour = {
  activated(rt, ei) {
    const event = ei.element.event;
    switch (event?.kind) {
      case 'message':
        return jobTask.activated(rt, ei);
      case 'error': {
        const code = evaluateString(event.errorCode ?? '', rt.context(ei), 'the error code', rt.feel);
        if (!code.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', code.message);
        if (!rt.throwError(ei, code.value, event.errorMessage ?? '', {})) {
          rt.raiseIncident(
            ei,
            'UNHANDLED_ERROR_EVENT',
            `Expected to throw an error event with the code '${code.value}', but it was not caught. No error events are available in the scope.`,
          );
        }
        return;
      }
      case 'escalation':
        return throwEscalation(rt, ei);
      case 'compensation':
        return throwCompensation(rt, ei);
      case 'terminate':
        terminateScope(rt, ei);
        return rt.complete(ei);
      case 'signal': {
        const name = evaluateString(event.name ?? '', rt.context(ei), 'the signal name', rt.feel);
        if (!name.ok) return rt.raiseIncident(ei, 'EXTRACT_VALUE_ERROR', name.message);
        rt.broadcastSignal(name.value, {});
        return rt.complete(ei);
      }
      default:
        return rt.complete(ei);
    }
  },
  terminating(rt, ei) {
    rt.cancelJob(ei);
  },
};

function terminateScope(rt: RuntimeApi, ei: ElementInstance): void {
  const scope = ei.instance.elements.get(ei.flowScopeKey);
  if (!scope) return;
  for (const sibling of ei.instance.childrenOf(scope.key)) if (sibling !== ei) rt.terminate(sibling);
  delete scope.data.joins;
  rt.store.elementChanged(scope);
}

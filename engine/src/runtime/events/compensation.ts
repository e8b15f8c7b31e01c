import type { ElementInstance } from '../instance-state';
import type { RuntimeApi } from '../runtime-api';

/**
 * Compensation as Zeebe runs it: an activity with a compensation boundary event that completes is
 * remembered by its flow scope (a completed subprocess hands what it remembered to its own scope);
 * a compensation throw or end event invokes the handlers of the completed activities of its scope
 * (or of the one activity it names) and waits until every handler has completed.
 */
export function recordCompensation(rt: RuntimeApi, ei: ElementInstance, scope: ElementInstance): void {
  if (ei.data.compensates !== undefined) handlerCompleted(rt, ei);
  const boundary = ei.element.boundaryElements.find((b) => b.event?.kind === 'compensation');
  if (boundary) {
    (scope.data.compensable ??= []).push({ activity: ei.element.id, boundary: boundary.id, key: ei.key });
  }
  if (ei.type === 'SUB_PROCESS' && ei.data.compensable?.length) {
    const inner = ei.data.compensable.map((c) => ({ ...c, via: [ei.element.id, ...(c.via ?? [])] }));
    (scope.data.compensable ??= []).push(...inner);
  }
}

/** A compensation throw or end event was entered: invoke the handlers, latest completed first. */
export function throwCompensation(rt: RuntimeApi, ei: ElementInstance): void {
  const scope = ei.instance.elements.get(ei.flowScopeKey);
  if (!scope) return;
  // inside an event subprocess, compensation reaches the activities of the scope it interrupts
  const host =
    scope.type === 'EVENT_SUB_PROCESS' ? (ei.instance.elements.get(scope.flowScopeKey) ?? scope) : scope;
  const ref = ei.element.event?.activityRef;
  const all = host.data.compensable ?? [];
  const chosen = ref ? all.filter((c) => c.activity === ref || c.via?.[0] === ref) : all;
  if (chosen.length === 0) return rt.complete(ei);
  host.data.compensable = all.filter((c) => !chosen.includes(c));
  rt.store.elementChanged(host);
  ei.data.compensating = chosen.length;
  rt.store.elementChanged(ei);
  for (const c of [...chosen].reverse()) {
    const handlerId = ei.instance.process.element(c.boundary).compensationHandler!;
    const handler = rt.activate(scope, ei.instance.process.element(handlerId));
    handler.data.compensates = ei.key;
    rt.store.elementChanged(handler);
  }
}

function handlerCompleted(rt: RuntimeApi, handler: ElementInstance): void {
  const thrower = handler.instance.elements.get(handler.data.compensates!);
  if (!thrower || thrower.data.compensating === undefined) return;
  thrower.data.compensating -= 1;
  rt.store.elementChanged(thrower);
  if (thrower.data.compensating === 0) {
    delete thrower.data.compensating;
    rt.complete(thrower);
  }
}

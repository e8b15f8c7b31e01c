import type { Element } from '../../model/executable-process';
import type { ElementInstance, InstanceState } from '../instance-state';
import type { InstanceStore } from '../instance-store';

/** Element types whose instances can hold event subprocesses. */
const EVENT_SUBPROCESS_HOSTS = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

/** Where a thrown BPMN error is caught. */
export type ErrorCatch =
  /** An error boundary event of `attached` (terminated), activated in `scope`. */
  | { kind: 'boundary'; attached: ElementInstance; scope: ElementInstance; boundary: Element }
  /** The error start event of an event subprocess of `scope` (interrupted). */
  | { kind: 'event-subprocess'; scope: ElementInstance; start: Element };

/**
 * Looks for the catcher of error `code` thrown from `thrower`: outwards through its scopes, then
 * through the call activity of a parent instance. Only reads; the caller acts on the answer.
 */
export function findErrorCatch(
  store: InstanceStore,
  thrower: ElementInstance,
  code: string,
): ErrorCatch | undefined {
  let current: ElementInstance | undefined = thrower;
  while (current) {
    const inner = current.type !== 'MULTI_INSTANCE_BODY' && current.element.loop;
    if (!inner) {
      const boundary = matchError(current.element.boundaryElements, code);
      if (boundary) {
        const scope = current.instance.elements.get(current.flowScopeKey);
        if (scope) return { kind: 'boundary', attached: current, scope, boundary };
      }
    }
    const scope: ElementInstance | undefined = current.instance.elements.get(current.flowScopeKey);
    if (!scope) {
      const instance: InstanceState = current.instance;
      if (instance.parentInstanceKey === undefined) return undefined;
      current = store.get(instance.parentInstanceKey)?.elements.get(instance.parentElementInstanceKey!);
      continue;
    }
    if (EVENT_SUBPROCESS_HOSTS.has(scope.type) && !scope.data.interrupted) {
      const starts = scope.element.eventSubProcessElements.map((esp) => esp.startElement!).filter(Boolean);
      const start = matchError(starts, code);
      if (start) return { kind: 'event-subprocess', scope, start };
    }
    current = scope;
  }
  return undefined;
}

/** The error catch event for a code: an exact match first, else one without a code (catch-all). */
function matchError(candidates: readonly Element[], code: string): Element | undefined {
  const errors = candidates.filter((c) => c.event?.kind === 'error');
  return errors.find((c) => c.event?.errorCode === code) ?? errors.find((c) => !c.event?.errorCode);
}

import type { Element } from '../../model/executable-process';
import type { ElementInstance, InstanceState } from '../instance-state';
import type { InstanceStore } from '../instance-store';
import type { RuntimeApi } from '../runtime-api';
import type { Variables } from '../variables';

/** Element types whose instances can hold event subprocesses. */
const EVENT_SUBPROCESS_HOSTS = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

/** Where a thrown BPMN error or escalation is caught. */
export type EventCatch =
  /** A boundary event of `attached` (terminated when interrupting), activated in `scope`. */
  | { kind: 'boundary'; attached: ElementInstance; scope: ElementInstance; boundary: Element }
  /** The start event of an event subprocess of `scope` (interrupted when interrupting). */
  | { kind: 'event-subprocess'; scope: ElementInstance; start: Element };

/** The events thrown up through the scopes until something catches them. */
export type ThrownKind = 'error' | 'escalation';

/**
 * Looks for the catcher of an error or escalation `code` thrown from `thrower`: outwards through
 * its scopes (the nearest one first), then through the call activity of a parent instance. Only
 * reads; the caller acts on the answer.
 */
export function findCatch(
  store: InstanceStore,
  thrower: ElementInstance,
  kind: ThrownKind,
  code: string,
): EventCatch | undefined {
  let current: ElementInstance | undefined = thrower;
  while (current) {
    const inner = current.type !== 'MULTI_INSTANCE_BODY' && current.element.loop;
    if (!inner) {
      const boundary = matchCode(current.element.boundaryElements, kind, code);
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
      const start = matchCode(starts, kind, code);
      if (start) return { kind: 'event-subprocess', scope, start };
    }
    current = scope;
  }
  return undefined;
}

/** The catch event for a code: an exact match first, else one without a code (catch-all). */
function matchCode(candidates: readonly Element[], kind: ThrownKind, code: string): Element | undefined {
  const codeOf = (c: Element) => (kind === 'error' ? c.event?.errorCode : c.event?.escalationCode);
  const catchers = candidates.filter((c) => c.event?.kind === kind);
  return catchers.find((c) => codeOf(c) === code) ?? catchers.find((c) => !codeOf(c));
}

/** Event kinds that are thrown to their catch events: nothing is waited for when these are armed. */
export const THROWN_TO: ReadonlySet<string | undefined> = new Set(['error', 'escalation', 'compensation']);

/**
 * Throws an error or escalation from `thrower` to its nearest catch event: an interrupting one
 * terminates what it is attached to (or interrupts its scope) first. False when nothing catches it.
 */
export function throwToCatch(
  rt: RuntimeApi,
  thrower: ElementInstance,
  kind: ThrownKind,
  code: string,
  variables: Variables,
): boolean {
  const c = findCatch(rt.store, thrower, kind, code);
  if (!c) return false;
  if (c.kind === 'boundary') {
    if (c.boundary.interrupting) rt.terminate(c.attached);
    rt.activate(c.scope, c.boundary, variables);
  } else {
    if (c.start.interrupting) rt.interruptScope(c.scope);
    rt.activate(c.scope, c.start.scopeElement!, variables);
  }
  return true;
}

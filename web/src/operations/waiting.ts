import { parseIsoDuration } from '../format/duration';
import type { ElementInstance, EngineTimer, MessageSubscription, Variable } from './camunda-types';

/** A timer of the diagram, as the BPMN defines it. */
export interface TimerDefinition {
  /** The timer event's id. */
  eventId: string;
  /** For a boundary timer, the activity it is attached to. */
  attachedToId?: string;
  kind: 'duration' | 'date' | 'cycle';
  /** The ISO text or a FEEL expression (`=ackDeadline`). */
  expression: string;
}

export type WaitState =
  | { kind: 'message'; elementId: string; messageName: string; correlationKey: string }
  | { kind: 'timer'; elementId: string; timerId: string; dueAt: string | null; expression: string };

/** A variable's value from the JSON text the v2 API returns; the raw text when it is not JSON. */
export function variableValue(v: Variable): unknown {
  try {
    return JSON.parse(v.value);
  } catch {
    return v.value;
  }
}

/**
 * The ISO text a timer expression stands for: the text itself, a FEEL string literal (`="PT1H"`,
 * `=duration("PT1H")`) or a variable (`=ackDeadline`); undefined for anything richer.
 */
export function resolveTimerText(expression: string, variables: Record<string, unknown>): string | undefined {
  const e = expression.trim();
  if (!e.startsWith('=')) return e;
  const feel = e.slice(1).trim();
  const literal = /^(?:duration|date and time)?\(?\s*"([^"]*)"\s*\)?$/.exec(feel);
  if (literal) return literal[1];
  if (/^[A-Za-z_][\w]*$/.test(feel)) {
    const value = variables[feel];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** When a timer started at `startedAt` falls due, or null when the expression cannot be read here. */
export function timerDueAt(
  timer: TimerDefinition,
  startedAt: string,
  variables: Record<string, unknown>,
): string | null {
  const text = resolveTimerText(timer.expression, variables);
  if (!text) return null;
  const start = Date.parse(startedAt);
  if (timer.kind === 'date') {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : new Date(at).toISOString();
  }
  const period = timer.kind === 'cycle' ? /^R\d*\/(P.+)$/.exec(text)?.[1] : text;
  const ms = period ? parseIsoDuration(period) : undefined;
  if (ms === undefined || Number.isNaN(start)) return null;
  return new Date(start + ms).toISOString();
}

/**
 * What an instance is waiting for: the messages it subscribed to (name and correlation key) and its
 * timers with their due time. `engineTimers` are the engine's own waiting timers (one per
 * multi-instance loop, due dates as the engine computed them); without them (an engine that lacks
 * the timer search) the due time is worked out from the diagram's timers on active elements (an
 * intermediate timer, or a boundary timer on an active activity) and the instance's variables.
 */
export function waitStates(
  elements: ElementInstance[],
  subscriptions: MessageSubscription[],
  timers: TimerDefinition[],
  variables: Record<string, unknown>,
  engineTimers?: EngineTimer[],
): WaitState[] {
  const states: WaitState[] = [];
  for (const s of subscriptions) {
    if (s.messageSubscriptionState && s.messageSubscriptionState !== 'CREATED') continue;
    states.push({
      kind: 'message',
      elementId: s.elementId,
      messageName: s.messageName,
      correlationKey: s.correlationKey ?? '',
    });
  }
  if (engineTimers) {
    for (const et of engineTimers) {
      if (et.state !== 'CREATED') continue;
      const def = timers.find((t) => t.eventId === et.elementId);
      states.push({
        kind: 'timer',
        elementId: def?.attachedToId ?? et.elementId,
        timerId: et.elementId,
        dueAt: et.dueDate,
        expression: def?.expression ?? '',
      });
    }
    return states;
  }
  const active = elements.filter((e) => e.state === 'ACTIVE');
  for (const t of timers) {
    const host = active.find((e) => e.elementId === (t.attachedToId ?? t.eventId));
    if (!host) continue;
    states.push({
      kind: 'timer',
      elementId: host.elementId,
      timerId: t.eventId,
      dueAt: timerDueAt(t, host.startDate, variables),
      expression: t.expression,
    });
  }
  return states;
}

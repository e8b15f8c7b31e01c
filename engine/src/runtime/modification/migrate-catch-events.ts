import { failedPrecondition } from '../../errors';
import type { Element } from '../../model/executable-process';
import type { Db } from '../../state/database';
import { evaluateString } from '../expressions';
import type { ElementInstance } from '../instance-state';
import type { Runtime } from '../runtime';

/** Event kinds an element instance subscribes to (errors, escalations and compensation are thrown to their catchers). */
const SUBSCRIBED = new Set(['message', 'timer', 'signal']);
const SCOPES = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

type WaitKind = 'timers' | 'subscriptions' | 'signals';

/** One subscription an element instance holds: the catch event it waits for and its row. */
interface Held {
  kind: WaitKind;
  key: number;
  eventId: string;
  /** Message subscriptions: the message name as evaluated when the subscription opened. */
  messageName?: string;
}

/** What happens to the subscriptions of one active element instance when it moves to `to`. */
export interface CatchEventPlan {
  ei: ElementInstance;
  to: Element;
  /** Subscriptions whose catch event is mapped: kept (due date, name, correlation key), re-pointed. */
  migrate: Array<{ held: Held; target: Element }>;
  /** Subscriptions whose catch event is not mapped: closed. */
  close: Held[];
  /** Catch events of the target no kept subscription points at: opened from the target's definition. */
  open: Element[];
  /** Message names the instance is subscribed to before the migration (Zeebe refuses to subscribe twice). */
  heldMessageNames: Set<string>;
}

/**
 * The catch events an element instance of `element` (of type `type`) subscribes to, as Zeebe
 * counts them for migration: its own event (intermediate catch events, receive tasks), the events
 * after an event-based gateway, its boundary events (on the multi-instance body, not the inner
 * instances) and, for scopes, the start events of its event subprocesses.
 */
export function catchEventsOf(element: Element, type: string): Element[] {
  const out: Element[] = [];
  const waitsFor = (e: Element | undefined) => !!e && SUBSCRIBED.has(e.event?.kind ?? '');
  if ((type === 'INTERMEDIATE_CATCH_EVENT' || type === 'RECEIVE_TASK') && waitsFor(element))
    out.push(element);
  if (type === 'EVENT_BASED_GATEWAY')
    for (const f of element.outgoingFlows) if (waitsFor(f.targetElement)) out.push(f.targetElement);
  if (type === 'MULTI_INSTANCE_BODY' || !element.loop)
    for (const b of element.boundaryElements) if (waitsFor(b)) out.push(b);
  if (SCOPES.has(type))
    for (const esp of element.eventSubProcessElements)
      if (waitsFor(esp.startElement)) out.push(esp.startElement!);
  return out;
}

/**
 * Plans, with Zeebe's rules and refusals, what becomes of the subscriptions of `ei` moving from
 * its element to `to`: a subscription whose catch event is mapped migrates (the mapping must keep
 * the catch event on the same element, keep its event type, and target each catch event once);
 * one whose catch event is not mapped closes; a catch event of the target that no mapping targets
 * is subscribed anew (by an element already entered: one held by an incident subscribes when it is
 * resolved). Reads only.
 */
export function planCatchEvents(
  db: Db,
  prefix: string,
  ei: ElementInstance,
  to: Element,
  mapping: Map<string, Element>,
): CatchEventPlan {
  const from = ei.element;
  const targetEvents = catchEventsOf(to, ei.type);
  const sourceEvents = catchEventsOf(from, ei.type);
  const targeted = new Map<string, string[]>();
  for (const s of sourceEvents) {
    const t = mapping.get(s.id);
    if (!t) continue;
    if (!targetEvents.includes(t)) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' is mapped to an element with id '${to.id}' and has a catch event with id '${s.id}' that is mapped to a catch event with id '${t.id}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
      );
    }
    if (t.event?.kind !== s.event?.kind) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' has a catch event with id '${s.id}' that is mapped to a catch event with id '${t.id}'. These catch events have different event types: '${eventType(s)}' and '${eventType(t)}'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`,
      );
    }
    targeted.set(t.id, [...(targeted.get(t.id) ?? []), s.id]);
  }
  for (const [t, sources] of targeted) {
    if (sources.length > 1) {
      throw failedPrecondition(
        `${prefix} active element with id '${from.id}' has a catch event attached that is mapped to a catch event with id '${t}'. There are multiple mapping instructions that target this catch event: '${[...sources].sort().join("', '")}'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`,
      );
    }
  }

  const plan: CatchEventPlan = { ei, to, migrate: [], close: [], open: [], heldMessageNames: new Set() };
  for (const held of heldSubscriptions(db, ei)) {
    if (held.messageName !== undefined) plan.heldMessageNames.add(held.messageName);
    const target = mapping.get(held.eventId);
    if (target && targetEvents.includes(target)) plan.migrate.push({ held, target });
    else plan.close.push(held);
  }
  const kept = new Set(plan.migrate.map((m) => m.target));
  const interrupted = !!ei.data.interrupted;
  // an element still being entered (its input mappings or subscriptions raised an incident)
  // subscribes when the incident is resolved, from the target's definition; so does the own event
  // of a catch event or event-based gateway whose subscription raised one
  const entered = ei.state === 'ACTIVATED';
  const ownPending = ei.incidentKey !== undefined;
  for (const t of targetEvents) {
    if (kept.has(t) || targeted.has(t.id) || !entered) continue;
    if (interrupted && isEventSubprocessStart(t)) continue;
    if (ownPending && t.type !== 'BOUNDARY_EVENT' && !isEventSubprocessStart(t)) continue;
    plan.open.push(t);
  }
  return plan;
}

/**
 * Applies a plan once the instance and its element instances point at the target: kept
 * subscriptions are re-pointed at their target catch event (a timer keeps its due date and
 * repetitions, a message subscription its name and correlation key, taking the target's
 * interrupting flag), the others are closed, and the new catch events are subscribed as if the
 * element had just been entered. Refuses (the command is rolled back) a new message catch event
 * whose message the element instance was already subscribed to, as Zeebe does.
 */
export function applyCatchEvents(rt: Runtime, db: Db, prefix: string, plan: CatchEventPlan): void {
  const { ei } = plan;
  const process = ei.instance.process;
  delete ei.data.waits;
  delete ei.data.scopeWaits;
  for (const { held, target } of plan.migrate) {
    if (held.kind === 'timers')
      db.prepare('UPDATE timer SET element_id = ?, process_definition_key = ? WHERE key = ?').run(
        target.id,
        process.key,
        held.key,
      );
    else if (held.kind === 'subscriptions')
      db.prepare(
        'UPDATE message_subscription SET element_id = ?, bpmn_process_id = ?, process_definition_key = ?, interrupting = ? WHERE key = ?',
      ).run(target.id, process.bpmnProcessId, process.key, target.interrupting === false ? 0 : 1, held.key);
    else db.prepare('UPDATE signal_subscription SET element_id = ? WHERE key = ?').run(target.id, held.key);
    const bucket = isEventSubprocessStart(target) ? 'scopeWaits' : 'waits';
    ((ei.data[bucket] ??= {})[held.kind] ??= []).push(held.key);
  }
  for (const held of plan.close) {
    if (held.kind === 'timers') db.prepare('DELETE FROM timer WHERE key = ?').run(held.key);
    else if (held.kind === 'subscriptions')
      db.prepare("UPDATE message_subscription SET state = 'DELETED' WHERE key = ?").run(held.key);
    else db.prepare('DELETE FROM signal_subscription WHERE key = ?').run(held.key);
  }
  rt.store.elementChanged(ei);

  for (const t of plan.open) {
    if (t.event?.kind === 'message') {
      const name = evaluateString(t.event.name ?? '', rt.context(ei), 'the message name', rt.feel);
      if (name.ok && plan.heldMessageNames.has(name.value)) {
        throw failedPrecondition(
          `${prefix} active element with id '${plan.to.id}' attempts to subscribe to a message it is already subscribed to with name '${name.value}'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id '${t.id}' to migrate the respective message subscription.`,
        );
      }
    }
    const opened = rt.openWait(ei, t, isEventSubprocessStart(t));
    if (!opened.ok) {
      throw failedPrecondition(
        `${prefix} the catch event with id '${t.id}' of element '${plan.to.id}' cannot be subscribed: ${opened.message}`,
      );
    }
  }
}

/** The subscriptions an element instance holds, with the catch event each one waits for. */
function heldSubscriptions(db: Db, ei: ElementInstance): Held[] {
  const out: Held[] = [];
  for (const w of [ei.data.waits, ei.data.scopeWaits]) {
    for (const key of w?.timers ?? []) {
      const row = db.prepare('SELECT element_id FROM timer WHERE key = ?').get(key) as
        | { element_id: string }
        | undefined;
      if (row) out.push({ kind: 'timers', key, eventId: row.element_id });
    }
    for (const key of w?.subscriptions ?? []) {
      const row = db
        .prepare(
          "SELECT element_id, message_name FROM message_subscription WHERE key = ? AND state = 'CREATED'",
        )
        .get(key) as { element_id: string; message_name: string } | undefined;
      if (row)
        out.push({ kind: 'subscriptions', key, eventId: row.element_id, messageName: row.message_name });
    }
    for (const key of w?.signals ?? []) {
      const row = db.prepare('SELECT element_id FROM signal_subscription WHERE key = ?').get(key) as
        | { element_id: string }
        | undefined;
      if (row) out.push({ kind: 'signals', key, eventId: row.element_id });
    }
  }
  return out;
}

function isEventSubprocessStart(e: Element): boolean {
  return e.type === 'START_EVENT' && e.scopeElement?.type === 'EVENT_SUB_PROCESS';
}

/** Zeebe's name of an event type, as its refusals print it. */
function eventType(e: Element): string {
  return (e.event?.kind ?? 'none').toUpperCase();
}

import type { Element } from '../model/executable-process';
import { firstDueDate, parseTimer } from '../model/iso8601';
import type { EventRows } from '../state/event-rows';
import type { ElementInstance, Waits } from './instance-state';
import type { IncidentType, RuntimeApi } from './runtime-api';
import { evaluateCorrelationKey, evaluateString, evaluateValue, type Evaluated } from './expressions';
import type { Messages } from './messages';

type Opened = Evaluated<void> & { incidentType?: IncidentType };

/**
 * What element instances wait for: message subscriptions, timers and signal subscriptions, as
 * rows (so they survive restarts and are found by message name and correlation key), owned by
 * the element instance that closes them when it ends.
 */
export class EventWaits {
  constructor(
    private readonly rt: RuntimeApi,
    private readonly rows: EventRows,
    private readonly messages: Messages,
  ) {}

  open(owner: ElementInstance, event: Element, scopeWait: boolean): Opened {
    const def = event.event;
    if (!def) return { ok: true, value: undefined };
    const waits = scopeWait ? (owner.data.scopeWaits ??= {}) : (owner.data.waits ??= {});
    this.rt.store.elementChanged(owner);
    switch (def.kind) {
      case 'message':
        return this.openMessage(owner, event, waits);
      case 'timer':
        return this.openTimer(owner, event, waits);
      case 'signal':
        return this.openSignal(owner, event, waits);
      default:
        return { ok: true, value: undefined };
    }
  }

  /** Closes what an element instance waits for: its own waits and/or its scope's event subprocess starts. */
  close(owner: ElementInstance, ownWaits: boolean, scopeWaits: boolean): void {
    const closeAll = (w: Waits | undefined) => {
      if (!w) return;
      for (const key of w.timers ?? []) this.rows.deleteTimer.run(key);
      for (const key of w.subscriptions ?? []) this.rows.closeSubscription.run('DELETED', key);
      for (const key of w.signals ?? []) this.rows.deleteSignalSubscription.run(key);
    };
    if (ownWaits && owner.data.waits) {
      closeAll(owner.data.waits);
      delete owner.data.waits;
      this.rt.store.elementChanged(owner);
    }
    if (scopeWaits && owner.data.scopeWaits) {
      closeAll(owner.data.scopeWaits);
      delete owner.data.scopeWaits;
      this.rt.store.elementChanged(owner);
    }
  }

  /** Forgets one timer of an owner once it fired for the last time. */
  forgetTimer(owner: ElementInstance, key: number): void {
    for (const w of [owner.data.waits, owner.data.scopeWaits]) {
      if (w?.timers) w.timers = w.timers.filter((k) => k !== key);
    }
    this.rt.store.elementChanged(owner);
  }

  /** Forgets one subscription of an owner once it correlated. */
  forgetSubscription(owner: ElementInstance, key: number): void {
    for (const w of [owner.data.waits, owner.data.scopeWaits]) {
      if (w?.subscriptions) w.subscriptions = w.subscriptions.filter((k) => k !== key);
    }
    this.rt.store.elementChanged(owner);
  }

  private openMessage(owner: ElementInstance, event: Element, waits: Waits): Opened {
    const rt = this.rt;
    const def = event.event!;
    const context = rt.context(owner);
    const name = evaluateString(def.name ?? '', context, 'the message name', rt.feel);
    if (!name.ok) return { ...name, incidentType: 'EXTRACT_VALUE_ERROR' };
    const correlationKey = evaluateCorrelationKey(def.correlationKey ?? '', context, rt.feel);
    if (!correlationKey.ok) return { ...correlationKey, incidentType: 'EXTRACT_VALUE_ERROR' };
    const key = rt.keys.next();
    const process = owner.instance.process;
    const interrupting =
      event.type === 'BOUNDARY_EVENT' || event.type === 'START_EVENT' ? event.interrupting !== false : true;
    this.rows.insertSubscription.run(
      key,
      name.value,
      correlationKey.value,
      owner.instance.key,
      owner.key,
      event.id,
      process.bpmnProcessId,
      process.key,
      interrupting ? 1 : 0,
      rt.now,
    );
    (waits.subscriptions ??= []).push(key);
    rt.defer(() => this.messages.correlateBuffered(key));
    return { ok: true, value: undefined };
  }

  private openTimer(owner: ElementInstance, event: Element, waits: Waits): Opened {
    const rt = this.rt;
    const timer = event.event!.timer!;
    const value = evaluateValue(timer.expression, rt.context(owner), rt.feel);
    if (!value.ok) return { ...value, incidentType: 'EXTRACT_VALUE_ERROR' };
    const spec = parseTimer(timer.kind, String(value.value ?? ''));
    if (!spec.ok)
      return {
        ok: false,
        message: `Invalid timer of '${event.id}': ${spec.message}`,
        incidentType: 'EXTRACT_VALUE_ERROR',
      };
    const due = firstDueDate(spec.value, rt.now);
    const key = rt.keys.next();
    const cycle = spec.value.kind === 'cycle' ? spec.value : undefined;
    this.rows.insertTimer.run(
      key,
      'CREATED',
      due,
      cycle ? cycle.repetitions : 1,
      cycle ? cycle.text : null,
      event.id,
      owner.instance.process.key,
      owner.instance.key,
      owner.key,
    );
    (waits.timers ??= []).push(key);
    rt.ports.wakeAt(due);
    return { ok: true, value: undefined };
  }

  private openSignal(owner: ElementInstance, event: Element, waits: Waits): Opened {
    const name = evaluateString(
      event.event!.name ?? '',
      this.rt.context(owner),
      'the signal name',
      this.rt.feel,
    );
    if (!name.ok) return { ...name, incidentType: 'EXTRACT_VALUE_ERROR' };
    const key = this.rt.keys.next();
    this.rows.insertSignalSubscription.run(key, name.value, owner.instance.key, owner.key, event.id);
    (waits.signals ??= []).push(key);
    return { ok: true, value: undefined };
  }
}

import type { Element, ExecutableProcess, Flow } from '../model/executable-process';
import type { DefinitionStore } from '../state/definition-store';
import type { EventRows, TimerRow } from '../state/event-rows';
import type { IncidentRows } from '../state/incident-rows';
import type { KeyGenerator } from '../state/key-generator';
import { rootInstanceToCancel } from './instance-cancel';
import { BEHAVIOURS } from './behaviours';
import { collectOutput } from './activities/multi-instance';
import { resumeInclusiveJoins, takeFlow } from './flows/sequence-flow';
import { computeInputs, computeOutputs } from './mappings';
import { EventWaits } from './event-waits';
import { Incidents } from './incidents';
import { InstanceState, type ElementInstance, type InstanceStatus } from './instance-state';
import type { InstanceStore } from './instance-store';
import { Jobs } from './jobs';
import { Messages } from './messages';
import type { IncidentType, RuntimeApi, RuntimePorts } from './runtime-api';
import { VariableScopes, type Variables } from './variables';
import type { EvaluationOptions } from '../feel';
import { THROWN_TO, throwToCatch } from './events/event-catch';
import { recordCompensation } from './events/compensation';
import { fireTimer } from './events/timer-firing';
import { broadcastSignal } from './events/signal-broadcast';

/** A command that never reaches a wait state (a loop without tasks or events) stops here. */
const MAX_STEPS_PER_COMMAND = 100_000;

const SCOPES = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

export interface RuntimeDeps {
  keys: KeyGenerator;
  store: InstanceStore;
  definitions: DefinitionStore;
  eventRows: EventRows;
  incidentRows: IncidentRows;
  ports: RuntimePorts;
}

/**
 * The BPMN runtime: the element lifecycle Zeebe documents (activating, activated, completing,
 * completed, terminated), shared by every element, with one small behaviour per element type.
 * A command runs synchronously to the next wait states; steps it causes queue up behind it.
 */
export class Runtime implements RuntimeApi {
  now = 0;
  readonly feel: EvaluationOptions = { now: () => new Date(this.now) };
  readonly keys: KeyGenerator;
  readonly store: InstanceStore;
  readonly definitions: DefinitionStore;
  readonly ports: RuntimePorts;
  readonly variables: VariableScopes;
  readonly jobs: Jobs;
  readonly messages: Messages;
  readonly waits: EventWaits;
  readonly incidents: Incidents;
  private readonly eventRows: EventRows;
  private queue: Array<() => void> = [];
  private head = 0;

  constructor(deps: RuntimeDeps) {
    this.keys = deps.keys;
    this.store = deps.store;
    this.definitions = deps.definitions;
    this.ports = deps.ports;
    this.eventRows = deps.eventRows;
    this.variables = new VariableScopes(deps.keys, deps.store);
    this.jobs = new Jobs(this);
    this.messages = new Messages(this, deps.eventRows);
    this.waits = new EventWaits(this, deps.eventRows, this.messages);
    this.incidents = new Incidents(this, deps.incidentRows);
  }

  /** Runs one command, then every step it causes, up to the next wait states. */
  run<T>(now: number, command: () => T): T {
    this.now = now;
    this.queue.length = 0;
    this.head = 0;
    const result = command();
    while (this.head < this.queue.length) {
      if (this.head >= MAX_STEPS_PER_COMMAND) {
        throw new Error(
          `the command did not reach a wait state within ${MAX_STEPS_PER_COMMAND} steps (a loop without a wait state?)`,
        );
      }
      this.queue[this.head++]();
    }
    return result;
  }

  defer(step: () => void): void {
    this.queue.push(step);
  }

  context(ei: ElementInstance): Variables {
    return this.variables.visible(ei.instance, ei.key);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  activate(scope: ElementInstance, element: Element, payload?: Variables): ElementInstance {
    const instance = scope.instance;
    const inner = scope.type === 'MULTI_INSTANCE_BODY' && scope.element === element;
    const type = element.loop && !inner ? 'MULTI_INSTANCE_BODY' : element.type;
    const ei: ElementInstance = {
      key: this.keys.next(),
      instance,
      element,
      type,
      flowScopeKey: scope.key,
      state: 'ACTIVATING',
      startTime: this.now,
      data: {},
      persisted: false,
    };
    instance.elements.set(ei.key, ei);
    scope.data.children = (scope.data.children ?? 0) + 1;
    this.store.elementChanged(scope);
    this.store.elementChanged(ei);
    this.defer(() => this.runActivate(ei, payload));
    return ei;
  }

  private runActivate(ei: ElementInstance, payload?: Variables): void {
    if (ei.state !== 'ACTIVATING') return;
    const el = ei.element;
    const isBody = ei.type === 'MULTI_INSTANCE_BODY';
    if (!isBody && el.inputs) {
      const r = computeInputs(el.inputs, this.context(ei), this.feel);
      if (!r.ok) return this.raiseIncident(ei, 'IO_MAPPING_ERROR', r.message);
      this.variables.setAllLocal(ei.instance, ei.key, r.value);
    }
    if ((isBody || !el.loop) && el.boundaryElements.length > 0) {
      for (const boundary of el.boundaryElements) {
        if (THROWN_TO.has(boundary.event?.kind)) continue;
        const opened = this.waits.open(ei, boundary, false);
        if (!opened.ok) {
          this.waits.close(ei, true, false);
          return this.raiseIncident(ei, opened.incidentType ?? 'EXTRACT_VALUE_ERROR', opened.message);
        }
      }
    }
    if (SCOPES.has(ei.type)) {
      for (const esp of el.eventSubProcessElements) {
        const start = esp.startElement;
        if (!start || THROWN_TO.has(start.event?.kind)) continue;
        const opened = this.waits.open(ei, start, true);
        if (!opened.ok) {
          this.waits.close(ei, true, true);
          return this.raiseIncident(ei, opened.incidentType ?? 'EXTRACT_VALUE_ERROR', opened.message);
        }
      }
    }
    ei.state = 'ACTIVATED';
    this.store.elementChanged(ei);
    BEHAVIOURS[ei.type].activated(this, ei, payload);
  }

  complete(ei: ElementInstance, result?: Variables): void {
    if (ei.state !== 'ACTIVATED') return;
    if (result) {
      if (ei.type !== 'MULTI_INSTANCE_BODY' && ei.element.outputs)
        this.variables.setAllLocal(ei.instance, ei.key, result);
      else this.variables.propagate(ei.instance, ei.key, result);
    }
    ei.state = 'COMPLETING';
    this.store.elementChanged(ei);
    this.defer(() => this.runComplete(ei));
  }

  private runComplete(ei: ElementInstance): void {
    if (ei.state !== 'COMPLETING') return;
    const instance = ei.instance;
    const el = ei.element;
    if (ei.type !== 'MULTI_INSTANCE_BODY' && ei.type !== 'PROCESS' && el.outputs) {
      const r = computeOutputs(el.outputs, this.context(ei), this.feel);
      if (!r.ok) return this.raiseIncident(ei, 'IO_MAPPING_ERROR', r.message);
      this.variables.propagate(instance, ei.flowScopeKey, r.value);
    }
    const scope = instance.elements.get(ei.flowScopeKey);
    const inner = scope?.type === 'MULTI_INSTANCE_BODY' && scope.element === el;
    if (inner && !collectOutput(this, scope!, ei)) return;
    const behaviour = BEHAVIOURS[ei.type];
    if (behaviour.completing && !behaviour.completing(this, ei)) return;
    this.waits.close(ei, true, true);
    ei.state = 'COMPLETED';
    ei.endTime = this.now;
    instance.elements.delete(ei.key);
    this.store.elementChanged(ei);
    if (ei.type === 'PROCESS') this.finishInstance(instance, 'COMPLETED');
    else if (!inner) {
      if (behaviour.completed) behaviour.completed(this, ei);
      else this.takeFlows(ei, el.outgoingFlows);
    }
    if (scope) {
      scope.data.children = (scope.data.children ?? 1) - 1;
      recordCompensation(this, ei, scope);
      this.store.elementChanged(scope);
      BEHAVIOURS[scope.type].childCompleted?.(this, scope, ei);
    }
    this.variables.dropScope(instance, ei.key);
  }

  takeFlows(ei: ElementInstance, flows: readonly Flow[]): void {
    const scope = ei.instance.elements.get(ei.flowScopeKey);
    if (!scope) return;
    for (const flow of flows) takeFlow(this, scope, flow);
  }

  terminate(ei: ElementInstance): void {
    if (ei.state === 'COMPLETED' || ei.state === 'TERMINATED' || ei.state === 'TERMINATING') return;
    const instance = ei.instance;
    ei.state = 'TERMINATING';
    for (const child of instance.childrenOf(ei.key)) this.terminate(child);
    BEHAVIOURS[ei.type].terminating?.(this, ei);
    this.waits.close(ei, true, true);
    this.incidents.resolve(ei);
    ei.state = 'TERMINATED';
    ei.endTime = this.now;
    instance.elements.delete(ei.key);
    this.store.elementChanged(ei);
    const scope = instance.elements.get(ei.flowScopeKey);
    if (scope) {
      scope.data.children = (scope.data.children ?? 1) - 1;
      this.store.elementChanged(scope);
      // a path that died may be the one an inclusive join waited for (checked once what
      // replaces it, such as a boundary event, has been entered)
      if (scope.data.joins)
        this.defer(() => scope.state === 'ACTIVATED' && resumeInclusiveJoins(this, scope));
    }
    if (ei.type === 'PROCESS') this.finishInstance(instance, 'TERMINATED');
    this.variables.dropScope(instance, ei.key);
  }

  /** Terminates everything running inside a scope and closes its event subprocess starts. */
  interruptScope(scope: ElementInstance): void {
    for (const child of scope.instance.childrenOf(scope.key)) this.terminate(child);
    this.waits.close(scope, false, true);
    delete scope.data.joins;
    scope.data.interrupted = true;
    this.store.elementChanged(scope);
  }

  raiseIncident(ei: ElementInstance, type: IncidentType, message: string, jobKey?: number): void {
    this.incidents.raise(ei, type, message, jobKey);
  }

  // ---- instances -------------------------------------------------------------------------

  createInstance(
    process: ExecutableProcess,
    variables: Variables,
    options: { startAt?: Element[]; parent?: ElementInstance } = {},
  ): InstanceState {
    const key = this.keys.next();
    const instance = new InstanceState(key, process, options.parent?.instance.key, options.parent?.key);
    const root: ElementInstance = {
      key,
      instance,
      element: process.root,
      type: 'PROCESS',
      flowScopeKey: -1,
      state: 'ACTIVATING',
      startTime: this.now,
      data: {},
      persisted: false,
    };
    instance.root = root;
    instance.elements.set(key, root);
    instance.startAt = options.startAt;
    this.store.add(instance);
    this.store.elementChanged(root);
    this.variables.setAllLocal(instance, key, variables);
    this.defer(() => this.runActivate(root));
    return instance;
  }

  private finishInstance(instance: InstanceState, status: InstanceStatus): void {
    instance.status = status;
    this.store.elementChanged(instance.root);
    this.store.instanceEnded(instance.key);
    if (instance.process.hasMessageStart) this.messages.releaseStartLock(instance.key);
    this.ports.instanceEnded(instance, () => this.variables.visibleJson(instance, instance.key));
    if (status !== 'COMPLETED' || instance.parentInstanceKey === undefined) return;
    const parent = this.store.get(instance.parentInstanceKey);
    const caller = parent?.elements.get(instance.parentElementInstanceKey!);
    if (!caller || caller.state !== 'ACTIVATED') return;
    const call = caller.element.calledElement!;
    delete caller.data.calledInstanceKey;
    const result =
      call.propagateAllChildVariables || caller.element.outputs
        ? this.variables.local(instance, instance.key)
        : undefined;
    this.complete(caller, result);
  }

  /** Cancels a running root process instance. */
  cancelInstance(key: number): void {
    this.terminate(rootInstanceToCancel(this.store, key).root);
  }

  // ---- events ----------------------------------------------------------------------------

  openWait(owner: ElementInstance, eventElement: Element, scopeWait: boolean) {
    return this.waits.open(owner, eventElement, scopeWait);
  }

  closeWaits(owner: ElementInstance): void {
    this.waits.close(owner, true, false);
  }

  triggerEvent(owner: ElementInstance, event: Element, payload: Variables): boolean {
    if (owner.state !== 'ACTIVATED') return false;
    if (event.type === 'BOUNDARY_EVENT') {
      const scope = owner.instance.elements.get(owner.flowScopeKey);
      if (!scope) return false;
      if (event.interrupting) this.terminate(owner);
      this.activate(scope, event, payload);
      return true;
    }
    if (event.type === 'START_EVENT' && event.scopeElement?.type === 'EVENT_SUB_PROCESS') {
      if (owner.data.interrupted) return false;
      if (event.interrupting) this.interruptScope(owner);
      this.activate(owner, event.scopeElement, payload);
      return true;
    }
    if (owner.type === 'EVENT_BASED_GATEWAY') {
      const flow = owner.element.outgoingFlows.find((f) => f.targetElement === event);
      if (!flow) return false;
      this.waits.close(owner, true, false);
      owner.data.takeFlows = [flow.id];
      owner.payload = payload;
      this.complete(owner);
      return true;
    }
    if (owner.element === event) {
      this.waits.close(owner, true, false);
      this.complete(owner, payload);
      return true;
    }
    return false;
  }

  throwError(thrower: ElementInstance, code: string, _message: string, variables: Variables): boolean {
    return throwToCatch(this, thrower, 'error', code, variables);
  }

  throwEscalation(thrower: ElementInstance, code: string): boolean {
    return throwToCatch(this, thrower, 'escalation', code, {});
  }

  broadcastSignal(name: string, variables: Variables): void {
    broadcastSignal(this, this.eventRows, name, variables);
  }

  /** A timer is due: start an instance, or deliver it to the element waiting for it. */
  fireTimer(row: TimerRow): void {
    fireTimer(this, this.eventRows, this.waits, row);
  }

  /** Retries the step that raised an element's incident. */
  retry(ei: ElementInstance): void {
    if (ei.state === 'ACTIVATING') this.defer(() => this.runActivate(ei));
    else if (ei.state === 'ACTIVATED') this.defer(() => BEHAVIOURS[ei.type].activated(this, ei));
    else if (ei.state === 'COMPLETING') this.defer(() => this.runComplete(ei));
  }

  // ---- jobs ------------------------------------------------------------------------------

  createJob(ei: ElementInstance, headers?: Record<string, string>): void {
    this.jobs.create(ei, headers);
  }

  cancelJob(ei: ElementInstance): void {
    this.jobs.cancel(ei);
  }
}

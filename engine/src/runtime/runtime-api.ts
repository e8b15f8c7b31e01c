import type { Element, ExecutableProcess, Flow } from '../model/executable-process';
import type { DefinitionStore } from '../state/definition-store';
import type { KeyGenerator } from '../state/key-generator';
import type { ElementInstance, InstanceState, Job } from './instance-state';
import type { InstanceStore } from './instance-store';
import type { VariableScopes, Variables } from './variables';
import type { Evaluated } from './expressions';
import type { EvaluationOptions } from '../feel';

/** Zeebe's incident error types. */
export type IncidentType =
  | 'JOB_NO_RETRIES'
  | 'IO_MAPPING_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'CONDITION_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CALLED_ELEMENT_ERROR'
  | 'CALLED_DECISION_ERROR'
  | 'DECISION_EVALUATION_ERROR'
  | 'FORM_NOT_FOUND'
  | 'UNKNOWN';

/** A job as a worker receives it (keys as strings, as the gateway sends int64). */
export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: string;
  variables: string;
  tenantId: string;
}

/** Evaluates a called decision for a business rule task (provided by the decision store). */
export interface DecisionPort {
  evaluateForTask(
    rt: RuntimeApi,
    ei: ElementInstance,
    call: NonNullable<Element['calledDecision']>,
    context: Variables,
  ): Evaluated<unknown> & { incidentType?: IncidentType };
}

/** What the runtime tells the world around it. */
export interface RuntimePorts {
  /** A job became activatable: hand it to a waiting worker if there is one. */
  jobAvailable(job: Job): void;
  /** Something becomes due at `time` (timer, job deadline, retry back-off, message expiry). */
  wakeAt(time: number): void;
  /** A process instance reached its end (completed or terminated). */
  instanceEnded(instance: InstanceState, variables: () => string): void;
  decisions?: DecisionPort;
  /** Finds the form a user task links (provided by the form store). */
  forms?: { find(binding: FormLink, deploymentKey: number): { key: number } | undefined };
  /** Keeps Camunda user tasks as rows (provided by the user-task store). */
  userTasks?: UserTaskPort;
}

export interface FormLink {
  formId: string;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

/** A user task's settings once its expressions are evaluated (dates as epoch ms and as written). */
export interface UserTaskSettings {
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: { ms: number; text: string };
  followUpDate?: { ms: number; text: string };
  priority: number;
  /** The linked form's key, or the custom form key of a job-based task. */
  formKey?: string;
  externalFormReference?: string;
  headers: Record<string, string>;
}

/** Where a Camunda user task lives while it waits for a person. */
export interface UserTaskPort {
  create(rt: RuntimeApi, ei: ElementInstance, settings: UserTaskSettings): void;
  /** The element is terminated: the task is CANCELED. */
  cancel(rt: RuntimeApi, ei: ElementInstance): void;
}

/** The runtime as behaviours and the event machinery see it. */
export interface RuntimeApi {
  readonly now: number;
  /** FEEL evaluation options: `now()` reads the engine clock. */
  readonly feel: EvaluationOptions;
  readonly keys: KeyGenerator;
  readonly store: InstanceStore;
  readonly definitions: DefinitionStore;
  readonly variables: VariableScopes;
  readonly ports: RuntimePorts;
  /** Runs `step` after the current one, within the same command. */
  defer(step: () => void): void;
  /** The variables visible from an element instance, as a FEEL context. */
  context(ei: ElementInstance): Variables;
  /** Creates an element instance inside `scope` and activates it (after the current step). */
  activate(scope: ElementInstance, element: Element, payload?: Variables): ElementInstance;
  /** Completes an element instance; `result` (job, message or script result) merges first. */
  complete(ei: ElementInstance, result?: Variables): void;
  takeFlows(ei: ElementInstance, flows: readonly Flow[]): void;
  /** Terminates an element instance and everything inside it, now. */
  terminate(ei: ElementInstance): void;
  raiseIncident(ei: ElementInstance, type: IncidentType, message: string, jobKey?: number): void;
  /** Terminates everything inside a scope and closes its event subprocess starts (it accepts no more events). */
  interruptScope(scope: ElementInstance): void;
  /** Throws an escalation from `ei`; false when nothing catches it (the thrower goes on either way). */
  throwEscalation(ei: ElementInstance, code: string): boolean;
  /** Throws a BPMN error from `ei`; false when nothing catches it. */
  throwError(ei: ElementInstance, code: string, message: string, variables: Variables): boolean;
  /** Delivers an event (message, timer, signal) to the element instance waiting for it. */
  triggerEvent(owner: ElementInstance, eventElement: Element, payload: Variables): boolean;
  createInstance(
    process: ExecutableProcess,
    variables: Variables,
    options?: { startAt?: Element[]; parent?: ElementInstance },
  ): InstanceState;
  broadcastSignal(name: string, variables: Variables): void;
  /** Opens the wait of a catch event owned by `owner` (message subscription, timer, signal). */
  openWait(
    owner: ElementInstance,
    eventElement: Element,
    scopeWait: boolean,
  ): Evaluated<void> & { incidentType?: IncidentType };
  closeWaits(owner: ElementInstance): void;
  /** Creates the element's job; `headers` replace the modelled ones (user tasks evaluate theirs). */
  createJob(ei: ElementInstance, headers?: Record<string, string>): void;
  cancelJob(ei: ElementInstance): void;
}

/** One element type's part of the lifecycle; everything else is shared. */
export interface ElementBehaviour {
  /** The element was entered (input mappings applied, boundary events armed). */
  activated(rt: RuntimeApi, ei: ElementInstance, payload?: Variables): void;
  /** Before the element leaves; false when an incident was raised instead. */
  completing?(rt: RuntimeApi, ei: ElementInstance): boolean;
  /** After the element completed: by default every outgoing flow is taken. */
  completed?(rt: RuntimeApi, ei: ElementInstance): void;
  /** An element instance inside this one completed. */
  childCompleted?(rt: RuntimeApi, ei: ElementInstance, child: ElementInstance): void;
  /** The element is being terminated: release what it holds (jobs, called instances). */
  terminating?(rt: RuntimeApi, ei: ElementInstance): void;
}

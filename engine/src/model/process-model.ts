/**
 * The executable model of one BPMN process, as plain data: built once on deploy, stored as JSON
 * next to the XML, and rebuilt from that JSON (no XML parsing) whenever a definition is needed.
 * Element types use the names Camunda's APIs report (SERVICE_TASK, EXCLUSIVE_GATEWAY, ...).
 */
export const MODEL_FORMAT = 1;

export type ElementType =
  | 'PROCESS'
  | 'START_EVENT'
  | 'END_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'SERVICE_TASK'
  | 'SEND_TASK'
  | 'USER_TASK'
  | 'SCRIPT_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'RECEIVE_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'CALL_ACTIVITY'
  | 'MULTI_INSTANCE_BODY'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'EVENT_BASED_GATEWAY';

export type EventKind =
  | 'none'
  | 'message'
  | 'timer'
  | 'error'
  | 'terminate'
  | 'signal'
  | 'link'
  | 'escalation'
  | 'compensation';

export type TimerKind = 'date' | 'duration' | 'cycle';

export interface EventDefinition {
  kind: EventKind;
  /** Message or signal name; may be an expression (`=...`). */
  name?: string;
  /** Message correlation key expression. */
  correlationKey?: string;
  timer?: { kind: TimerKind; expression: string };
  /** Error code: static for catch events (empty catches all), may be an expression on throw. */
  errorCode?: string;
  errorMessage?: string;
  /** Link name for link events. */
  link?: string;
  /** Escalation code: static for catch events (empty catches all), may be an expression on throw. */
  escalationCode?: string;
  /** Compensation throw events: the one activity to compensate (else the whole scope). */
  activityRef?: string;
}

export interface Mapping {
  source: string;
  target: string;
}

export interface JobDefinition {
  type: string;
  retries: string;
  headers: Record<string, string>;
}

export type BindingType = 'latest' | 'deployment' | 'versionTag';

/**
 * A user task's `zeebe:*` settings, as written (values starting with `=` are FEEL, evaluated when
 * the task is created). `native` = `zeebe:userTask` (a Camunda user task with its own row and
 * lifecycle); otherwise a job of type `io.camunda.zeebe:userTask`.
 */
export interface UserTaskDefinition {
  native: boolean;
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: string;
  /** A linked Camunda Form (`formId` + binding), a custom form key, or an external reference. */
  form?:
    | { formId: string; bindingType: BindingType; versionTag?: string }
    | { formKey: string }
    | { externalReference: string };
  headers: Record<string, string>;
}

/** `zeebe:calledElement` of a call activity. */
export interface CalledElement {
  processId: string;
  propagateAllChildVariables: boolean;
  propagateAllParentVariables: boolean;
  bindingType: BindingType;
  versionTag?: string;
}

/** `zeebe:calledDecision` of a business rule task. */
export interface CalledDecision {
  decisionId: string;
  resultVariable: string;
  bindingType: BindingType;
  versionTag?: string;
}

export interface ElementModel {
  id: string;
  name?: string;
  type: ElementType;
  /** Id of the enclosing process, subprocess or event subprocess; null for the process itself. */
  flowScope: string | null;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  event?: EventDefinition;
  /** Boundary events: cancelActivity; event subprocess start events: isInterrupting. */
  interrupting?: boolean;
  attachedTo?: string;
  boundaryEvents?: string[];
  /** Containers (process, subprocesses): their none start event and event subprocesses. */
  noneStart?: string;
  eventSubProcesses?: string[];
  /** Event subprocesses: their one start event. */
  start?: string;
  inputs?: Mapping[];
  outputs?: Mapping[];
  job?: JobDefinition;
  userTask?: UserTaskDefinition;
  script?: { expression: string; resultVariable: string };
  calledElement?: CalledElement;
  calledDecision?: CalledDecision;
  loop?: {
    sequential: boolean;
    inputCollection: string;
    inputElement?: string;
    outputCollection?: string;
    outputElement?: string;
    completionCondition?: string;
  };
  /** Inclusive joins: for each incoming flow, the elements (same scope) from which it can be reached. */
  joinReach?: Record<string, string[]>;
  /** Activities marked `isForCompensation`: run only as a compensation handler. */
  forCompensation?: boolean;
  /** Compensation boundary events: the handler activity their association points to. */
  compensationHandler?: string;
  /** Intermediate link throw events: the catch event they jump to. */
  linkTarget?: string;
  /** Event-based gateways: the catch events (or receive tasks) that follow. */
  eventTargets?: string[];
}

export interface FlowModel {
  id: string;
  /** Id of the process or subprocess the flow is drawn in. */
  scope: string;
  source: string;
  target: string;
  condition?: string;
}

export interface ProcessModel {
  format: number;
  bpmnProcessId: string;
  name?: string;
  versionTag?: string;
  elements: Record<string, ElementModel>;
  flows: Record<string, FlowModel>;
  /** Only while reading: BPMN associations (a compensation boundary event to its handler). */
  associations?: Array<{ source: string; target: string }>;
}

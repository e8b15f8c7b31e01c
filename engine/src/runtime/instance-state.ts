import type { Element, ExecutableProcess } from '../model/executable-process';
import type { ElementType } from '../model/process-model';

export type ElementState =
  | 'ACTIVATING'
  | 'ACTIVATED'
  | 'COMPLETING'
  | 'COMPLETED'
  | 'TERMINATING'
  | 'TERMINATED';

/** Runtime bookkeeping of an element instance, stored as JSON in its row. */
export interface ElementData {
  /** Containers and multi-instance bodies: element instances inside that have not ended. */
  children?: number;
  /** Flow scopes: tokens waiting at joining gateways, per gateway and incoming flow. */
  joins?: Record<string, Record<string, number>>;
  jobKey?: number;
  /** What this element waits for (its own catch event, its boundary events, an event gateway's events). */
  waits?: Waits;
  /** Scopes: the start events of their event subprocesses. */
  scopeWaits?: Waits;
  calledInstanceKey?: number;
  /** Gateways: the flows chosen on activation, taken on completion. */
  takeFlows?: string[];
  /** Scopes interrupted by an event subprocess accept no further events. */
  interrupted?: boolean;
  /** Multi-instance bodies. */
  loop?: { total: number; started: number; completed: number; terminated: number; active: number };
  /** Multi-instance inner instances: 1-based position in the input collection. */
  loopCounter?: number;
  /** Scopes: completed activities with a compensation handler, in completion order. */
  compensable?: Compensable[];
  /** Compensation throw events: handlers still running. */
  compensating?: number;
  /** Compensation handlers: the key of the throw event that invoked them. */
  compensates?: number;
}

/** A completed activity that can be compensated (`via`: the completed subprocesses it sits in, outermost first). */
export interface Compensable {
  activity: string;
  boundary: string;
  key: number;
  via?: string[];
}

export interface Waits {
  timers?: number[];
  subscriptions?: number[];
  signals?: number[];
}

export interface ElementInstance {
  key: number;
  instance: InstanceState;
  element: Element;
  type: ElementType;
  /** Key of the enclosing element instance; -1 for the process instance itself. */
  flowScopeKey: number;
  state: ElementState;
  startTime: number;
  endTime?: number;
  incidentKey?: number;
  data: ElementData;
  persisted: boolean;
  /** Only within one command: the variables of the event that completed an event-based gateway. */
  payload?: Record<string, unknown>;
}

export interface Variable {
  key: number;
  instanceKey: number;
  scopeKey: number;
  name: string;
  value: unknown;
  /** JSON text of `value`, computed when first needed. */
  json?: string;
  persisted: boolean;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN' | 'COMPLETED' | 'CANCELED';

export interface Job {
  key: number;
  type: string;
  state: JobState;
  instance: InstanceState;
  elementInstanceKey: number;
  elementId: string;
  retries: number;
  worker?: string;
  deadline?: number;
  retryAt?: number;
  customHeaders: string;
  errorMessage?: string;
  errorCode?: string;
  creationTime: number;
  endTime?: number;
  persisted: boolean;
}

export type InstanceStatus = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/**
 * Everything the runtime needs about one running process instance: its element instances that
 * have not ended, its variables per scope and its open jobs. Loaded from the tables on demand and
 * kept in a bounded cache while hot.
 */
export class InstanceState {
  readonly elements = new Map<number, ElementInstance>();
  readonly variables = new Map<number, Map<string, Variable>>();
  readonly jobs = new Map<number, Job>();
  root!: ElementInstance;
  status: InstanceStatus = 'ACTIVE';
  /** Only while the creating command runs: the elements the instance starts at. */
  startAt?: Element[];
  incidentCount = 0;

  constructor(
    readonly key: number,
    readonly process: ExecutableProcess,
    readonly parentInstanceKey: number | undefined,
    readonly parentElementInstanceKey: number | undefined,
  ) {}

  /** Variables defined directly in a scope (creating the map on first write). */
  scope(scopeKey: number): Map<string, Variable> {
    let vars = this.variables.get(scopeKey);
    if (!vars) {
      vars = new Map();
      this.variables.set(scopeKey, vars);
    }
    return vars;
  }

  /** Element instances directly inside `scopeKey`. */
  childrenOf(scopeKey: number): ElementInstance[] {
    const result: ElementInstance[] = [];
    for (const ei of this.elements.values()) if (ei.flowScopeKey === scopeKey) result.push(ei);
    return result;
  }
}

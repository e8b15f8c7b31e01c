/**
 * The engine as the use cases see it (bottom floor): the calls they make and what they get back.
 * zeebe/engine-client.ts implements it over a Zeebe client; use cases never import that adapter.
 */

/** gRPC status codes the platform tells apart (grpc/status.h). */
export const GRPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  FAILED_PRECONDITION: 9,
  RESOURCE_EXHAUSTED: 8,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** The engine refused a request for a reason in the request (bad model, unknown decision…). */
export class EngineRejection extends Error {
  constructor(
    readonly grpcCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRejection';
  }
}

export interface DeployedProcess {
  kind: 'process';
  bpmnProcessId: string;
  version: number;
  key: string;
  resourceName: string;
}
export interface DeployedDecision {
  kind: 'decision';
  decisionId: string;
  version: number;
  key: string;
}

export interface DeployedForm {
  kind: 'form';
  formId: string;
  version: number;
  key: string;
}

export interface DecisionResult {
  decisionKey: string;
  decisionVersion: number;
  output: unknown;
}

/** What a use case asks of the engine. */
export interface EnginePort {
  /** Starts a process instance; returns its key. */
  createProcessInstance(bpmnProcessId: string, variables: Record<string, unknown>): Promise<string>;
  /** Cancels a process instance. */
  cancelProcessInstance(key: string): Promise<void>;
  /** Publishes a message; a repeated messageId is harmless. */
  publishMessage(m: {
    name: string;
    correlationKey: string;
    messageId: string;
    ttlMs: number;
    variables?: Record<string, unknown>;
  }): Promise<void>;
  /** Evaluates a decision (latest version of `decisionId`) with the given variables. */
  evaluateDecision(decisionId: string, variables: Record<string, unknown>): Promise<DecisionResult>;
  /** Deploys one BPMN, DMN or form (`.form`) resource; returns what the engine registered. */
  deploy(name: string, content: Buffer): Promise<Array<DeployedProcess | DeployedDecision | DeployedForm>>;
}

/**
 * The engine's Camunda v2 REST API as the use cases need it (user tasks, instance migration). The
 * same calls work against the embedded engine and a Camunda 8.8+ cluster; the adapter
 * (`zeebe/camunda-rest-client.ts`) adds the address and the platform's credentials.
 */
export interface EngineRest {
  /**
   * One call; resolves with the answer's JSON (undefined for 204). Throws EngineRestRefusal when the
   * engine refuses the request (4xx other than 401/403), OperationalError when it cannot answer.
   */
  call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** The engine refused a request for a reason in the request (unknown key, wrong state, bad mapping). */
export class EngineRestRefusal extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'EngineRestRefusal';
  }
}

/** A v2 search answer. */
export interface SearchPage<T> {
  items: T[];
  page: { totalItems: number; hasMoreTotalItems?: boolean; endCursor?: string };
}

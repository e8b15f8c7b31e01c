/** The Camunda 8 Orchestration Cluster REST API v2 shapes the operations view reads (through /api/operations/v2). */
export interface SearchResult<T> {
  items: T[];
  page?: { totalItems?: number; endCursor?: string; startCursor?: string };
}

export interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName?: string;
  processDefinitionVersion?: number;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | string;
  startDate: string;
  endDate?: string | null;
  hasIncident?: boolean;
}

export interface ElementInstance {
  elementInstanceKey: string;
  elementId: string;
  elementName?: string;
  type: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | string;
  startDate: string;
  endDate?: string | null;
  hasIncident?: boolean;
  incidentKey?: string | null;
  processInstanceKey: string;
}

export interface Incident {
  incidentKey: string;
  processInstanceKey: string;
  processDefinitionId?: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey?: string;
  creationTime: string;
  state: 'ACTIVE' | 'RESOLVED' | 'MIGRATED' | 'PENDING' | string;
  jobKey?: string | null;
}

export interface MessageSubscription {
  messageSubscriptionKey?: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey?: string;
  messageName: string;
  correlationKey?: string;
  messageSubscriptionState?: 'CREATED' | 'CORRELATED' | 'DELETED' | 'MIGRATED' | string;
  lastUpdatedDate?: string;
}

export interface Variable {
  variableKey?: string;
  name: string;
  /** JSON text of the value, as the v2 API returns it. */
  value: string;
  scopeKey?: string;
  processInstanceKey?: string;
  isTruncated?: boolean;
}

/**
 * A timer waiting to fire, from the engine's iplus extension `POST /v2/x-iplus/timers/search`
 * (Camunda's v2 API has no timer search): its due date as the engine computed it.
 */
export interface EngineTimer {
  timerKey: string;
  state: 'CREATED' | string;
  dueDate: string;
  elementId: string;
  processInstanceKey?: string;
  elementInstanceKey?: string;
}

import type { DecisionResult } from '../processor/decisions';
import type { DeploymentResult, Resource } from '../processor/deploy';
import type { CreatedInstance, CreateInstanceRequest } from '../processor/instance-creation';
import type { ActivateJobsRequest } from '../processor/long-polls';
import type { UserTaskChangeset } from '../processor/user-tasks';
import type { ActivatedJob } from '../runtime/runtime-api';

/** What the REST API asks of the engine, per group of endpoints (the Engine implements all of it). */

/** The user-task writes, through the engine. */
export interface UserTaskCommands {
  completeUserTask(userTaskKey: string, variables?: Record<string, unknown>): Promise<void>;
  assignUserTask(userTaskKey: string, assignee: string, allowOverride?: boolean): Promise<void>;
  unassignUserTask(userTaskKey: string): Promise<void>;
  updateUserTask(userTaskKey: string, changeset: UserTaskChangeset): Promise<void>;
}

/** The engine commands behind process instance modification, migration and resource deletion. */
export interface InstanceOperationCommands {
  modifyProcessInstance(m: {
    processInstanceKey: string;
    activateInstructions: Array<{
      elementId: string;
      ancestorElementInstanceKey?: string;
      variableInstructions: Array<{ variables: string; scopeId: string }>;
    }>;
    terminateInstructions: Array<{ elementInstanceKey: string }>;
  }): Promise<void>;
  migrateProcessInstance(m: {
    processInstanceKey: string;
    targetProcessDefinitionKey: string;
    mappingInstructions: Array<{ sourceElementId: string; targetElementId: string }>;
  }): Promise<void>;
  deleteResource(resourceKey: string): Promise<void>;
}

/** The engine commands behind Camunda 8.9's deployment, instance, message, signal and decision writes. */
export interface CommandEngine {
  deploy(resources: Resource[]): Promise<DeploymentResult>;
  createProcessInstance(req: CreateInstanceRequest): Promise<CreatedInstance>;
  createProcessInstanceWithResult(
    req: CreateInstanceRequest,
    options: { requestTimeout?: number; fetchVariables?: string[] },
  ): Promise<CreatedInstance & { variables: string }>;
  cancelProcessInstance(processInstanceKey: string): Promise<void>;
  setVariables(elementInstanceKey: string, variables: string, local: boolean): Promise<{ key: string }>;
  publishMessage(req: {
    name: string;
    correlationKey?: string;
    timeToLive?: number;
    messageId?: string;
    variables?: string;
  }): Promise<{ key: string; tenantId: string }>;
  correlateMessage(req: {
    name: string;
    correlationKey?: string;
    variables?: string;
  }): Promise<{ key: string; tenantId: string; processInstanceKey: string }>;
  broadcastSignal(signalName: string, variables?: string): Promise<{ key: string; tenantId: string }>;
  evaluateDecision(req: {
    decisionKey?: string;
    decisionId?: string;
    variables?: string;
  }): Promise<DecisionResult>;
}

/** The engine's job commands behind 8.9's job endpoints (the same ones the gateway serves). */
export interface JobCommandEngine {
  activateJobs(req: ActivateJobsRequest): Promise<ActivatedJob[]>;
  completeJob(jobKey: string, variables?: string): Promise<void>;
  failJob(
    jobKey: string,
    retries: number,
    errorMessage: string,
    retryBackOff: number,
    variables?: string,
  ): Promise<void>;
  throwError(jobKey: string, errorCode: string, errorMessage: string, variables?: string): Promise<void>;
}

/** The writes the REST API offers; they go through the engine, never to the tables. */
export interface EngineCommands
  extends UserTaskCommands,
    InstanceOperationCommands,
    CommandEngine,
    JobCommandEngine {
  updateJobRetries(jobKey: string, retries: number): Promise<void>;
  updateJobTimeout(jobKey: string, timeout: number): Promise<void>;
  resolveIncident(incidentKey: string): Promise<void>;
}

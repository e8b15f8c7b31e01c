/** What deleting one process instance from the engine's state came to. */
export type InstanceDeletion = 'deleted' | 'not_found' | 'running';

/**
 * The engine's side of erasure: deletes a finished process instance with its variables (Camunda
 * 8.9's `POST /v2/process-instances/{key}/deletion`, which our engine serves) and cancels a running
 * one (an early erasure of a case entered by mistake). The adapter is `zeebe/instance-deletion.ts`.
 */
export interface EngineHistory {
  deleteInstance(processInstanceKey: string): Promise<InstanceDeletion>;
  cancelInstance(processInstanceKey: string): Promise<void>;
}

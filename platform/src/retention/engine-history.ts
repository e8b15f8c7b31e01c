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
  /**
   * The keys of every process instance holding a variable `decisionId` that names the case (Camunda's
   * `POST /v2/process-instances/search`, a `variables` filter): its recorded instances and their
   * follow-ups, and any the platform
   * did not record: a duplicate start left by a crash (cancelled, or finished after taking a message).
   */
  instancesOfCase(decisionId: string): Promise<string[]>;
}

/**
 * A case's process instances to delete: the recorded ones first (in their order), then the others
 * the engine knows, oldest first, so a parent comes before the follow-ups it called.
 */
export async function caseInstances(
  engine: EngineHistory,
  decisionId: string,
  recorded: Array<string | null>,
): Promise<string[]> {
  const keys = recorded.filter((k): k is string => k !== null && k !== '');
  const others = (await engine.instancesOfCase(decisionId))
    .filter((k) => !keys.includes(k))
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  return [...new Set([...keys, ...others])];
}

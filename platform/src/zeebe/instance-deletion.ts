import axios, { type AxiosResponse } from 'axios';
import { OperationalError } from '../errors';
import type { EngineHistory, InstanceDeletion } from '../retention/engine-history';
import type { EngineClient } from './engine-client';

/** Instances a search asks for at once; a case holds a few. */
const SEARCH_LIMIT = 1000;

/**
 * The engine's instance deletion over its Camunda v2 REST API (CAMUNDA_REST_ADDRESS, the same
 * credentials as the Zeebe client): 204 deleted, 404 already gone, 409 still running. A case's
 * instances are found by their `decisionId` variable (`POST /v2/process-instances/search` with a
 * `variables` filter, which our engine answers from its variable index). Cancelling goes over gRPC
 * (the Zeebe client).
 */
export function restEngineHistory(
  engine: EngineClient,
  restAddress: string | undefined,
  authorization: (() => Promise<string | undefined>) | undefined,
): EngineHistory {
  async function post(route: string, body: unknown): Promise<AxiosResponse> {
    if (!restAddress)
      throw new OperationalError(
        'engine_history_unavailable',
        "no Camunda v2 REST API is configured (CAMUNDA_REST_ADDRESS): the engine's copy of a case cannot be deleted",
      );
    const auth = await authorization?.();
    try {
      return await axios.post(`${restAddress.replace(/\/+$/, '')}/v2/${route}`, body, {
        headers: auth ? { authorization: auth } : {},
        timeout: 10_000,
        validateStatus: () => true,
      });
    } catch (e) {
      throw new OperationalError(
        'engine_history_unavailable',
        `the engine's REST API did not answer: ${(e as Error).message}`,
      );
    }
  }
  const refused = (what: string, res: AxiosResponse) =>
    new OperationalError(
      'engine_history_unavailable',
      `the engine refused ${what} (${res.status}): ${JSON.stringify(res.data).slice(0, 300)}`,
    );
  return {
    async deleteInstance(key: string): Promise<InstanceDeletion> {
      const res = await post(`process-instances/${encodeURIComponent(key)}/deletion`, {});
      if (res.status === 204 || res.status === 200) return 'deleted';
      if (res.status === 404) return 'not_found';
      if (res.status === 409) return 'running';
      throw refused(`to delete process instance ${key}`, res);
    },
    cancelInstance: (key) => engine.cancelProcessInstance(key),
    async instancesOfCase(decisionId: string): Promise<string[]> {
      const keys = new Set<string>();
      for (let from = 0; ; from += SEARCH_LIMIT) {
        const res = await post('process-instances/search', {
          filter: { variables: [{ name: 'decisionId', value: JSON.stringify(decisionId) }] },
          page: { from, limit: SEARCH_LIMIT },
        });
        if (res.status !== 200) throw refused(`to search the process instances of case ${decisionId}`, res);
        const items = (res.data as { items?: Array<{ processInstanceKey?: string }> }).items ?? [];
        for (const i of items) if (i.processInstanceKey) keys.add(String(i.processInstanceKey));
        if (items.length < SEARCH_LIMIT) return [...keys];
      }
    },
  };
}

/**
 * Outbox handler `delete_instance` (zeebe/process-starts.ts): deletes an instance started for a case
 * erased meanwhile; one the engine still reports running (its cancellation not yet done) is retried.
 */
export function deleteInstanceHandler(history: EngineHistory): (payload: unknown) => Promise<void> {
  return async (p) => {
    const key = (p as { processInstanceKey: string }).processInstanceKey;
    if ((await history.deleteInstance(key)) === 'running')
      throw new Error(`process instance ${key} is still running: its deletion waits for its cancellation`);
  };
}

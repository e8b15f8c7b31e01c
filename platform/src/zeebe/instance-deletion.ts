import axios from 'axios';
import { OperationalError } from '../errors';
import type { EngineHistory, InstanceDeletion } from '../retention/engine-history';
import type { EngineClient } from './engine-client';

/**
 * The engine's instance deletion over its Camunda v2 REST API (CAMUNDA_REST_ADDRESS, the same
 * credentials as the Zeebe client): 204 deleted, 404 already gone, 409 still running. Cancelling
 * goes over gRPC (the Zeebe client).
 */
export function restEngineHistory(
  engine: EngineClient,
  restAddress: string | undefined,
  authorization: (() => Promise<string | undefined>) | undefined,
): EngineHistory {
  return {
    async deleteInstance(key: string): Promise<InstanceDeletion> {
      if (!restAddress)
        throw new OperationalError(
          'engine_history_unavailable',
          "no Camunda v2 REST API is configured (CAMUNDA_REST_ADDRESS): the engine's copy of a case cannot be deleted",
        );
      const auth = await authorization?.();
      let res;
      try {
        res = await axios.post(
          `${restAddress.replace(/\/+$/, '')}/v2/process-instances/${encodeURIComponent(key)}/deletion`,
          {},
          { headers: auth ? { authorization: auth } : {}, timeout: 10_000, validateStatus: () => true },
        );
      } catch (e) {
        throw new OperationalError(
          'engine_history_unavailable',
          `the engine's REST API did not answer: ${(e as Error).message}`,
        );
      }
      if (res.status === 204 || res.status === 200) return 'deleted';
      if (res.status === 404) return 'not_found';
      if (res.status === 409) return 'running';
      throw new OperationalError(
        'engine_history_unavailable',
        `the engine refused to delete process instance ${key} (${res.status}): ${JSON.stringify(res.data).slice(0, 300)}`,
      );
    },
    cancelInstance: (key) => engine.cancelProcessInstance(key),
  };
}

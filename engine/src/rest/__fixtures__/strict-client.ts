import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import { TEST_CLIENT } from '../../test-support/test-credentials';

/**
 * Camunda's official REST client (`@camunda8/orchestration-cluster-api` 9.x, typed against
 * Camunda 8.9) with strict validation of every request and response against the API's schemas,
 * Basic credentials of the test client, and no retries (a failure shows at once).
 */
export function strictClient(restAddress: string) {
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: restAddress,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_CLIENT.clientId,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_CLIENT.clientSecret,
      CAMUNDA_SDK_VALIDATION: 'req:strict,res:strict',
      CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    },
  });
}

/** Eventual-consistency option for reads: this engine's reads are consistent, ask once. */
export const NOW = { consistency: { waitUpToMs: 0 } } as const;

/** Awaits a client call; a validation failure is rethrown with the schema's issues in the message. */
export async function strict<T>(call: PromiseLike<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    const issues = (e as { issues?: unknown }).issues;
    if (issues) throw new Error(`${(e as Error).message}\n${JSON.stringify(issues, null, 1)}`);
    throw e;
  }
}

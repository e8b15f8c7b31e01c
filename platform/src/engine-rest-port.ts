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

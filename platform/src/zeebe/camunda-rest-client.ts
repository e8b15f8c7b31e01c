import { EngineRestRefusal, type EngineRest } from '../engine-port';
import { OperationalError } from '../errors';

/**
 * The engine's Camunda v2 REST API over fetch (CAMUNDA_REST_ADDRESS, with the same credentials as
 * the Zeebe client). Without an address every call is an OperationalError naming the variable.
 */
export class CamundaRestClient implements EngineRest {
  constructor(
    private readonly address: string | undefined,
    private readonly authorization: () => Promise<string | undefined>,
    private readonly timeoutMs = 10_000,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    if (!this.address) {
      throw new OperationalError(
        'engine_rest_unavailable',
        "no Camunda v2 REST API is configured (CAMUNDA_REST_ADDRESS); user tasks and migration need the engine's REST API",
        { advice: 'an operator must set CAMUNDA_REST_ADDRESS' },
      );
    }
    const authorization = await this.authorization();
    let res: Response;
    try {
      res = await fetch(`${this.address.replace(/\/+$/, '')}/v2/${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(authorization ? { authorization } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new OperationalError(
        'engine_rest_unavailable',
        `the engine's REST API did not answer ${method} /v2/${path}: ${(e as Error).message}`,
      );
    }
    const text = await res.text();
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    if (res.ok) return data as T;
    if (res.status === 401 || res.status === 403) {
      throw new OperationalError(
        'engine_credentials_refused',
        `the engine's REST API refused the platform's credentials (${res.status})`,
        {
          advice:
            'an operator must fix the credentials (ZEEBE_CLIENT_ID/ZEEBE_CLIENT_SECRET, or CAMUNDA_BASIC_AUTH_USERNAME/PASSWORD, or IPLUS_ENGINE_CLIENT_SECRET)',
        },
      );
    }
    const detail =
      typeof data === 'object' && data !== null && typeof (data as { detail?: unknown }).detail === 'string'
        ? (data as { detail: string }).detail
        : String(text).slice(0, 500);
    if (res.status >= 400 && res.status < 500) throw new EngineRestRefusal(res.status, detail);
    throw new OperationalError(
      'engine_rest_unavailable',
      `the engine's REST API answered ${res.status} to ${method} /v2/${path}: ${detail}`,
    );
  }
}

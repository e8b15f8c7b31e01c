import axios, { type AxiosInstance } from 'axios';
import type { Clock } from '../clock';
import { OperationalError } from '../errors';
import type { BngPort, SignalementEnd, SignalementRequest, SignalementUpdate } from './bng-port';
import { CircuitBreaker } from './circuit-breaker';

export interface HttpAdapterOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Attempts per call (the job worker retries again on top, with its own back-off). */
  attempts?: number;
  /** Wait before retry n (1-based), in ms. */
  retryDelayMs?: (n: number) => number;
  /** How the adapter waits between attempts; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
  failureThreshold?: number;
  openMs?: number;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The BNG HTTP adapter (platform/bng-openapi.yaml): `PUT {baseUrl}/signalements/{signalementId}` to
 * create, `PATCH` it to update, `PUT …/end` to end. PUT with the platform's id, and the change id as
 * Idempotency-Key of a PATCH, make a retry after a lost answer harmless. Each attempt has a
 * timeout; 5xx, 429, timeouts and network errors are retried with back-off; a circuit breaker stops
 * calls while the endpoint keeps failing. A 4xx other than 429 is a bug in our request: not retried.
 */
export class HttpBngAdapter implements BngPort {
  readonly register = 'bng-http' as const;
  private readonly http: AxiosInstance;
  private readonly breaker: CircuitBreaker;
  private readonly attempts: number;
  private readonly retryDelayMs: (n: number) => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly options: HttpAdapterOptions,
    clock: Clock,
  ) {
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs,
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    this.breaker = new CircuitBreaker('BNG endpoint', clock, {
      failureThreshold: options.failureThreshold ?? 5,
      openMs: options.openMs ?? 30_000,
    });
    this.attempts = options.attempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? ((n) => 200 * 2 ** (n - 1));
    this.sleep = options.sleep ?? wait;
  }

  async createSignalement(request: SignalementRequest): Promise<{ externalId: string | null }> {
    const data = await this.call(
      'put',
      `/signalements/${encodeURIComponent(request.signalementId)}`,
      request,
      request.signalementId,
      'the signalement',
    );
    const id = (data as { id?: unknown } | undefined)?.id;
    return { externalId: typeof id === 'string' ? id : null };
  }

  /** `PATCH /signalements/{id}` with the whole new state; the change id is the idempotency key. */
  async updateSignalement(update: SignalementUpdate): Promise<void> {
    await this.call(
      'patch',
      `/signalements/${encodeURIComponent(update.signalementId)}`,
      update,
      update.changeId,
      'the update',
    );
  }

  /** `PUT /signalements/{id}/end`: idempotent by nature (ending an ended signalement is the same end). */
  async endSignalement(end: SignalementEnd): Promise<void> {
    await this.call(
      'put',
      `/signalements/${encodeURIComponent(end.signalementId)}/end`,
      end,
      `${end.signalementId}:end`,
      'the end',
    );
  }

  private async call(
    method: 'put' | 'patch',
    url: string,
    body: unknown,
    idempotencyKey: string,
    what: string,
  ): Promise<unknown> {
    return this.breaker.run(async () => {
      let last: Error | undefined;
      for (let attempt = 1; attempt <= this.attempts; attempt++) {
        if (attempt > 1) await this.sleep(this.retryDelayMs(attempt - 1));
        try {
          const res = await this.http.request({
            method,
            url,
            data: body,
            headers: { 'idempotency-key': idempotencyKey },
          });
          if (res.status >= 200 && res.status < 300) return res.data as unknown;
          last = new OperationalError('bng_http_status', `BNG endpoint answered ${res.status}`);
          if (res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408) {
            throw new Error(
              `BNG endpoint refused ${what} (${res.status}): ${JSON.stringify(res.data).slice(0, 300)}`,
            );
          }
        } catch (e) {
          if (!axios.isAxiosError(e) && !(e instanceof OperationalError)) throw e;
          last = axios.isAxiosError(e)
            ? new OperationalError(
                'bng_unreachable',
                `BNG endpoint unreachable: ${e.code ?? ''} ${e.message}`,
              )
            : e;
        }
      }
      throw last ?? new OperationalError('bng_unreachable', 'BNG endpoint failed');
    });
  }

  health() {
    const state = this.breaker.state;
    return {
      status: state === 'open' ? ('down' as const) : ('up' as const),
      register: this.register,
      circuit: state,
      url: this.options.baseUrl,
    };
  }
}

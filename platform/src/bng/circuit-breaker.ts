import type { Clock } from '../clock';
import { OperationalError } from '../errors';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before letting one trial call through. */
  openMs: number;
}

/**
 * Stops hammering a dependency that keeps failing: after `failureThreshold` failures in a row the
 * circuit opens and calls fail at once for `openMs`; then one trial call is let through (half-open):
 * success closes the circuit, failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(
    private readonly name: string,
    private readonly clock: Clock,
    private readonly options: CircuitBreakerOptions,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed';
    return this.clock.now().getTime() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Runs `fn` through the breaker. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      throw new OperationalError(
        'circuit_open',
        `${this.name} is failing; calls are paused for up to ${this.options.openMs} ms`,
      );
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await fn();
      this.failures = 0;
      this.openedAt = undefined;
      return result;
    } catch (e) {
      this.failures++;
      if (trial || this.failures >= this.options.failureThreshold) this.openedAt = this.clock.now().getTime();
      throw e;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }
}

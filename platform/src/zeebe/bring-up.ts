import type { Logger } from '../logger';

/** A step of the engine bring-up, retried until it succeeds. */
export interface BringUpStep {
  name: string;
  run(): Promise<void>;
}

/**
 * Brings the platform's engine side up: the first step (start the job workers and the outbox once
 * the engine answers), then the others side by side (deploy the process models, the routing
 * tables), each retried with back-off until it succeeds, so the platform starts (and serves its
 * API) while the engine is still coming up, and one failing step does not hold back the others.
 */
export class BringUp {
  readonly done = new Set<string>();
  /** Milliseconds from the bring-up's start to each step's success, for the start-up log line. */
  readonly tookMs: Record<string, number> = {};
  private readonly startedAt = Date.now();
  lastError = 'not tried yet';
  private stopped = false;
  readonly ready: Promise<void>;

  constructor(
    steps: BringUpStep[],
    private readonly logger: Logger,
    private readonly maxDelayMs = 3000,
  ) {
    this.ready = this.run(steps);
  }

  /** Stops retrying (shutdown). */
  stop(): void {
    this.stopped = true;
  }

  private async run(steps: BringUpStep[]): Promise<void> {
    const [first, ...rest] = steps;
    if (first) await this.retry(first);
    await Promise.all(rest.map((step) => this.retry(step)));
    if (!this.stopped)
      this.logger.info('engine side up: job workers running, models and routing tables deployed', {
        msAfterStart: this.tookMs,
      });
  }

  private async retry(step: BringUpStep): Promise<void> {
    for (let attempt = 0; !this.done.has(step.name); attempt++) {
      if (this.stopped) return;
      try {
        await step.run();
        this.done.add(step.name);
        this.tookMs[step.name] = Date.now() - this.startedAt;
      } catch (e) {
        this.lastError = `${step.name}: ${(e as Error).message}`;
        if (attempt === 0 || attempt % 20 === 0)
          this.logger.warn('engine not ready yet; retrying', { step: step.name, error: this.lastError });
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, this.maxDelayMs)).unref());
      }
    }
  }
}

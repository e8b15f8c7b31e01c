import type { Clock } from '../clock/clock';
import { prepare, type Db, type Stmt } from '../state/database';

/** How many due items one wake-up turns into commands; more wake again at once. */
const BATCH = 500;

export interface DueItems {
  timers: number[];
  jobDeadlines: number[];
  jobRetries: number[];
}

/**
 * Wakes the engine when something becomes due: timers, job deadlines, retry back-offs and
 * message expiry. The tables' indexes are the agenda; memory only holds the next wake-up time,
 * so nothing is loaded at start and nothing due is ever lost (late, never never).
 */
export class DueScheduler {
  private nextWake = Infinity;
  private cancel?: () => void;
  private readonly dueTimers: Stmt<[number, number], { key: number }>;
  private readonly dueDeadlines: Stmt<[number, number], { key: number }>;
  private readonly dueRetries: Stmt<[number, number], { key: number }>;
  private readonly nextDue: Stmt<[], { due: number | null }>;
  private readonly expireMessages: Stmt<[number]>;
  private readonly expireCorrelations: Stmt<[]>;
  private stopped = false;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly onWake: () => void,
  ) {
    this.dueTimers = prepare(
      db,
      "SELECT key FROM timer WHERE state = 'CREATED' AND due_date <= ? ORDER BY due_date LIMIT ?",
    );
    this.dueDeadlines = prepare(
      db,
      "SELECT key FROM job WHERE state = 'ACTIVATED' AND deadline <= ? ORDER BY deadline LIMIT ?",
    );
    this.dueRetries = prepare(
      db,
      "SELECT key FROM job WHERE state = 'FAILED' AND retry_at IS NOT NULL AND retry_at <= ? ORDER BY retry_at LIMIT ?",
    );
    this.nextDue = prepare(
      db,
      `SELECT MIN(due) AS due FROM (
         SELECT MIN(due_date) AS due FROM timer WHERE state = 'CREATED'
         UNION ALL SELECT MIN(deadline) FROM job WHERE state = 'ACTIVATED'
         UNION ALL SELECT MIN(retry_at) FROM job WHERE state = 'FAILED' AND retry_at IS NOT NULL
         UNION ALL SELECT MIN(deadline) FROM message)`,
    );
    this.expireMessages = prepare(db, 'DELETE FROM message WHERE deadline <= ?');
    this.expireCorrelations = prepare(
      db,
      'DELETE FROM message_correlation WHERE message_key NOT IN (SELECT key FROM message)',
    );
  }

  /** Something becomes due at `time`: make sure the engine wakes by then. */
  wakeAt(time: number): void {
    if (this.stopped || time >= this.nextWake) return;
    this.nextWake = time;
    this.cancel?.();
    this.cancel = this.clock.schedule(time, () => {
      this.nextWake = Infinity;
      this.cancel = undefined;
      this.onWake();
    });
  }

  /** Inside a transaction: what is due now (and message expiry done), then the next wake-up armed. */
  collectDue(now: number): DueItems {
    const keys = (s: Stmt<[number, number], { key: number }>) => s.all(now, BATCH).map((r) => r.key);
    const items = {
      timers: keys(this.dueTimers),
      jobDeadlines: keys(this.dueDeadlines),
      jobRetries: keys(this.dueRetries),
    };
    if (this.expireMessages.run(now).changes > 0) this.expireCorrelations.run();
    const full =
      items.timers.length === BATCH ||
      items.jobDeadlines.length === BATCH ||
      items.jobRetries.length === BATCH;
    if (full) this.wakeAt(now);
    return items;
  }

  /**
   * Arms the wake-up for the earliest thing due (at start, and after each wake-up's commands ran);
   * `notBefore` keeps an item whose command keeps failing from spinning the engine.
   */
  rearm(notBefore = -Infinity): void {
    const due = this.nextDue.get()?.due;
    if (due !== null && due !== undefined) this.wakeAt(Math.max(due, notBefore));
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }
}

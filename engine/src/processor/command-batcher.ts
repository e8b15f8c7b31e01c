import { Rejection } from '../errors';
import { prepare, type Db, type Stmt } from '../state/database';

/** A queued command: runs inside the batch transaction; its answer waits for the commit. */
interface Queued {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface BatchHooks {
  /** Runs one command (savepoint already open); returns its result. */
  execute(run: () => unknown): unknown;
  /** After a command failed and its savepoint was rolled back. `bug` is false for rejections. */
  afterRollback(bug: boolean): void;
  /** Just before COMMIT (write the key counter). */
  beforeCommit(): void;
  /** After COMMIT: takes the batch's effects (answers to waiting workers...), run once durable. */
  afterCommit(): Array<() => void>;
  /** Calls `done` once the committed transaction is on disk (at once when COMMIT itself synced). */
  whenDurable(done: (error?: Error) => void): void;
  /** COMMIT failed: everything in memory must be reloaded from disk. */
  commitFailed(error: unknown): void;
  onUnexpected(error: unknown): void;
}

/**
 * Group commit: commands arriving close together (within one turn of the event loop) run in one
 * SQLite transaction, each under its own savepoint so one failing command does not undo the
 * others, and every reply is sent only after that transaction is durably committed.
 */
export class CommandBatcher {
  private readonly queue: Queued[] = [];
  private scheduled = false;
  private closed = false;
  private readonly begin: Stmt<[]>;
  private readonly commit: Stmt<[]>;
  private readonly rollback: Stmt<[]>;
  private readonly savepoint: Stmt<[]>;
  private readonly release: Stmt<[]>;
  private readonly rollbackTo: Stmt<[]>;

  constructor(
    db: Db,
    private readonly hooks: BatchHooks,
    private readonly maxQueued: number,
    private readonly maxBatch: number,
  ) {
    this.begin = prepare(db, 'BEGIN');
    this.commit = prepare(db, 'COMMIT');
    this.rollback = prepare(db, 'ROLLBACK');
    this.savepoint = prepare(db, 'SAVEPOINT command');
    this.release = prepare(db, 'RELEASE command');
    this.rollbackTo = prepare(db, 'ROLLBACK TO command');
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Queues a command. Commands that let work drain (completing or failing a job) are never
   * refused; others get RESOURCE_EXHAUSTED when the queue is full, so clients back off.
   */
  submit<T>(run: () => T, exempt = false): Promise<T> {
    if (this.closed) return Promise.reject(new Rejection('UNAVAILABLE', 'the engine is shutting down'));
    if (!exempt && this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new Rejection(
          'RESOURCE_EXHAUSTED',
          `the engine's command queue is full (${this.maxQueued}); retry later`,
        ),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.drain());
      }
    });
  }

  /** Refuses new commands; queued ones still run. */
  close(): void {
    this.closed = true;
  }

  /** Runs everything queued now (used on shutdown). */
  flushNow(): void {
    while (this.queue.length > 0) this.drain();
  }

  private drain(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    const outcomes: Array<{ ok: boolean; value: unknown }> = [];
    try {
      this.begin.run();
      for (const command of batch) {
        this.savepoint.run();
        try {
          const value = this.hooks.execute(command.run);
          this.release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          this.rollbackTo.run();
          this.release.run();
          const bug = !(error instanceof Rejection);
          if (bug) this.hooks.onUnexpected(error);
          this.hooks.afterRollback(bug);
          outcomes.push({
            ok: false,
            value: bug
              ? new Rejection('INTERNAL', `unexpected engine error: ${(error as Error).message}`)
              : error,
          });
        }
      }
      this.hooks.beforeCommit();
      this.commit.run();
    } catch (error) {
      try {
        this.rollback.run();
      } catch {
        // the transaction is already gone
      }
      this.hooks.commitFailed(error);
      const failure = new Rejection(
        'UNAVAILABLE',
        `the engine could not write to its database: ${(error as Error).message}`,
      );
      for (const command of batch) command.reject(failure);
      this.reschedule();
      return;
    }
    const effects = this.hooks.afterCommit();
    this.hooks.whenDurable((error) => {
      if (error) {
        const failure = new Rejection(
          'UNAVAILABLE',
          `the engine could not make its writes durable: ${error.message}`,
        );
        this.hooks.onUnexpected(error);
        for (const command of batch) command.reject(failure);
        return;
      }
      batch.forEach((command, i) =>
        outcomes[i].ok ? command.resolve(outcomes[i].value) : command.reject(outcomes[i].value),
      );
      for (const effect of effects) effect();
    });
    this.reschedule();
  }

  private reschedule(): void {
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }
}

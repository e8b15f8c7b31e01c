interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for PostgreSQL's durable transactions (postgres-store.ts): callers whose transaction
 * has committed (without waiting for the disk) ask for a flush, and those who ask while one flush
 * runs share the next one. At most one flush is in flight and one is queued, whatever the number of
 * callers: one statement and one fsync for many commits, where each commit used to send a flush of
 * its own (each holding a pooled connection for a round trip and an fsync).
 *
 * Why a caller is covered by the flush it waits for: it asks only after its COMMIT was answered, so
 * its commit record is in the WAL before that moment. The flush it joins starts after it asked
 * (a batch is taken, and its flush sent, only when the previous flush has finished; a caller that
 * arrives while a flush is in flight is never resolved by that one, whose statement may have been
 * written before the caller's commit). The flush statement's own commit is therefore later in the
 * WAL than every commit of its batch, and PostgreSQL flushes the WAL in order, up to that commit.
 *
 * A failed flush rejects its batch only (the caller answers an error: its change is committed but
 * perhaps not on disk, and is retried like any failure); the next batch sends a new flush, since a
 * lost connection or a restarted server is not a sticky condition here (unlike an fsync error on a
 * file, WalSync): a flush that later succeeds covers every earlier commit PostgreSQL kept.
 */
export class GroupFlush {
  private waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;

  /** `flushOnce` resolves once everything committed before it was called is on disk. */
  constructor(private readonly flushOnce: () => Promise<void>) {}

  /** Resolves once every commit answered before the call is on disk. */
  flush(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.waiters.length > 0) {
      // Everyone waiting now committed before this flush is sent: one flush covers them all.
      const batch = this.waiters;
      this.waiters = [];
      try {
        await this.flushOnce();
        for (const w of batch) w.resolve();
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    this.draining = undefined;
  }
}

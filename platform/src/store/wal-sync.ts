import * as fs from 'node:fs';
import { OperationalError } from '../errors';

/** The two system calls WalSync makes (fsync on libuv's thread pool, close); injectable for tests. */
export interface WalIo {
  fsync(fd: number, done: (err: NodeJS.ErrnoException | null) => void): void;
  close(fd: number): void;
}

const nodeIo: WalIo = { fsync: (fd, done) => fs.fsync(fd, done), close: (fd) => fs.closeSync(fd) };

/** Raised once an fsync of the write-ahead log failed: the store must be reopened (restart the service). */
export class WalSyncFailedError extends OperationalError {
  constructor(cause: Error) {
    super(
      'store_not_durable',
      `the store could not write its log to disk (${cause.message}): recent changes may not be durable; ` +
        'check the disk and restart the service',
      { cause, advice: 'send it again once the service has been restarted' },
    );
    this.name = 'WalSyncFailedError';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Group commit for a synchronous driver. better-sqlite3 runs on the event loop, so with
 * synchronous=FULL every commit would stop the whole service for an fsync. Instead a commit is
 * written without one and then `flush()` fsyncs the write-ahead log on libuv's thread pool; commits
 * that arrive while an fsync runs share the next one. A caller resumes only once its commit is on
 * disk: the same guarantee as synchronous=FULL, without blocking, and with one fsync for many commits.
 *
 * The descriptor stays valid for the store's life: SQLite resets the log after a checkpoint by
 * writing it again from the start (or truncating it), never by replacing the file, and deletes it
 * only when its last connection closes — which is `close()`, below.
 *
 * A failed fsync is sticky: after one, the kernel may have dropped the dirty pages and a later fsync
 * could succeed without them ever reaching the disk, so every later flush fails too and the store
 * reports itself down until it is reopened.
 */
export class WalSync {
  private waiters: Waiter[] = [];
  private draining: Promise<void> | undefined;
  private failed: WalSyncFailedError | undefined;
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly io: WalIo = nodeIo,
  ) {}

  /** The sticky failure, if an fsync ever failed (the store is then down). */
  get failure(): WalSyncFailedError | undefined {
    return this.failed;
  }

  /**
   * Resolves once every commit made before the call is on disk. After `close()` it resolves at once:
   * the connection is closed, so every commit came before close's final fsync.
   */
  flush(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /**
   * Call after the database connection is closed (no commit can follow): waits for the fsyncs in
   * flight, syncs once more, then releases the descriptor. Rejects if that last fsync fails.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    const last = this.flush();
    this.closed = true;
    try {
      await last;
    } finally {
      await this.draining;
      this.io.close(this.fd);
    }
  }

  private async drain(): Promise<void> {
    while (this.waiters.length > 0) {
      // Everyone waiting now committed before this fsync starts: one fsync covers them all.
      const batch = this.waiters;
      this.waiters = [];
      const err = await new Promise<NodeJS.ErrnoException | null>((done) => this.io.fsync(this.fd, done));
      if (err) {
        this.failed = new WalSyncFailedError(err);
        for (const w of [...batch, ...this.waiters]) w.reject(this.failed);
        this.waiters = [];
        break;
      }
      for (const w of batch) w.resolve();
    }
    this.draining = undefined;
  }
}

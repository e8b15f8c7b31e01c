import * as fs from 'node:fs';

/**
 * Makes committed transactions durable without blocking the event loop. SQLite runs in WAL mode
 * with synchronous=NORMAL (a commit writes its WAL frames but does not fsync); after each commit
 * the WAL file is fsynced on libuv's thread pool, and only then are that commit's replies sent.
 * An acknowledged command is therefore on disk exactly as with synchronous=FULL (which fsyncs the
 * WAL inside COMMIT), while the engine keeps serving during the fsync. Commits made while an
 * fsync runs share the next one (group commit across transactions).
 */
export class WalSync {
  private readonly fd: number;
  private running = false;
  private waiting: Array<(error?: Error) => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(walPath: string) {
    this.fd = fs.openSync(walPath, 'r');
  }

  /** Calls `done` once everything committed so far is on disk. */
  afterCommit(done: (error?: Error) => void): void {
    this.waiting.push(done);
    if (!this.running) this.start();
  }

  /** Resolves when no fsync is pending. */
  idle(): Promise<void> {
    if (!this.running && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private start(): void {
    const group = this.waiting;
    this.waiting = [];
    this.running = true;
    fs.fsync(this.fd, (error) => {
      this.running = false;
      for (const done of group) done(error ?? undefined);
      if (this.waiting.length > 0) this.start();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }
}

import { Worker } from 'node:worker_threads';

/**
 * Copies the write-ahead log back into the database file on a worker thread, with its own
 * connection, so the service's event loop never waits for it.
 *
 * SQLite checkpoints by itself at the end of a commit once the log passes 1,000 pages: on the
 * connection that commits, which for better-sqlite3 is the event loop, and a checkpoint writes the
 * pages into the database file and fsyncs it. With a large store (the inbox benchmark's million
 * mandates) that stopped every request for 100–300 ms every few seconds. The service's connection
 * therefore runs with `wal_autocheckpoint = 0`, and this thread checkpoints instead (PASSIVE: it
 * never blocks a reader or a writer, and it is crash-safe like any SQLite checkpoint).
 *
 * The worker is plain JavaScript evaluated from this string, so it runs the same from the compiled
 * service and from the TypeScript tests; it loads better-sqlite3 from the path resolved here.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma('wal_autocheckpoint = 0');
let failing = '';
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (failing) parentPort.postMessage({ recovered: true });
    else if (workerData.report) parentPort.postMessage({ checkpointed: true });
    failing = '';
  } catch (e) {
    if (e.message !== failing) parentPort.postMessage({ error: e.message });
    failing = e.message;
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerEvents {
  /** A checkpoint failed (disk full, read-only folder …): the log keeps growing until it succeeds. */
  failed(message: string): void;
  /** Checkpoints succeed again after a failure. */
  recovered(): void;
  /**
   * A checkpoint succeeded. Only for whoever must know one ran (a test waits on it rather than on
   * time); without it the thread posts nothing while checkpoints succeed.
   */
  checkpointed?(): void;
}

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, events: CheckpointerEvents, intervalMs = 250) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        driver: require.resolve('better-sqlite3'),
        intervalMs,
        report: events.checkpointed !== undefined,
      },
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (m: { error?: string; recovered?: boolean; checkpointed?: boolean }) => {
      if (m.error) events.failed(m.error);
      else if (m.recovered) events.recovered();
      else if (m.checkpointed) events.checkpointed?.();
    });
    this.worker.on('error', (e) => events.failed(e.message));
    // After the listeners: a store left open (a test, a crash path) must not keep the process alive.
    this.worker.unref();
  }

  /**
   * Closes the worker's connection and lets the thread end (before the service's own connection
   * closes): any message asks it to stop.
   */
  stop(): Promise<void> {
    // Referenced again, so the process waits for the thread's exit.
    this.worker.ref();
    this.worker.postMessage('stop');
    return this.exited;
  }
}

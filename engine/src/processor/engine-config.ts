import type { Clock } from '../clock/clock';

/** Where the engine reports what happens; it never prints by itself. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface EngineConfig {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Running instances kept in memory (least recently used beyond that are reloaded on demand). */
  cacheSize?: number;
  /** Commands waiting beyond this are refused with RESOURCE_EXHAUSTED. */
  maxQueuedCommands?: number;
  /** Commands per transaction at most. */
  maxBatch?: number;
  /**
   * How commits reach the disk before replies: 'wal-fsync' (default) fsyncs the WAL off the event
   * loop after COMMIT; 'full' uses SQLite's synchronous=FULL (the fsync blocks inside COMMIT).
   * Both answer only once the command is on disk.
   */
  durability?: 'wal-fsync' | 'full';
  /** Long-poll time of ActivateJobs when the request says 0. */
  defaultLongPollMs?: number;
}

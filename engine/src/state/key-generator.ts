import type { Db } from './database';
import { readMetaNumber } from './database';

/** Zeebe encodes the partition in the high bits of every key: (partitionId << 51) + counter. */
const PARTITION_ID = 1;
const PARTITION_BASE = PARTITION_ID * 2 ** 51;

/**
 * Hands out int64 keys shaped like Zeebe's (they stay below 2^53, so a JS number holds them
 * exactly). The last key handed out is written in the same transaction as the rows using it.
 */
export class KeyGenerator {
  private last: number;
  private persisted: number;
  private readonly save: (value: string) => void;

  constructor(db: Db) {
    this.last = readMetaNumber(db, 'last_key') ?? PARTITION_BASE;
    this.persisted = this.last;
    const stmt = db.prepare(
      "INSERT INTO meta (name, value) VALUES ('last_key', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
    );
    this.save = (value) => stmt.run(value);
  }

  next(): number {
    return ++this.last;
  }

  /** Call inside the transaction that stores rows carrying the keys handed out since the last call. */
  persist(): void {
    if (this.last !== this.persisted) {
      this.save(String(this.last));
      this.persisted = this.last;
    }
  }

  /** After a rolled-back transaction: keys handed out since are not on disk, but are never reused. */
  markUnpersisted(): void {
    this.persisted = -1;
  }
}

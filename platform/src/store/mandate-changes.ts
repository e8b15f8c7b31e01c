import * as crypto from 'node:crypto';
import type { Db } from './database';

/** Whose inboxes a committed change to a mandate touches. */
export interface MandateScope {
  recipientId: string;
  province: string;
  parquetId: string;
}

/**
 * One inbox, as the changes count it: an agency's (`recipient`), a province's (a coordinator's), a
 * parquet's, or every mandate (an admin's).
 */
export type InboxKey = `recipient:${string}` | `province:${string}` | `parquet:${string}` | 'all';

/** The inboxes a change touches. */
export function inboxKeysOf(scope: MandateScope): InboxKey[] {
  return [
    `recipient:${scope.recipientId}`,
    `province:${scope.province}`,
    `parquet:${scope.parquetId}`,
    'all',
  ];
}

/**
 * The committed changes to mandates in this process's view of the store, counted per inbox, so a
 * client can wait for its inbox to change instead of asking for it again and again (`GET
 * /api/mandates/changes`). The store reports each committed insert or update of a mandate's
 * recipient, status or overdue flag: SQLite from a trigger on its own connection, PostgreSQL from a
 * trigger's NOTIFY, which every instance LISTENs to (postgres-store.ts), so a mandate issued by one
 * instance wakes the clients waiting on another.
 *
 * A token is a position in one inbox's count, valid in this process only: a token of another
 * instance (behind a load balancer) or of an earlier start counts as "changed", so a client then
 * reads its inbox once too often, never once too few.
 */
export class MandateChanges {
  /** Tells this start's tokens from another's. */
  private readonly instance = crypto.randomBytes(6).toString('base64url');
  private readonly counts = new Map<InboxKey, number>();
  /** Changes of unknown scope (the store may have missed some): they count in every inbox. */
  private unknown = 0;
  private readonly waiters = new Map<InboxKey, Set<() => void>>();
  /** Set once the store listens (on the first client's call): changes count from then. */
  private started: Promise<void> | undefined;

  /** `listen` starts the store's reports (PostgreSQL connects its listener); called when first needed. */
  constructor(private readonly listen: () => Promise<void> = async () => undefined) {}

  /** A committed change, reported by the store; `undefined` when it is not known whose (all wake). */
  changed(scope: MandateScope | undefined): void {
    if (!scope) this.unknown++;
    else for (const key of inboxKeysOf(scope)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    for (const key of scope ? inboxKeysOf(scope) : [...this.waiters.keys()]) {
      const waiting = this.waiters.get(key);
      if (!waiting) continue;
      this.waiters.delete(key);
      for (const wake of waiting) wake();
    }
  }

  /** The inbox's position now. */
  async token(key: InboxKey): Promise<string> {
    await this.listening();
    return this.tokenNow(key);
  }

  /**
   * Resolves with the inbox's position once it has changed since `since` (at once when it already
   * has, or when `since` is not a token of this start for this inbox), or after `waitMs`, or when
   * `signal` aborts; `changed` says which.
   */
  async waitForChange(
    key: InboxKey,
    since: string,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<{ token: string; changed: boolean }> {
    await this.listening();
    const seen = this.positionIn(since, key);
    if (seen === undefined || seen !== this.count(key) || waitMs <= 0 || signal?.aborted)
      return { token: this.tokenNow(key), changed: seen !== this.count(key) };
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.get(key)?.delete(done);
        if (this.waiters.get(key)?.size === 0) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      signal?.addEventListener('abort', done, { once: true });
      const set = this.waiters.get(key) ?? new Set();
      this.waiters.set(key, set.add(done));
    });
    return { token: this.tokenNow(key), changed: seen !== this.count(key) };
  }

  /** How many clients wait (0 when none: nothing is kept for a finished wait). */
  get waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }

  /** Starts the store's reports once; a failed start is tried again by the next call. */
  private listening(): Promise<void> {
    this.started ??= this.listen().catch((e: unknown) => {
      this.started = undefined;
      throw e;
    });
    return this.started;
  }

  private count(key: InboxKey): number {
    return (this.counts.get(key) ?? 0) + this.unknown;
  }

  private tokenNow(key: InboxKey): string {
    return Buffer.from(JSON.stringify([this.instance, key, this.count(key)])).toString('base64url');
  }

  /** The count a token of this start holds for this inbox, or undefined for any other token. */
  private positionIn(token: string, key: InboxKey): number | undefined {
    try {
      const v = JSON.parse(Buffer.from(token, 'base64url').toString()) as unknown;
      if (Array.isArray(v) && v[0] === this.instance && v[1] === key && Number.isSafeInteger(v[2]))
        return v[2];
    } catch {
      // not one of ours: counts as changed
    }
    return undefined;
  }
}

const feeds = new WeakMap<Db, MandateChanges>();

/** Called by the store that opened `db`. */
export function registerMandateChanges(db: Db, changes: MandateChanges): void {
  feeds.set(db, changes);
}

/**
 * The changes the store that opened `db` reports; a database no store registered (a bare test
 * Kysely) gets a feed nothing reports to, whose waits end at their time.
 */
export function mandateChanges(db: Db): MandateChanges {
  let feed = feeds.get(db);
  if (!feed) feeds.set(db, (feed = new MandateChanges()));
  return feed;
}

import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { relaxedStatement, storeDialect, type Db } from '../store/database';
import { traceFields, withRequestId } from '../trace/request-trace';
import { claimDue, claimOne, type OutboxRow } from './outbox-claim';

/** What the outbox carries out after the change that asked for it has committed. */
export type OutboxKind =
  | 'start_decision'
  | 'start_follow_up'
  | 'publish'
  | 'callback'
  | 'cancel_instance'
  | 'pass_on'
  | 'end_signalement'
  | 'delete_instance'
  | 'remove_document';

/** Carries out one item; throwing means "try again later". */
export type OutboxHandler = (payload: unknown) => Promise<void>;

export interface OutboxOptions {
  /** Milliseconds to wait before attempt n+1 after n failures. */
  backoffMs?: (failures: number) => number;
  /** Items of these kinds are given up after this many milliseconds (callbacks: 24 h). */
  giveUpAfterMs?: Partial<Record<OutboxKind, number>>;
  /** How often to look for due items when nothing kicks the outbox. */
  pollMs?: number;
  concurrency?: number;
}

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export const exponentialBackoff = (failures: number): number =>
  Math.min(1000 * 2 ** Math.max(0, failures - 1), 300_000);

/**
 * The transactional outbox: a change that must reach the engine or another system (start a process,
 * publish a message, call a callback URL) writes an item in the same transaction as the change, and
 * this dispatcher carries it out afterwards, retrying with back-off until it succeeds. A crash between
 * the commit and the call loses nothing: the item is still there at the next start.
 */
export class Outbox {
  private readonly handlers = new Map<OutboxKind, OutboxHandler>();
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pass: Promise<void> | undefined;
  private readonly backoff: (failures: number) => number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  /** PostgreSQL: other instances share the outbox, so items are claimed (outbox-claim.ts). */
  private readonly shared: boolean;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions = {},
  ) {
    this.backoff = options.backoffMs ?? exponentialBackoff;
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 16;
    this.shared = storeDialect(db) === 'postgres';
  }

  /**
   * Writes an item inside the caller's transaction; a second item with the same key is ignored. The
   * current request id rides in the payload (`requestId`) and is current again when the item runs.
   */
  static async enqueueIn(
    trx: Db,
    at: Date,
    item: { key: string; kind: OutboxKind; payload: unknown },
  ): Promise<void> {
    await trx
      .insertInto('outbox')
      .values({
        key: item.key,
        kind: item.kind,
        payload: JSON.stringify({ ...(item.payload as object), ...traceFields() }),
        created_at: at.toISOString(),
        attempts: 0,
        next_attempt_at: at.toISOString(),
        done_at: null,
        given_up_at: null,
        last_error: null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  /** Sets who carries out items of a kind. */
  handle(kind: OutboxKind, handler: OutboxHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Starts polling for due items. */
  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /** Looks for due items now (after a commit that enqueued some). */
  kick(): void {
    if (this.running) this.schedule(0);
  }

  /**
   * Carries out one item at once and says whether it succeeded (a failure stays queued for retry).
   * Used where the caller wants the result in its answer, such as the process instance key of an upload.
   */
  async runNow(key: string): Promise<boolean> {
    const existing = this.inFlight.get(key);
    if (existing) return existing;
    if (this.shared) {
      const claimed = await claimOne(this.db, key, this.clock.now());
      if (claimed) return this.dispatch(claimed);
    }
    const row = await this.db.selectFrom('outbox').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) return false;
    if (row.done_at) return true;
    if (row.given_up_at || this.shared) return false; // shared: another instance holds it
    return this.dispatch(row);
  }

  /** Carries out every due item once (tests call this after moving the clock). */
  async runDue(): Promise<number> {
    const now = this.clock.now().toISOString();
    const rows: OutboxRow[] = this.shared
      ? await claimDue(this.db, this.clock.now(), 200)
      : await this.db
          .selectFrom('outbox')
          .selectAll()
          .where('done_at', 'is', null)
          .where('given_up_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(200)
          .execute();
    const todo = rows.filter((r) => !this.inFlight.has(r.key));
    let next = 0;
    const worker = async () => {
      while (next < todo.length) await this.dispatch(todo[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, todo.length) }, worker));
    return todo.length;
  }

  /** Items not yet carried out, for health and tests. */
  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('done_at', 'is', null)
      .where('given_up_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stops polling and waits for items being carried out. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass;
    await Promise.all(this.inFlight.values());
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pass) {
        this.schedule(20);
        return;
      }
      this.pass = this.runDue()
        .then((n) => {
          this.pass = undefined;
          if (this.running) this.schedule(n === 200 ? 0 : this.pollMs);
        })
        .catch((e: unknown) => {
          this.pass = undefined;
          this.logger.error('outbox pass failed', { error: (e as Error).message });
          if (this.running) this.schedule(this.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  private dispatch(
    row: Pick<OutboxRow, 'key' | 'kind' | 'payload' | 'attempts' | 'created_at'>,
  ): Promise<boolean> {
    const run = (async () => {
      const handler = this.handlers.get(row.kind as OutboxKind);
      try {
        if (!handler) throw new Error(`no handler for outbox kind ${row.kind}`);
        const payload = JSON.parse(row.payload) as { requestId?: unknown };
        await withRequestId(payload.requestId, () => handler(payload));
        // Bookkeeping only: if a power cut loses this line the item runs again, which every handler
        // tolerates (idempotent starts, de-duplicated messages, at-least-once callbacks). One UPDATE
        // of one row by key, which claims row-lock too: a statement on its own, no writers' lock.
        await relaxedStatement(this.db, (db) =>
          db
            .updateTable('outbox')
            .set({ done_at: this.clock.now().toISOString(), attempts: row.attempts + 1, last_error: null })
            .where('key', '=', row.key)
            .execute(),
        );
        return true;
      } catch (e) {
        const failures = row.attempts + 1;
        const now = this.clock.now();
        const limit = this.options.giveUpAfterMs?.[row.kind as OutboxKind];
        const givingUp = limit !== undefined && now.getTime() - new Date(row.created_at).getTime() >= limit;
        const message = (e as Error).message ?? String(e);
        await relaxedStatement(
          this.db,
          (db) =>
            db
              .updateTable('outbox')
              .set({
                attempts: failures,
                last_error: message.slice(0, 1000),
                next_attempt_at: new Date(now.getTime() + this.backoff(failures)).toISOString(),
                given_up_at: givingUp ? now.toISOString() : null,
              })
              .where('key', '=', row.key)
              .execute(), // as above: one row by key
        );
        const fields = { key: row.key, attempt: failures, error: message };
        if (givingUp) this.logger.error('outbox item given up', fields);
        else this.logger.warn('outbox item failed, will retry', fields);
        return false;
      } finally {
        this.inFlight.delete(row.key);
      }
    })();
    this.inFlight.set(row.key, run);
    return run;
  }
}

import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ReferenceLookup } from '../reference-port';
import { relaxedStatement, storeDialect, type Db } from '../store/database';
import { claimDueMessages, dueMessages, type OutgoingMessageRow } from './message-claim';
import { messageContent } from './message-content';
import { EmailSender, type SmtpSettings } from './send-email';
import { sendWebhook } from './send-webhook';

/** IPLUS_MESSAGE_RETRY_*: the first wait, doubled after each failure up to the longest, then give up. */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
  giveUpMs: number;
}

export interface MessageDeliveryOptions {
  /** Absent (IPLUS_SMTP_HOST empty): e-mail is off. */
  smtp?: SmtpSettings;
  /** IPLUS_PUBLIC_URL: the web UI's address in links. */
  publicUrl: string;
  retry: RetryPolicy;
  /** IPLUS_CALLBACK_ALLOW, applied to webhook hosts as to callbacks. */
  callbackAllow: readonly string[];
  pollMs?: number;
  timeoutMs?: number;
}

/** The wait before attempt n+1 after n failures: first, 2×first, 4×first … capped at max. */
export const retryDelay = (policy: RetryPolicy, failures: number): number =>
  Math.min(policy.firstMs * 2 ** Math.max(0, failures - 1), policy.maxMs);

/**
 * Sends the queued messages (`outgoing_messages`): e-mail through SMTP, webhooks signed with HMAC.
 * A failure is retried with back-off until the policy gives up; a message whose case was erased is
 * dropped. On PostgreSQL due rows are claimed, so with several instances each is sent by one.
 * Delivery is at least once: a crash between sending and recording sends again, with the same
 * Message-ID / `iplus-message-id` for the receiver to de-duplicate.
 */
export class MessageDispatcher {
  private readonly email: EmailSender | undefined;
  private readonly shared: boolean;
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pass: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly reference: ReferenceLookup,
    private readonly options: MessageDeliveryOptions,
  ) {
    this.email = options.smtp ? new EmailSender(options.smtp, options.timeoutMs) : undefined;
    this.shared = storeDialect(db) === 'postgres';
  }

  /** Sends every due message once (tests call this after moving the clock). Returns how many were tried. */
  async runDue(limit = 100): Promise<number> {
    const now = this.clock.now();
    const rows = this.shared
      ? await claimDueMessages(this.db, now, limit)
      : await dueMessages(this.db, now, limit);
    const todo = rows.filter((r) => !this.inFlight.has(r.id));
    for (const r of todo) this.inFlight.add(r.id);
    try {
      await Promise.all(todo.map((r) => this.attempt(r)));
    } finally {
      for (const r of todo) this.inFlight.delete(r.id);
    }
    return todo.length;
  }

  /** Messages neither sent nor given up, for health. */
  async pending(): Promise<number> {
    const row = await this.db
      .selectFrom('outgoing_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sent_at', 'is', null)
      .where('given_up_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Polls for due messages until stopped. */
  start(): void {
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass;
    this.email?.close();
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.pass = this.runDue()
        .catch((e: unknown) => this.logger.error('message pass failed', { error: (e as Error).message }))
        .finally(() => {
          this.pass = undefined;
          this.schedule();
        });
    }, this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  private async attempt(row: OutgoingMessageRow): Promise<void> {
    try {
      const content = await messageContent(this.db, this.reference, this.options.publicUrl, row);
      if (!content) {
        await this.record(row, { given_up_at: this.clock.now().toISOString(), last_error: 'case erased' });
        return;
      }
      if (row.channel === 'email') {
        if (!this.email) throw new Error('e-mail delivery is off (IPLUS_SMTP_HOST is empty)');
        await this.email.send(row.id, JSON.parse(row.target) as string[], content.rendered);
      } else {
        const s = await this.db
          .selectFrom('agency_delivery')
          .select('webhook_secret')
          .where('agency_id', '=', row.agency_id)
          .executeTakeFirst();
        if (!s?.webhook_secret) throw new Error(`agency ${row.agency_id} has no webhook secret any more`);
        await sendWebhook(
          {
            url: row.target,
            secret: s.webhook_secret,
            messageId: row.id,
            body: JSON.stringify(content.payload),
            at: this.clock.now(),
          },
          this.options.callbackAllow,
          this.options.timeoutMs,
        );
      }
      await this.record(row, {
        sent_at: this.clock.now().toISOString(),
        attempts: row.attempts + 1,
        last_error: null,
      });
    } catch (e) {
      const failures = row.attempts + 1;
      const now = this.clock.now();
      const givingUp = now.getTime() - new Date(row.created_at).getTime() >= this.options.retry.giveUpMs;
      const message = ((e as Error).message ?? String(e)).slice(0, 1000);
      await this.record(row, {
        attempts: failures,
        last_error: message,
        next_attempt_at: new Date(now.getTime() + retryDelay(this.options.retry, failures)).toISOString(),
        given_up_at: givingUp ? now.toISOString() : null,
      });
      const fields = { message: row.id, channel: row.channel, attempt: failures, error: message };
      if (givingUp) this.logger.error('message given up', fields);
      else this.logger.warn('message not delivered, will retry', fields);
    }
  }

  /** Bookkeeping without waiting for the disk: a lost line means the message is sent again (same id). */
  private record(row: OutgoingMessageRow, set: Partial<OutgoingMessageRow>): Promise<unknown> {
    return relaxedStatement(this.db, (db) =>
      db.updateTable('outgoing_messages').set(set).where('id', '=', row.id).execute(),
    );
  }
}

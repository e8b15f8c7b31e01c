import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { transact, type Db } from '../store/database';
import { KEYED_MARKER, type AuditKeying } from './audit-hash';
import { loadOrCreateAuditKey, readAnchor, writeAnchor, type AuditAnchor } from './audit-files';
import type { AuditLog } from './audit-log';

/** What `/health` and `GET /api/audit/verify` say about the chain. */
export interface AuditCheck {
  ok: boolean;
  entries: number;
  /** The entry where the chain breaks, or the first missing one. */
  brokenAt?: number;
  reason?: string;
  /** The first keyed entry (earlier ones are from before keying). */
  keyedFrom: number;
  /** The head as last anchored outside the database. */
  anchoredSeq: number | null;
  anchoredAt: string | null;
  checkedAt: string;
  /**
   * What was checked: the whole chain (on schedule, on request, and once after a start), or, at
   * start, the entries since the anchor and the anchored entry itself.
   */
  scope: 'whole chain' | 'since anchor';
}

export interface AuditFiles {
  /** IPLUS_AUDIT_KEY_FILE, default `<data>/audit.key`. */
  keyFile: string;
  /** IPLUS_AUDIT_ANCHOR_FILE, default `<data>/audit-anchor.json`. */
  anchorFile: string;
}

/**
 * Guards the audit chain against whoever can write the database: the chain is keyed (HMAC, key in
 * a file, not in the database), and its head is anchored in a signed file outside the database
 * after every check that passes. A rewrite without the key breaks the keyed hashes; a rewrite with
 * the key, or a truncation, contradicts the anchor (the anchored entry differs or is gone). Checked
 * in full on a schedule, on request (`GET /api/audit/verify`) and once the platform serves after a
 * start; the start itself checks what came since the anchor (a full check grew with the chain, and
 * the platform served only after it); the last result is in `/health`. A log from before keying goes on keyed at a marked entry (`audit.keyed`), which covers
 * the last unkeyed hash. While the chain is broken the anchor does not move (and a break is logged
 * as an error when it is first seen); a missing or forged anchor stays reported until a restart.
 */
export class AuditIntegrity {
  private keying: AuditKeying | undefined;
  private anchor: AuditAnchor | undefined;
  /** A problem found at start that no later check can clear (a missing or forged anchor). */
  private problem: string | undefined;
  private last: AuditCheck | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<AuditCheck> | undefined;

  constructor(
    private readonly audit: AuditLog,
    private readonly db: Db,
    private readonly files: AuditFiles,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Loads (or creates) the key and the anchor, keys the log, marks where keying starts, and checks
   * the entries since the anchor and the anchored entry (a truncation or a rewrite with the key
   * contradicts the anchor; the entries after it are verified). Without an anchor, the whole chain.
   * The caller runs the whole check once the platform serves (`check`).
   */
  async start(): Promise<AuditCheck> {
    const { key, created } = loadOrCreateAuditKey(this.files.keyFile);
    try {
      this.anchor = readAnchor(this.files.anchorFile, key);
    } catch (e) {
      this.problem = (e as Error).message;
    }
    const head = await this.audit.head();
    const marker = await this.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', KEYED_MARKER)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    let keyedFrom = this.anchor?.keyedFrom ?? (marker ? Number(marker.seq) : 1);
    if (!this.anchor && !this.problem) {
      if (!created) {
        this.problem = `the audit anchor ${this.files.anchorFile} is missing while the audit key existed: it was removed`;
      } else if (marker) {
        this.problem = `the log is keyed from entry ${marker.seq}, but the audit key ${this.files.keyFile} was created now: the key was lost or replaced`;
      } else if (head.seq > 0) {
        // A log from before keying: it goes on keyed at a marker entry, which covers its last hash.
        keyedFrom = head.seq + 1;
        this.audit.keyWith({ key, keyedFrom });
        await transact(this.db, (trx) =>
          this.audit.appendIn(trx, {
            user: 'system',
            agencyId: 'IPLUS',
            action: KEYED_MARKER,
            object: `entries 1-${head.seq} were written before keying`,
            outcome: 'ok',
          }),
        );
        this.logger.warn('audit log keyed from now on; earlier entries keep their unkeyed hashes', {
          keyedFrom,
        });
      }
    }
    this.keying = { key, keyedFrom };
    this.audit.keyWith(this.keying);
    return this.anchor && !this.problem ? this.checkSinceAnchor(this.anchor) : this.check();
  }

  /** Verifies the whole chain against the anchor; anchors the new head when both agree. */
  check(): Promise<AuditCheck> {
    this.running ??= this.runCheck().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The last check, undefined before the first (the metrics read it). */
  lastCheck(): AuditCheck | undefined {
    return this.last;
  }

  /** The last check as a `/health` part. */
  health(): { status: 'up' | 'down' } & Partial<AuditCheck> {
    if (!this.last) return { status: 'down', reason: 'not checked yet' };
    return { status: this.last.ok ? 'up' : 'down', ...this.last };
  }

  /** Checks every `intervalMs` (and the timer does not keep the process alive). */
  schedule(intervalMs: number): void {
    this.timer = setInterval(() => void this.check().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /**
   * Checks the whole chain once the platform serves: when `serving` resolves (after the bring-up; a
   * check beside it would slow it), or after `latestMs` when it is late (an engine still down).
   */
  checkInFullOnceServing(serving: Promise<unknown>, latestMs = 30_000): void {
    let asked = false;
    const checkInFull = () => {
      if (asked) return;
      asked = true;
      void this.check().catch((error: unknown) => this.logger.warn('audit check failed', { error }));
    };
    setTimeout(checkInFull, latestMs).unref();
    void serving.then(checkInFull, () => undefined);
  }

  /** Stops the schedule and anchors the head a last time (a check of what came since the anchor). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    if (!this.anchor || this.problem || this.last?.ok === false) return;
    const since = await this.sinceAnchor(this.anchor);
    if (since.ok) this.anchorAt(this.anchor.keyedFrom, since.head);
  }

  private async runCheck(): Promise<AuditCheck> {
    const keyedFrom = this.keying?.keyedFrom ?? 1;
    const anchor = this.anchor;
    const chain = await this.audit.verify(5000, { watch: anchor ? [anchor.seq] : [] });
    let ok = chain.ok && !this.problem;
    let brokenAt = chain.ok ? undefined : chain.brokenAt;
    let reason = chain.ok ? this.problem : chain.reason;
    const contradicted =
      chain.ok && anchor && anchor.seq > 0 && !this.problem
        ? contradiction(anchor, chain.head.seq, chain.seen.get(anchor.seq))
        : undefined;
    if (contradicted) ({ ok, brokenAt, reason } = { ok: false, ...contradicted });
    if (ok) this.anchorAt(keyedFrom, chain.head);
    const result: AuditCheck = {
      ok,
      entries: chain.entries,
      ...(brokenAt !== undefined ? { brokenAt } : {}),
      ...(reason !== undefined ? { reason } : {}),
      keyedFrom,
      anchoredSeq: this.anchor?.seq ?? null,
      anchoredAt: this.anchor?.at ?? null,
      checkedAt: this.clock.now().toISOString(),
      scope: 'whole chain',
    };
    return this.record(result);
  }

  /** At start: the entries after the anchor chain on to it, and the anchored entry is unchanged. */
  private async checkSinceAnchor(anchor: AuditAnchor): Promise<AuditCheck> {
    const { ok, head, brokenAt, reason } = await this.sinceAnchor(anchor);
    if (ok) this.anchorAt(anchor.keyedFrom, head);
    return this.record({
      ok,
      entries: head.seq,
      ...(brokenAt !== undefined ? { brokenAt } : {}),
      ...(reason !== undefined ? { reason } : {}),
      keyedFrom: anchor.keyedFrom,
      anchoredSeq: this.anchor?.seq ?? null,
      anchoredAt: this.anchor?.at ?? null,
      checkedAt: this.clock.now().toISOString(),
      scope: 'since anchor',
    });
  }

  /** Verifies the entries after the anchor and compares the anchored entry with the anchor. */
  private async sinceAnchor(
    anchor: AuditAnchor,
  ): Promise<{ ok: boolean; head: { seq: number; hash: string }; brokenAt?: number; reason?: string }> {
    const since = await this.audit.verify(5000, { from: { seq: anchor.seq, hash: anchor.hash } });
    const anchoredHash = anchor.seq === 0 ? anchor.hash : await this.audit.hashAt(anchor.seq);
    // An anchored entry gone: where the log ends now (the verify started at the anchor).
    const headSeq = anchoredHash === undefined ? (await this.audit.head()).seq : since.head.seq;
    const contradicted = contradiction(anchor, headSeq, anchoredHash);
    if (contradicted) return { ok: false, head: since.head, ...contradicted };
    return since.ok
      ? { ok: true, head: since.head }
      : { ok: false, head: since.head, brokenAt: since.brokenAt, reason: since.reason };
  }

  private record(result: AuditCheck): AuditCheck {
    if (!result.ok && this.last?.ok !== false)
      this.logger.error('audit chain broken', { brokenAt: result.brokenAt, reason: result.reason });
    this.last = result;
    return result;
  }

  private anchorAt(keyedFrom: number, head: { seq: number; hash: string }): void {
    if (!this.keying) return;
    this.anchor = { keyedFrom, seq: head.seq, hash: head.hash, at: this.clock.now().toISOString() };
    writeAnchor(this.files.anchorFile, this.keying.key, this.anchor);
    this.logger.info('audit anchored', { seq: head.seq, hash: head.hash });
  }
}

/**
 * Where the log contradicts its anchor, given its head and the hash now at the anchored entry: entries
 * removed (the log ends before the anchored one) or the anchored entry rewritten; undefined when it
 * agrees.
 */
function contradiction(
  anchor: AuditAnchor,
  headSeq: number,
  anchoredHash: string | undefined,
): { brokenAt: number; reason: string } | undefined {
  if (headSeq < anchor.seq)
    return {
      brokenAt: headSeq + 1,
      reason: `the log ends at entry ${headSeq}, but entry ${anchor.seq} was anchored at ${anchor.at}: entries were removed`,
    };
  if (anchoredHash !== anchor.hash)
    return {
      brokenAt: anchor.seq,
      reason: `entry ${anchor.seq} differs from the one anchored at ${anchor.at}: the log was rewritten`,
    };
  return undefined;
}
